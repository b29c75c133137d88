//! HTTP ingest: `POST /articles`, plus `GET /health` and `GET /ready`.
//!
//! An accepted request is **spooled**: its articles are written as one NDJSON file into a spool
//! folder (temporary name, `fsync`, rename, `fsync` of the folder) before the answer, so a
//! `202 Accepted` survives a crash. A directory source of its own reads the spool folder (the
//! same acks and state store as `watch`) and deletes each file once all its articles are
//! written. With `?wait=true` the answer waits until then (`200`). Ids are given in the
//! answer: the input's `id`, else the hash of the normalized text that the pipeline computes
//! too (it is written into the spooled record, so both agree by construction).
//!
//! The bearer token (when set) is checked before the body is read, so a client without it gets
//! `401` and the server never buffers its body. Every error answer, also those axum makes
//! itself (`404`, `405`, `413`, a bad query string), is JSON: `{"error": "<reason>"}`.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Query, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use copydesk_core::auth::{bearer_token, same_token};
use copydesk_core::{Item, Origin, RawArticle};
use copydesk_ingest::{Completion, DirSource, Resolved, SourceReport, WatchConfig};
use copydesk_normalize::NormalizeConfig;
use serde_json::{Map, Value, json};
use tokio::sync::broadcast;
use tokio_util::sync::CancellationToken;

/// Settings of the HTTP source.
#[derive(Debug, Clone)]
pub struct HttpConfig {
    /// Address to listen on, `HOST:PORT` with an IP address or a host name resolved when
    /// binding (default 127.0.0.1:8080; port 0 picks a free one).
    pub listen: String,
    /// Bearer token required on `POST /articles`, when set.
    pub token: Option<String>,
    /// Largest request body, in bytes (413 above).
    pub max_body: usize,
    /// Folder of accepted requests not yet written.
    pub spool: PathBuf,
    /// Requests accepted but not yet written above which new ones get 429.
    pub max_pending: u64,
    /// How long `?wait=true` waits for the sinks before answering 504.
    pub wait_timeout: Duration,
}

/// The HTTP source: a listener plus the directory source over its spool folder.
#[derive(Debug)]
pub struct HttpSource {
    cfg: HttpConfig,
    listener: Option<tokio::net::TcpListener>,
    spool: DirSource,
    resolved_tx: broadcast::Sender<Resolved>,
    normalize: Option<NormalizeConfig>,
    sinks: SinkReadiness,
}

/// The sinks that can be unreachable (a PostgreSQL store), by name, with a flag that is true
/// while they can write: `/ready` answers `503` while one cannot.
pub(crate) type SinkReadiness = Arc<Vec<(String, Arc<AtomicBool>)>>;

/// `/ready`: `200` while running with every sink reachable; `503` with the reason otherwise.
fn readiness(running: bool, sinks: &SinkReadiness) -> Response {
    if !running {
        return (StatusCode::SERVICE_UNAVAILABLE, "shutting down\n").into_response();
    }
    match sinks.iter().find(|(_, up)| !up.load(Ordering::Relaxed)) {
        Some((name, _)) => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("the sink {name} cannot be reached; articles wait\n"),
        )
            .into_response(),
        None => (StatusCode::OK, "ready\n").into_response(),
    }
}

impl HttpSource {
    /// Creates the spool folder and its state store.
    ///
    /// # Errors
    /// When the folder or the store cannot be created.
    pub fn new(cfg: HttpConfig, normalize: Option<NormalizeConfig>) -> anyhow::Result<HttpSource> {
        std::fs::create_dir_all(&cfg.spool).map_err(|e| {
            anyhow::anyhow!("cannot create the HTTP spool folder {}: {e}", cfg.spool.display())
        })?;
        // The directory source reports canonical paths; ?wait=true compares with them.
        let mut cfg = cfg;
        cfg.spool = std::fs::canonicalize(&cfg.spool).map_err(|e| {
            anyhow::anyhow!("cannot resolve the HTTP spool folder {}: {e}", cfg.spool.display())
        })?;
        let (resolved_tx, _) = broadcast::channel(4096);
        let spool = DirSource::new(WatchConfig {
            dirs: vec![cfg.spool.clone()],
            state: Some(cfg.spool.join(".state.sqlite")),
            once: false,
            recursive: false,
            spool_ext: vec!["ndjson".into()],
            tail_ext: Vec::new(),
            quiet: Duration::ZERO,
            rescan: Duration::from_secs(10),
            // A body grows when re-encoded as JSON (escapes, replacement characters).
            max_bytes: cfg.max_body.max(1).saturating_mul(8),
            completion: Completion::Delete,
            on_resolved: Some(resolved_tx.clone()),
            // Records say where they came from: HTTP, not a spool file deleted once done.
            source_name: "http".to_owned(),
            record_path: false,
            ..WatchConfig::default()
        })?;
        Ok(HttpSource { cfg, listener: None, spool, resolved_tx, normalize, sinks: Arc::default() })
    }

