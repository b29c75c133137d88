//! The desk's HTTP server: the page, its assets, and the JSON endpoints it reads (documented
//! in `docs/desk.md`).
//!
//! Every answer carries a `Content-Security-Policy` that lets the page run only its own
//! script and style and talk only to this server. With a token, every request must bring it:
//! `Authorization: Bearer <token>`, or the cookie that opening `/?token=<token>` once sets
//! (a browser cannot add a header to a page load).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{Query, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use copydesk_core::auth::{bearer_token, same_token};
use copydesk_sink::{SearchQuery, Since, Store, StoreError, StoreLocation};
use serde::Deserialize;
use serde_json::{Value, json};
use tokio::sync::broadcast;
use tokio_util::sync::CancellationToken;

use crate::wire::{Event, Wire, summary};

/// The policy of every answer: the page's own script, style, images and connections only; no
/// inline script or style, no plugins, no frames, no forms elsewhere, no `<base>`.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
                   connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The cookie that carries the token for a browser.
const COOKIE: &str = "copydesk_desk";

/// Live view events a browser gets per second at most; the rest are dropped and counted: a
/// browser shows a few articles a second, and each costs a parse of its record here.
const MAX_EVENTS_PER_SEC: f64 = 50.0;

/// Rows a list endpoint returns at most.
const MAX_LIMIT: usize = 200;

/// Settings of the desk.
#[derive(Debug, Clone)]
pub struct DeskConfig {
    /// Address to listen on, `HOST:PORT` (default 127.0.0.1:8081: this machine only).
    pub listen: String,
    /// Token every request must bring, when set.
    pub token: Option<String>,
    /// The store to read (search, overview, articles), when there is one: an SQLite file or
    /// a PostgreSQL database.
    pub store: Option<StoreLocation>,
}

impl Default for DeskConfig {
    fn default() -> DeskConfig {
        DeskConfig { listen: "127.0.0.1:8081".to_owned(), token: None, store: None }
    }
}

#[derive(Debug)]
struct AppState {
    token: Option<String>,
    /// The cookie value that stands for the token: its hex form (any token fits a cookie).
    cookie: Option<String>,
    store: Option<StoreLocation>,
    /// The store, once opened (a file not created yet is opened again at the next request).
    opened: tokio::sync::Mutex<Option<Store>>,
    wire: Option<Arc<Wire>>,
    shutdown: CancellationToken,
}

/// A bound desk, ready to run.
#[derive(Debug)]
pub struct Desk {
    listener: tokio::net::TcpListener,
    addr: SocketAddr,
    cfg: DeskConfig,
    wire: Option<Arc<Wire>>,
}

impl Desk {
    /// Binds the listening socket. `wire` is the live stream, when the desk runs inside a
    /// pipeline (`serve`); without it the desk shows the store only.
    ///
    /// # Errors
    /// When the address cannot be bound.
    pub async fn bind(cfg: DeskConfig, wire: Option<Arc<Wire>>) -> anyhow::Result<Desk> {
        let listener = tokio::net::TcpListener::bind(cfg.listen.as_str())
            .await
            .map_err(|e| anyhow::anyhow!("cannot listen on {} for the desk: {e}", cfg.listen))?;
        let addr = listener.local_addr()?;
        Ok(Desk { listener, addr, cfg, wire })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The URL to open.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// Serves until `shutdown`; open live views end then too.
    ///
    /// # Errors
    /// When the server fails.
    pub async fn run(self, shutdown: CancellationToken) -> anyhow::Result<()> {
        let token = self.cfg.token.filter(|t| !t.is_empty());
        let state = Arc::new(AppState {
            cookie: token.as_deref().map(hex),
            token,
            store: self.cfg.store,
            opened: tokio::sync::Mutex::new(None),
            wire: self.wire,
            shutdown: shutdown.clone(),
        });
        let mut app = Router::new();
        for (path, ctype, body) in crate::assets::ALL {
            app = app
                .route(path, get(move || async move { ([(header::CONTENT_TYPE, ctype)], body) }));
        }
        let app = app
            .route("/api/info", get(info))
            .route("/api/wire", get(wire))
            .route("/api/recent", get(recent))
            .route("/api/search", get(search))
            .route("/api/article", get(article))
            .route("/api/overview", get(overview))
            .fallback(|| async { error(StatusCode::NOT_FOUND, "no such page") })
            .layer(middleware::from_fn_with_state(state.clone(), guard))
            .with_state(state);
        axum::serve(self.listener, app)
            .with_graceful_shutdown(shutdown.cancelled_owned())
            .await
            .map_err(|e| anyhow::anyhow!("the desk failed: {e}"))
    }
}

/// Lower-case hex of a string's bytes.
fn hex(s: &str) -> String {
    s.bytes().map(|b| format!("{b:02x}")).collect()
}

fn error(status: StatusCode, reason: impl Into<String>) -> Response {
    (status, axum::Json(json!({ "error": reason.into() }))).into_response()
}

/// A request that cannot be answered: its status and why (a small `Err`, made a response
/// at the end).
#[derive(Debug)]
struct Failure(StatusCode, String);

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        error(self.0, self.1)
    }
}