    /// Live counters of the spool source.
    pub fn progress(&self) -> Arc<copydesk_ingest::SourceProgress> {
        self.spool.progress()
    }

    /// The sinks whose reachability `/ready` reports.
    pub(crate) fn set_sinks(&mut self, sinks: SinkReadiness) {
        self.sinks = sinks;
    }

    /// Binds the listening socket (before the pipeline says it is ready, so that a taken
    /// port fails the start rather than a source in the background); prints the address.
    ///
    /// # Errors
    /// When the address cannot be bound.
    pub async fn bind(&mut self) -> anyhow::Result<SocketAddr> {
        let listener = tokio::net::TcpListener::bind(self.cfg.listen.as_str())
            .await
            .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", self.cfg.listen))?;
        let addr = listener.local_addr()?;
        eprintln!("copydesk: listening on http://{addr}");
        self.listener = Some(listener);
        Ok(addr)
    }

    /// Listens until `shutdown`, feeding accepted articles (through the spool) to `tx`.
    ///
    /// # Errors
    /// When the address cannot be bound, or the spool source fails.
    pub async fn run(
        mut self,
        tx: copydesk_core::Tx<Item<RawArticle>>,
        shutdown: CancellationToken,
    ) -> anyhow::Result<SourceReport> {
        if self.listener.is_none() {
            self.bind().await?;
        }
        let listener = self.listener.take().ok_or_else(|| anyhow::anyhow!("not bound"))?;
        let pending = Arc::new(AtomicU64::new(0));
        // Spooled files left by an earlier run count as pending until written.
        let leftover = std::fs::read_dir(&self.cfg.spool)
            .map(|d| {
                d.filter_map(Result::ok)
                    .filter(|e| e.path().extension().is_some_and(|x| x == "ndjson"))
                    .count() as u64
            })
            .unwrap_or(0);
        pending.store(leftover, Ordering::Relaxed);
        let state = Arc::new(AppState {
            token: self.cfg.token.clone(),
            max_body: self.cfg.max_body,
            spool: self.cfg.spool.clone(),
            max_pending: self.cfg.max_pending,
            wait_timeout: self.cfg.wait_timeout,
            pending: pending.clone(),
            seq: AtomicU64::new(0),
            resolved: self.resolved_tx.clone(),
            normalize: self.normalize.clone(),
            ready: AtomicBool::new(true),
            shutdown: shutdown.clone(),
            sinks: self.sinks.clone(),
        });
        // Count resolved spool files, so that `pending` falls as the sinks catch up.
        let mut resolved_rx = self.resolved_tx.subscribe();
        let counter = tokio::spawn(async move {
            loop {
                let n = match resolved_rx.recv().await {
                    Ok(_) => 1,
                    Err(broadcast::error::RecvError::Lagged(n)) => n,
                    Err(broadcast::error::RecvError::Closed) => break,
                };
                release_n(&pending, n);
            }
        });
        let app = Router::new()
            .route("/articles", post(post_articles))
            // Before the handler, whose arguments read the body.
            .route_layer(middleware::from_fn_with_state(state.clone(), admit))
            .route("/health", get(|| async { "ok\n" }))
            .route("/ready", get(ready))
            .route("/metrics", get(render_metrics))
            .layer(DefaultBodyLimit::max(self.cfg.max_body))
            .layer(middleware::from_fn(json_errors))
            .layer(middleware::from_fn(count_requests))
            .with_state(state.clone());
        let stop = shutdown.clone();
        let server = tokio::spawn(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(async move {
                    stop.cancelled().await;
                    state.ready.store(false, Ordering::Relaxed);
                })
                .await
        });
        let report = self.spool.run(tx, shutdown).await?;
        server.await.map_err(|e| anyhow::anyhow!("the HTTP server failed: {e}"))??;
        counter.abort();
        Ok(report)
    }
}

/// Whether `listen` (`HOST:PORT`) is reachable from this machine only: `localhost`, or a host
/// whose every address is a loopback one. A host that does not resolve counts as local (the
/// bind fails anyway).
pub(crate) fn is_loopback(listen: &str) -> bool {
    use std::net::ToSocketAddrs;
    let host = listen.rsplit_once(':').map_or(listen, |(h, _)| h);
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    match listen.to_socket_addrs() {
        Ok(addrs) => addrs.into_iter().all(|a| a.ip().is_loopback()),
        Err(_) => true,
    }
}

/// Counts every request by route and status (`copydesk_http_requests_total`): the 401, 413
/// and 429 rates an operator alerts on. The route is the matched pattern, `unmatched` for
/// others (never the raw path: a scanner would make a label per path).
async fn count_requests(
    matched: Option<axum::extract::MatchedPath>,
    req: axum::extract::Request,
    next: middleware::Next,
) -> Response {
    let route = matched.map_or_else(|| "unmatched".to_owned(), |m| m.as_str().to_owned());
    let res = next.run(req).await;
    metrics::counter!(
        "copydesk_http_requests_total",
        "route" => route,
        "status" => res.status().as_u16().to_string()
    )
    .increment(1);
    res
}

async fn render_metrics() -> Response {
    crate::metrics::sample_process();
    let body = crate::metrics::handle().render();
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], body).into_response()
}

/// Serves `/metrics`, `/health` and `/ready` on `addr` until `shutdown` (for `serve`'s
/// `[metrics] listen`); returns once listening.
///
/// # Errors
/// When the address cannot be bound.
pub(crate) async fn serve_metrics(
    addr: &str,
    shutdown: CancellationToken,
    sinks: SinkReadiness,
) -> anyhow::Result<tokio::task::JoinHandle<()>> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {addr} for metrics: {e}"))?;
    eprintln!("copydesk: metrics on http://{}/metrics", listener.local_addr()?);
    let ready = Arc::new(AtomicBool::new(true));
    let flag = ready.clone();
    let app = Router::new()
        .route("/metrics", get(render_metrics))
        .route("/health", get(|| async { "ok\n" }))
        .route(
            "/ready",
            get(move || {
                let answer = readiness(flag.load(Ordering::Relaxed), &sinks);
                async move { answer }
            }),
        )
        .layer(middleware::from_fn(json_errors))
        .layer(middleware::from_fn(count_requests));
    Ok(tokio::spawn(async move {
        let stop = async move {
            shutdown.cancelled().await;
            ready.store(false, Ordering::Relaxed);
            // Keep answering (503 on /ready, final counters) until the run ends.
            std::future::pending::<()>().await;
        };
        _ = axum::serve(listener, app).with_graceful_shutdown(stop).await;
    }))
}

#[derive(Debug)]
struct AppState {
    token: Option<String>,
    max_body: usize,
    spool: PathBuf,
    max_pending: u64,
    wait_timeout: Duration,
    pending: Arc<AtomicU64>,
    seq: AtomicU64,
    resolved: broadcast::Sender<Resolved>,
    normalize: Option<NormalizeConfig>,
    ready: AtomicBool,
    shutdown: CancellationToken,
    sinks: SinkReadiness,
}

/// One request fewer pending; never below zero (a count that wrapped around would refuse every
/// request with 429).
fn release(pending: &AtomicU64) {
    release_n(pending, 1);
}

fn release_n(pending: &AtomicU64, n: u64) {
    _ = pending.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |p| Some(p.saturating_sub(n)));
}

async fn ready(State(s): State<Arc<AppState>>) -> Response {
    readiness(s.ready.load(Ordering::Relaxed), &s.sinks)
}

fn error(status: StatusCode, reason: impl Into<String>) -> Response {
    (status, axum::Json(json!({ "error": reason.into() }))).into_response()
}