/// Checks the token (when one is set), and adds the security headers to every answer.
async fn guard(State(s): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let mut res = match admitted(&s, &req) {
        Admission::Yes => next.run(req).await,
        Admission::SetCookie => {
            // The token leaves the address bar: the cookie carries it from now on.
            let mut r = (StatusCode::SEE_OTHER, [(header::LOCATION, "/")]).into_response();
            let cookie = format!(
                "{COOKIE}={}; Path=/; HttpOnly; SameSite=Strict",
                s.cookie.as_deref().unwrap_or_default()
            );
            if let Ok(v) = HeaderValue::from_str(&cookie) {
                r.headers_mut().insert(header::SET_COOKIE, v);
            }
            r
        }
        Admission::No => {
            let mut r = error(
                StatusCode::UNAUTHORIZED,
                "a valid token is required: open /?token=<token> once, or send \
                 Authorization: Bearer <token>",
            );
            r.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            r
        }
    };
    let h = res.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.entry(header::CACHE_CONTROL).or_insert(HeaderValue::from_static("no-cache"));
    res
}

enum Admission {
    Yes,
    SetCookie,
    No,
}

fn admitted(s: &AppState, req: &Request) -> Admission {
    let (Some(token), Some(cookie)) = (&s.token, &s.cookie) else { return Admission::Yes };
    let headers = req.headers();
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(bearer_token)
        .is_some_and(|t| same_token(t.as_bytes(), token.as_bytes()));
    let cookies = headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok());
    let by_cookie = cookies.flat_map(|v| v.split(';')).any(|c| {
        c.trim()
            .strip_prefix(COOKIE)
            .and_then(|c| c.strip_prefix('='))
            .is_some_and(|v| same_token(v.as_bytes(), cookie.as_bytes()))
    });
    if bearer || by_cookie {
        return Admission::Yes;
    }
    #[derive(Deserialize)]
    struct TokenParam {
        token: Option<String>,
    }
    let given = Query::<TokenParam>::try_from_uri(req.uri()).ok().and_then(|q| q.0.token);
    if req.uri().path() == "/" && given.is_some_and(|g| same_token(g.as_bytes(), token.as_bytes()))
    {
        Admission::SetCookie
    } else {
        Admission::No
    }
}

/// `GET /api/info`: what this desk can show.
async fn info(State(s): State<Arc<AppState>>) -> Response {
    axum::Json(json!({
        "version": env!("CARGO_PKG_VERSION"),
        "live": s.wire.is_some(),
        "store": s.store.as_ref().map(ToString::to_string),
    }))
    .into_response()
}