/// Makes every error answer JSON `{"error": "<reason>"}`, so that a client reads one shape:
/// those of the handlers already are; axum's own (404 without a route, 405, extractor
/// rejections) and the plain-text 503 of `/ready` are rewritten, their headers kept.
async fn json_errors(req: Request, next: Next) -> Response {
    let (method, path) = (req.method().clone(), req.uri().path().to_owned());
    let res = next.run(req).await;
    let status = res.status();
    let is_json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    // Axum's own error bodies are a line of text; a longer one is cut, never buffered whole.
    let text = axum::body::to_bytes(body, 16 * 1024)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_owned())
        .unwrap_or_default();
    let reason = match status {
        StatusCode::NOT_FOUND if text.is_empty() => format!(
            "no such endpoint: {method} {path} (there are POST /articles, GET /health, \
             GET /ready, GET /metrics)"
        ),
        // The router adds `Allow` outside this layer: the answer has it, the reason points to it.
        StatusCode::METHOD_NOT_ALLOWED => {
            format!("method {method} not allowed on {path} (see the Allow header)")
        }
        _ if !text.is_empty() => text,
        _ => status.canonical_reason().unwrap_or("error").to_ascii_lowercase(),
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    parts
        .headers
        .insert(header::CONTENT_TYPE, header::HeaderValue::from_static("application/json"));
    Response::from_parts(parts, Body::from(json!({ "error": reason }).to_string()))
}

/// Refuses `POST /articles` without the configured bearer token, before anything reads the
/// body: a client without the token gets `401`, never `413`, and costs no buffering. Then a
/// body announced larger than the limit is refused (`413`) without reading it either.
async fn admit(State(s): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    if let Some(token) = &s.token {
        let given = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(bearer_token);
        if !given.is_some_and(|g| same_token(g.as_bytes(), token.as_bytes())) {
            let mut r = error(StatusCode::UNAUTHORIZED, "a valid bearer token is required");
            r.headers_mut()
                .insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer"));
            return r;
        }
    }
    let announced = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|n| n > s.max_body as u64) {
        return too_large(s.max_body);
    }
    next.run(req).await
}

fn too_large(max_body: usize) -> Response {
    let reason = format!("the body is larger than {max_body} bytes (max_body_bytes)");
    error(StatusCode::PAYLOAD_TOO_LARGE, reason)
}

#[derive(Debug, serde::Deserialize)]
struct PostParams {
    #[serde(default)]
    wait: bool,
}

/// `POST /articles`, once [`admit`]ted.
async fn post_articles(
    State(s): State<Arc<AppState>>,
    params: Result<Query<PostParams>, QueryRejection>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let params = match params {
        Ok(Query(p)) => p,
        Err(e) => {
            return error(StatusCode::BAD_REQUEST, format!("bad query string: {}", e.body_text()));
        }
    };
    let body = match body {
        Ok(b) => b,
        Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return too_large(s.max_body),
        Err(e) => return error(e.status(), e.body_text()),
    };
    let pending = s.pending.load(Ordering::Relaxed);
    if pending >= s.max_pending {
        let reason =
            format!("the pipeline is behind ({pending} requests not yet written); retry later");
        let mut r = error(StatusCode::TOO_MANY_REQUESTS, reason);
        r.headers_mut().insert(header::RETRY_AFTER, header::HeaderValue::from_static("1"));
        return r;
    }
    let ctype = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").trim().to_ascii_lowercase())
        .unwrap_or_default();
    let ncfg = s.normalize.clone();
    let prepared = tokio::task::spawn_blocking(move || prepare(&body, &ctype, ncfg.as_ref())).await;
    let (lines, ids) = match prepared {
        Ok(Ok(x)) => x,
        Ok(Err(reason)) => return error(StatusCode::BAD_REQUEST, reason),
        Err(e) => return error(StatusCode::INTERNAL_SERVER_ERROR, format!("{e}")),
    };
    let n = s.seq.fetch_add(1, Ordering::Relaxed);
    let name = format!(
        "{}-{}-{n}.ndjson",
        copydesk_core::now_rfc3339().replace(':', ""),
        std::process::id()
    );
    let path = s.spool.join(name);
    // Subscribe before the file can be read, so that the answer to ?wait=true cannot miss it.
    let mut resolved = s.resolved.subscribe();
    s.pending.fetch_add(1, Ordering::Relaxed);
    let spool = s.spool.clone();
    let dest = path.clone();
    let written = tokio::task::spawn_blocking(move || spool_file(&spool, &dest, &lines)).await;
    match written {
        Ok(Ok(())) => {}
        Ok(Err(e)) => {
            release(&s.pending); // counted above, never spooled
            return error(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("cannot spool the request: {e}"),
            );
        }
        Err(e) => {
            release(&s.pending);
            return error(StatusCode::INTERNAL_SERVER_ERROR, format!("{e}"));
        }
    }
    if !params.wait {
        return (StatusCode::ACCEPTED, axum::Json(json!({ "accepted": ids.len(), "ids": ids })))
            .into_response();
    }
    let wait = async {
        loop {
            tokio::select! {
                r = resolved.recv() => match r {
                    Ok(r) if r.path == path => return Some(r),
                    Ok(_) => {}
                    // Notices were missed: the file is gone once its articles are resolved.
                    Err(broadcast::error::RecvError::Lagged(_)) if !path.exists() => {
                        return Some(Resolved { path: path.clone(), ..Resolved::default() });
                    }
                    Err(broadcast::error::RecvError::Lagged(_)) => {}
                    Err(broadcast::error::RecvError::Closed) => return None,
                },
                // A shutdown does not wait for waiters: their requests stay spooled.
                () = s.shutdown.cancelled() => return None,
            }
        }
    };
    match tokio::time::timeout(s.wait_timeout, wait).await {
        Ok(Some(r)) if r.lost > 0 => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "an article was lost on the way; the request is processed again at the next start",
        ),
        Ok(Some(r)) if r.rejected > 0 => (
            StatusCode::UNPROCESSABLE_ENTITY,
            axum::Json(json!({
                "error": "some articles were refused after acceptance (see the dead-letter output)",
                "written": r.delivered,
                "rejected": r.rejected,
                "ids": ids,
            })),
        )
            .into_response(),
        Ok(Some(_)) => (StatusCode::OK, axum::Json(json!({ "written": ids.len(), "ids": ids })))
            .into_response(),
        Ok(None) => error(
            StatusCode::SERVICE_UNAVAILABLE,
            "shutting down; the request is kept and processed at the next start",
        ),
        Err(_) => error(
            StatusCode::GATEWAY_TIMEOUT,
            "accepted and spooled, but not written within the wait timeout",
        ),
    }
}

/// Turns a request body into spool lines (JSON objects, each with its `id`) and the ids; or
/// the reason the request is refused.
fn prepare(
    body: &[u8],
    ctype: &str,
    ncfg: Option<&NormalizeConfig>,
) -> Result<(Vec<u8>, Vec<String>), String> {
    let trimmed = body.trim_ascii();
    if trimmed.is_empty() {
        return Err("empty body".into());
    }
    let text_object = |field: &str| {
        let mut m = Map::new();
        m.insert(field.into(), Value::String(String::from_utf8_lossy(body).into_owned()));
        vec![m]
    };
    let objects: Vec<Map<String, Value>> = match ctype {
        "text/plain" => text_object("text"),
        "text/html" => text_object("html"),
        "application/x-ndjson" | "application/jsonl" | "application/ndjson" => ndjson(trimmed)?,
        "application/json" => json_document(trimmed)?,
        _ => match trimmed[0] {
            b'{' | b'[' => json_document(trimmed).or_else(|_| ndjson(trimmed))?,
            b'<' if copydesk_core::looks_like_html(trimmed) => text_object("html"),
            _ => text_object("text"),
        },
    };
    if objects.is_empty() {
        return Err("no article in the body".into());
    }
    let mut out = Vec::new();
    let mut ids = Vec::with_capacity(objects.len());
    for (i, mut obj) in objects.into_iter().enumerate() {
        let n = i + 1;
        let bytes = serde_json::to_vec(&obj).map_err(|e| format!("article {n}: {e}"))?;
        let origin = Origin { name: "http".into(), ..Origin::default() };
        let raw = copydesk_ingest::parse_json_article(&bytes, origin)
            .map_err(|d| format!("article {n}: {}", d.reason))?;
        let id = match obj.get("id") {
            Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_owned(),
            Some(Value::Number(x)) => x.to_string(),
            _ => {
                let article = match ncfg {
                    Some(c) => copydesk_normalize::normalize(raw, c),
                    None => copydesk_normalize::passthrough(raw),
                }
                .map_err(|e| format!("article {n}: {}", e.into_dead_letter().reason))?;
                obj.insert("id".into(), Value::String(article.id.0.clone()));
                article.id.0
            }
        };
        serde_json::to_writer(&mut out, &obj).map_err(|e| format!("article {n}: {e}"))?;
        out.push(b'\n');
        ids.push(id);
    }
    Ok((out, ids))
}