/// Runs a store query: the store is opened at the first one (read-only) and kept.
async fn with_store<T, F>(s: &AppState, f: impl FnOnce(Store) -> F) -> Result<T, Failure>
where
    F: std::future::Future<Output = Result<T, StoreError>>,
{
    let Some(location) = &s.store else {
        return Err(Failure(StatusCode::NOT_FOUND, "this desk reads no store".into()));
    };
    let store = {
        let mut opened = s.opened.lock().await;
        match &*opened {
            Some(store) => store.clone(),
            None => {
                if let StoreLocation::Sqlite(path) = location
                    && !path.exists()
                {
                    return Err(Failure(
                        StatusCode::SERVICE_UNAVAILABLE,
                        format!("the store {} does not exist yet", path.display()),
                    ));
                }
                let store = Store::open_read_only(location)
                    .await
                    .map_err(|e| Failure(StatusCode::SERVICE_UNAVAILABLE, e.to_string()))?;
                *opened = Some(store.clone());
                store
            }
        }
    };
    f(store).await.map_err(|e| {
        let status = if e.is_unavailable() {
            StatusCode::SERVICE_UNAVAILABLE
        } else {
            StatusCode::INTERNAL_SERVER_ERROR
        };
        Failure(status, format!("the store: {e}"))
    })
}

fn parse(json: &str) -> Value {
    serde_json::from_str(json).unwrap_or(Value::Null)
}

/// `GET /api/wire`: the live stream as server-sent events, one `article` event per record
/// (`{"article": <summary>, "dropped": <events this view missed so far>}`).
async fn wire(State(s): State<Arc<AppState>>) -> Response {
    let Some(wire) = &s.wire else {
        return error(StatusCode::NOT_FOUND, "no live wire: this desk reads a store only");
    };
    let view = View {
        rx: wire.subscribe(),
        shutdown: s.shutdown.clone(),
        dropped: 0,
        budget: MAX_EVENTS_PER_SEC,
        refilled: Instant::now(),
        counter: metrics::counter!("copydesk_desk_events_dropped_total"),
    };
    let gauge = metrics::gauge!("copydesk_desk_live_views");
    gauge.increment(1.0);
    let stream = futures::stream::unfold((view, Open(gauge)), |(mut view, open)| async move {
        let event = view.next().await?;
        Some((Ok::<_, std::convert::Infallible>(event), (view, open)))
    });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))).into_response()
}

/// Counts an open live view while it lives.
struct Open(metrics::Gauge);

impl Drop for Open {
    fn drop(&mut self) {
        self.0.decrement(1.0);
    }
}

/// One browser's view of the wire.
struct View {
    rx: broadcast::Receiver<Event>,
    shutdown: CancellationToken,
    dropped: u64,
    /// Events it may still be sent now (refilled at [`MAX_EVENTS_PER_SEC`]).
    budget: f64,
    refilled: Instant,
    counter: metrics::Counter,
}