fn json_document(body: &[u8]) -> Result<Vec<Map<String, Value>>, String> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(m)) => Ok(vec![m]),
        Ok(Value::Array(items)) => items
            .into_iter()
            .enumerate()
            .map(|(i, v)| match v {
                Value::Object(m) => Ok(m),
                _ => Err(format!("item {} of the array is not an object", i + 1)),
            })
            .collect(),
        Ok(_) => Err("expected a JSON object or an array of objects".into()),
        Err(e) => Err(format!("invalid JSON: {e}")),
    }
}

fn ndjson(body: &[u8]) -> Result<Vec<Map<String, Value>>, String> {
    let mut out = Vec::new();
    for (i, line) in body.split(|b| *b == b'\n').enumerate() {
        let line = line.trim_ascii();
        if line.is_empty() {
            continue;
        }
        match serde_json::from_slice::<Value>(line) {
            Ok(Value::Object(m)) => out.push(m),
            Ok(_) => return Err(format!("line {}: expected a JSON object", i + 1)),
            Err(e) => return Err(format!("line {}: invalid JSON: {e}", i + 1)),
        }
    }
    Ok(out)
}

/// Writes `lines` durably as `dest`: a hidden temporary file, fsync, rename, fsync of the
/// folder.
fn spool_file(dir: &Path, dest: &Path, lines: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let name = dest.file_name().and_then(|n| n.to_str()).unwrap_or("request");
    let tmp = dir.join(format!(".{name}.tmp"));
    let mut f = std::fs::File::create(&tmp)?;
    f.write_all(lines)?;
    f.sync_all()?;
    drop(f);
    std::fs::rename(&tmp, dest)?;
    // The file is in place (and will be read): a failed fsync of the folder only weakens the
    // durability of the rename across a power failure, so it is logged, not an error.
    if let Err(e) = std::fs::File::open(dir).and_then(|d| d.sync_all()) {
        tracing::warn!(folder = %dir.display(), error = %e, "Cannot fsync the HTTP spool folder.");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_become_spool_lines_with_ids() {
        let cfg = NormalizeConfig::default();
        let (lines, ids) =
            prepare(b"{\"id\":\"a\",\"text\":\"One.\"}\n\n{\"text\":\"Two.\"}\n", "", Some(&cfg))
                .unwrap();
        assert_eq!(ids.len(), 2);
        assert_eq!(ids[0], "a");
        assert_eq!(ids[1].len(), 32, "the hash id of the normalized text");
        let second: Value =
            serde_json::from_slice(lines.split(|b| *b == b'\n').nth(1).unwrap()).unwrap();
        assert_eq!(second["id"], ids[1].as_str());
        let (_, ids) = prepare(b"Plain words here.", "text/plain", Some(&cfg)).unwrap();
        assert_eq!(ids.len(), 1);
        let (_, ids) =
            prepare(b"[{\"text\":\"x\"},{\"text\":\"y\"}]", "application/json", Some(&cfg))
                .unwrap();
        assert_eq!(ids.len(), 2);
        for (body, ctype, want) in [
            (&b"{\"text\": oops"[..], "application/json", "invalid JSON"),
            (b"{\"text\":\"a\"}\n[1]\n", "application/x-ndjson", "line 2"),
            (b"{\"title\":\"no body\"}", "", "article 1"),
            (b"  ", "", "empty body"),
            (b"\xe2\x80\x8b", "text/plain", "article 1"),
        ] {
            let err = prepare(body, ctype, Some(&cfg)).unwrap_err();
            assert!(err.contains(want), "{err:?} should mention {want:?}");
        }
    }
}