impl View {
    /// The next event to send; `None` at shutdown.
    async fn next(&mut self) -> Option<SseEvent> {
        loop {
            let got = tokio::select! {
                r = self.rx.recv() => r,
                () = self.shutdown.cancelled() => return None,
            };
            match got {
                Ok(event) => {
                    let now = Instant::now();
                    let refill =
                        now.duration_since(self.refilled).as_secs_f64() * MAX_EVENTS_PER_SEC;
                    self.budget = (self.budget + refill).min(MAX_EVENTS_PER_SEC);
                    self.refilled = now;
                    if self.budget < 1.0 {
                        self.missed(1);
                        continue;
                    }
                    self.budget -= 1.0;
                    let data =
                        json!({"article": summary(&parse(&event.1)), "dropped": self.dropped});
                    return Some(SseEvent::default().event("article").data(data.to_string()));
                }
                Err(broadcast::error::RecvError::Lagged(n)) => self.missed(n),
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    }

    fn missed(&mut self, n: u64) {
        self.dropped += n;
        self.counter.increment(n);
    }
}

#[derive(Debug, Deserialize)]
struct LimitParams {
    limit: Option<usize>,
}

/// `GET /api/recent?limit=N`: the newest articles (those that just passed the live wire, then
/// the store's newest), as summaries.
async fn recent(State(s): State<Arc<AppState>>, Query(p): Query<LimitParams>) -> Response {
    let limit = p.limit.unwrap_or(50).clamp(1, MAX_LIMIT);
    let mut out: Vec<Value> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    if let Some(w) = &s.wire {
        for e in w.recent().into_iter().take(limit) {
            seen.insert(e.0.clone());
            out.push(summary(&parse(&e.1)));
        }
    }
    if out.len() < limit && s.store.is_some() {
        let q = SearchQuery { limit, ..SearchQuery::default() };
        match with_store(&s, move |c| async move { c.search(&q).await }).await {
            Ok(hits) => {
                let more = hits.into_iter().filter(|h| !seen.contains(&h.id));
                out.extend(more.take(limit - out.len()).map(|h| summary(&parse(&h.record))));
            }
            // A store not created yet is no error for the live view.
            Err(Failure(StatusCode::SERVICE_UNAVAILABLE, _)) => {}
            Err(f) => return f.into_response(),
        }
    }
    axum::Json(json!({ "articles": out })).into_response()
}

/// The filters of `GET /api/search`: those of `copydesk search`.
#[derive(Debug, Deserialize)]
struct SearchParams {
    q: Option<String>,
    entity: Option<String>,
    country: Option<String>,
    tag: Option<String>,
    lang: Option<String>,
    since: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

/// A parameter that was given and is not blank.
fn given(p: Option<String>) -> Option<String> {
    p.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

fn since(p: Option<String>) -> Result<Option<Since>, Failure> {
    match given(p).filter(|s| s != "all") {
        None => Ok(None),
        Some(s) => {
            Since::parse(&s).map(Some).map_err(|e| Failure(StatusCode::BAD_REQUEST, e.to_string()))
        }
    }
}

/// `GET /api/search`: ranked hits with snippets, a page at a time.
async fn search(State(s): State<Arc<AppState>>, Query(p): Query<SearchParams>) -> Response {
    let since = match since(p.since) {
        Ok(s) => s,
        Err(f) => return f.into_response(),
    };
    let limit = p.limit.unwrap_or(50).clamp(1, MAX_LIMIT);
    let offset = p.offset.unwrap_or(0);
    let q = SearchQuery {
        text: given(p.q),
        entity: given(p.entity),
        country: given(p.country),
        author: None,
        tag: given(p.tag),
        lang: given(p.lang),
        since,
        // One more than shown: whether there is a next page.
        limit: limit + 1,
        offset,
    };
    let hits = match with_store(&s, move |c| async move { c.search(&q).await }).await {
        Ok(h) => h,
        Err(f) => return f.into_response(),
    };
    let more = hits.len() > limit;
    let hits: Vec<Value> = hits
        .into_iter()
        .take(limit)
        .map(|h| {
            let mut v = summary(&parse(&h.record));
            v["snippet"] = Value::String(h.snippet);
            v
        })
        .collect();
    axum::Json(json!({ "hits": hits, "offset": offset, "limit": limit, "more": more }))
        .into_response()
}

#[derive(Debug, Deserialize)]
struct ArticleParams {
    id: String,
}

/// `GET /api/article?id=ID`: the record, its entities as one list, and its text as
/// paragraphs of segments with the mentions marked.
async fn article(State(s): State<Arc<AppState>>, Query(p): Query<ArticleParams>) -> Response {
    let mut json = s.wire.as_ref().and_then(|w| w.find(&p.id)).map(|e| e.1.clone());
    if json.is_none() && s.store.is_some() {
        let id = p.id.clone();
        match with_store(&s, move |c| async move { c.record_by_id(&id).await }).await {
            Ok(found) => json = found,
            Err(f) => return f.into_response(),
        }
    }
    let Some(json) = json else {
        return error(StatusCode::NOT_FOUND, format!("no article {:?}", p.id));
    };
    let record = parse(&json);
    let mut entities = Vec::new();
    let mut forms = Vec::new();
    for (key, kind) in
        [("persons", "person"), ("organizations", "organization"), ("locations", "location")]
    {
        for e in record["entities"][key].as_array().into_iter().flatten() {
            let i = entities.len();
            let names =
                std::iter::once(&e["name"]).chain(e["forms"].as_array().into_iter().flatten());
            forms.extend(names.filter_map(Value::as_str).map(|f| (f.to_owned(), i)));
            let mut entity = e.clone();
            entity["kind"] = kind.into();
            entities.push(entity);
        }
    }
    let text = record["text"].as_str().unwrap_or_default();
    let paragraphs = crate::paragraphs(text, &forms);
    axum::Json(json!({ "record": record, "entities": entities, "paragraphs": paragraphs }))
        .into_response()
}

#[derive(Debug, Deserialize)]
struct OverviewParams {
    since: Option<String>,
    top: Option<usize>,
}

/// `GET /api/overview?since=24h&top=10`: counts, the timeline, top lists and places.
async fn overview(State(s): State<Arc<AppState>>, Query(p): Query<OverviewParams>) -> Response {
    let period = given(p.since).unwrap_or_else(|| "24h".to_owned());
    let since = match since(Some(period.clone())) {
        Ok(s) => s,
        Err(f) => return f.into_response(),
    };
    // Per minute when the period starts within the last day, per hour before.
    let day = Since::parse("24h").ok();
    let minutes = match (&since, &day) {
        (Some(s), Some(d)) => s.as_str() >= d.as_str(),
        _ => false,
    };
    let top = p.top.unwrap_or(10).clamp(1, 50);
    let o = match with_store(
        &s,
        move |c| async move { c.overview(since.as_ref(), minutes, top).await },
    )
    .await
    {
        Ok(o) => o,
        Err(f) => return f.into_response(),
    };
    let pairs = |items: &[(String, u64)]| -> Vec<Value> {
        items.iter().map(|(k, n)| json!([k, n])).collect()
    };
    axum::Json(json!({
        "since": period,
        "articles": o.stats.articles,
        "duplicates": o.stats.duplicates,
        "first": o.stats.first,
        "last": o.stats.last,
        "bucket": o.bucket,
        "timeline": pairs(&o.timeline),
        "languages": pairs(&o.stats.languages),
        "sources": pairs(&o.stats.sources),
        "tags": pairs(&o.stats.tags),
        "countries": pairs(&o.countries),
        "entities": o.stats.entities.iter()
            .map(|(kind, name, n)| json!({"kind": kind, "name": name, "articles": n}))
            .collect::<Vec<_>>(),
        "places": o.places.iter()
            .map(|p| json!({"name": p.name, "country": p.country, "lat": p.lat, "lon": p.lon, "articles": p.articles}))
            .collect::<Vec<_>>(),
    }))
    .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// One request over a fresh connection: status, head, body.
    async fn get(addr: SocketAddr, path: &str, headers: &[(&str, &str)]) -> (u16, String, String) {
        let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
        let mut req = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        for (k, v) in headers {
            req.push_str(&format!("{k}: {v}\r\n"));
        }
        req.push_str("\r\n");
        s.write_all(req.as_bytes()).await.unwrap();
        let mut resp = Vec::new();
        s.read_to_end(&mut resp).await.unwrap();
        let resp = String::from_utf8_lossy(&resp).into_owned();
        let (head, body) = resp.split_once("\r\n\r\n").unwrap_or((&resp, ""));
        let status = head.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
        (status, head.to_ascii_lowercase(), body.to_owned())
    }

    async fn start(
        token: Option<&str>,
        wire: Option<Arc<Wire>>,
    ) -> (SocketAddr, CancellationToken) {
        let cfg =
            DeskConfig { listen: "127.0.0.1:0".into(), token: token.map(Into::into), store: None };
        let desk = Desk::bind(cfg, wire).await.unwrap();
        let addr = desk.addr();
        let stop = CancellationToken::new();
        tokio::spawn(desk.run(stop.clone()));
        (addr, stop)
    }

    #[tokio::test]
    async fn every_answer_has_the_policy_and_the_token_is_required() {
        let (addr, stop) = start(Some("s3 cret"), None).await;
        let (status, head, _) = get(addr, "/", &[]).await;
        assert_eq!(status, 401);
        assert!(
            head.contains("content-security-policy: default-src 'none'; script-src 'self'"),
            "{head}"
        );
        assert_eq!(get(addr, "/api/info", &[]).await.0, 401);
        assert_eq!(get(addr, "/?token=wrong", &[]).await.0, 401);
        // The token once in the address: a cookie, and back to `/`.
        let (status, head, _) = get(addr, "/?token=s3%20cret", &[]).await;
        assert_eq!(status, 303, "{head}");
        let cookie = head
            .lines()
            .find_map(|l| l.strip_prefix("set-cookie: "))
            .and_then(|c| c.split(';').next())
            .unwrap()
            .to_owned();
        assert!(head.contains("httponly") && head.contains("samesite=strict"), "{head}");
        let (status, head, body) = get(addr, "/", &[("Cookie", &cookie)]).await;
        assert_eq!(status, 200);
        assert!(head.contains("content-security-policy") && head.contains("nosniff"));
        assert!(body.contains("<script src=\"/assets/desk.js\""), "{body}");
        let (status, _, body) =
            get(addr, "/api/info", &[("Authorization", "Bearer s3 cret")]).await;
        assert_eq!(status, 200);
        assert_eq!(serde_json::from_str::<Value>(&body).unwrap()["live"], false);
        let (status, head, _) = get(addr, "/api/wire", &[("Cookie", &cookie)]).await;
        assert_eq!(status, 404);
        assert!(head.contains("content-security-policy"));
        stop.cancel();
    }

    #[tokio::test]
    async fn the_live_view_sends_articles_and_ends_at_shutdown() {
        let wire = Wire::new();
        let (addr, stop) = start(None, Some(wire.clone())).await;
        let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
        s.write_all(b"GET /api/wire HTTP/1.1\r\nHost: localhost\r\n\r\n").await.unwrap();
        // Publish until the view is subscribed and says so (a condition, not a sleep).
        let record = json!({"id": "w1", "title": "<b>Wire</b>", "entities": {"persons": [{"name": "Ann Lee", "count": 1}]}});
        let mut got = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(30);
        while !String::from_utf8_lossy(&got).contains("event: article") {
            assert!(Instant::now() < deadline, "{}", String::from_utf8_lossy(&got));
            wire.publish("w1", &record.to_string());
            let mut buf = [0u8; 4096];
            if let Ok(Ok(n)) =
                tokio::time::timeout(Duration::from_millis(50), s.read(&mut buf)).await
            {
                got.extend_from_slice(&buf[..n]);
            }
        }
        let text = String::from_utf8_lossy(&got).into_owned();
        assert!(text.contains("text/event-stream"), "{text}");
        assert!(text.contains(r#""title":"<b>Wire</b>""#) && text.contains("Ann Lee"), "{text}");
        let (_, _, body) = get(addr, "/api/recent?limit=5", &[]).await;
        let v: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["articles"][0]["id"], "w1");
        let (_, _, body) = get(addr, "/api/article?id=w1", &[]).await;
        let v: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["entities"][0]["kind"], "person");
        assert_eq!(get(addr, "/api/article?id=nope", &[]).await.0, 404);
        assert_eq!(get(addr, "/api/search?q=x", &[]).await.0, 404, "no store");
        // A shutdown ends the open stream (the server's graceful stop can finish).
        stop.cancel();
        let mut rest = Vec::new();
        tokio::time::timeout(Duration::from_secs(30), s.read_to_end(&mut rest))
            .await
            .unwrap()
            .unwrap();
    }
}
