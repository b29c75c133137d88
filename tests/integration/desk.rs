//! The desk in a real browser (headless Chromium): the live wire, search, the article view
//! and the overview of a running `serve`; an article written to attack the page; `copydesk
//! ui` over a store of 10,000 articles. Plus the page's answers without a browser.

use std::io::Write;
use std::process::{Child, Command, Stdio};

use serde_json::{Value, json};

use crate::browser::Browser;
use crate::util::{Lines, bin, finish, http};

/// A running copydesk whose stderr lines are read on a thread.
pub(crate) struct Running {
    child: Child,
    lines: Lines,
}

impl Running {
    pub(crate) fn start(args: &[&str]) -> Running {
        let mut child = Command::new(bin())
            .args(args)
            .env_remove("RUST_LOG")
            .env_remove("COPYDESK_UI_TOKEN")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let lines = Lines::new(child.stderr.take().unwrap());
        Running { child, lines }
    }

    /// The port of the first stderr line that starts with `prefix` (`…http://127.0.0.1:PORT…`).
    pub(crate) fn port(&self, prefix: &str) -> u16 {
        loop {
            let line = self.lines.next().unwrap_or_else(|| panic!("no {prefix:?} line"));
            if let Some(rest) = line.strip_prefix(prefix) {
                let addr = rest.trim().trim_start_matches("http://").split(['/', ' ']).next();
                return addr.and_then(|a| a.rsplit(':').next()?.parse().ok()).unwrap();
            }
        }
    }

    /// SIGTERM; it must end with 0.
    pub(crate) fn stop(self) {
        Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status().unwrap();
        let (code, _) = finish(self.child);
        assert_eq!(code, 0, "{:#?}", self.lines.rest());
    }
}

/// `serve` with HTTP ingest and the desk, both on free ports, into a store.
fn serve(dir: &std::path::Path) -> (Running, u16, u16) {
    let config = dir.join("copydesk.toml");
    std::fs::write(
        &config,
        "[ui]\nlisten = \"127.0.0.1:0\"\n[[source]]\ntype = \"http\"\nlisten = \"127.0.0.1:0\"\n[[sink]]\ntype = \"sqlite\"\npath = \"store.db\"\n",
    )
    .unwrap();
    let run = Running::start(&["serve", "--config", config.to_str().unwrap()]);
    let ingest = run.port("copydesk: listening on ");
    let desk = run.port("copydesk: the desk on ");
    (run, ingest, desk)
}

fn post(port: u16, article: &Value) {
    let (status, _, body) = http(
        port,
        "POST",
        "/articles?wait=true",
        &[("Content-Type", "application/json")],
        article.to_string().as_bytes(),
    );
    assert_eq!(status, 200, "{body}");
}

/// Opens the live wire and waits until it is connected (so that what is posted next reaches
/// it).
fn open_wire(b: &mut Browser, desk: u16) {
    b.open(&format!("http://127.0.0.1:{desk}/#/wire"));
    b.wait_for(
        "the live wire connected",
        "document.getElementById('wire-note').textContent.startsWith('live')",
    );
}

fn go(b: &mut Browser, hash: &str) {
    b.eval(&format!("location.hash = {}", json!(hash)));
}

#[test]
fn the_desk_follows_the_wire_and_finds_shows_and_maps_an_article() {
    let Some(mut b) = Browser::start() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let (run, ingest, desk) = serve(tmp.path());
    open_wire(&mut b, desk);
    post(
        ingest,
        &json!({
            "id": "desk-1",
            "title": "Maria Okafor reopens the harbour bridge in Perth",
            "text": "Council leader Maria Okafor reopened the harbour bridge in Perth on Friday after a two-year repair.\n\"We kept our promise to the city,\" Okafor said at the ceremony in Perth.",
        }),
    );
    // The live view: the row, with its entity chips by kind.
    // (Read in one evaluation: the wire re-renders its rows as it follows the store.)
    let row = "document.querySelector('#wire li.row[data-id=\"desk-1\"]')";
    let chips = b.wait_for(
        "the article on the wire",
        &format!(
            "(r => r && r.querySelector('.chip.person') && [r.querySelector('.chip.person').textContent, \
             r.querySelector('.chip.location').textContent, r.querySelector('.title').textContent])({row})"
        ),
    );
    assert_eq!(chips[0], "Maria Okafor");
    assert_eq!(chips[1], "Perth");
    assert!(chips[2].as_str().unwrap().contains("harbour bridge"), "{chips}");

    // Search finds it, with the match marked, and says so in a URL that reloads.
    go(&mut b, "#/search?q=harbour&country=AU");
    b.wait_for(
        "a search hit",
        "document.querySelector('#results li.row[data-id=\"desk-1\"] mark')",
    );
    b.eval("window.__before_reload = true; location.reload()");
    b.wait_for(
        "the hit after a reload",
        "!window.__before_reload && document.querySelector('#results li.row[data-id=\"desk-1\"]')",
    );
    assert_eq!(b.eval("document.querySelector('input[name=q]').value"), "harbour");
    go(&mut b, "#/search?q=harbour&country=FR");
    b.wait_for(
        "no hit in France",
        "document.querySelector('#results .pager .note').textContent === 'no matching articles'",
    );

    // The article view marks the mentions inline, with their kind and country.
    go(&mut b, "#/article/desk-1");
    b.wait_for("the article view", "document.querySelector('#article .ent.person')");
    let marks = b.eval(
        "[...document.querySelectorAll('#article .text .ent')].map(e => [e.className, e.textContent, e.title])",
    );
    let marks: Vec<Vec<String>> = serde_json::from_value(marks).unwrap();
    assert!(
        marks.contains(&vec![
            "ent person".into(),
            "Maria Okafor".into(),
            "Maria Okafor · person".into()
        ]),
        "{marks:?}"
    );
    assert!(
        marks.contains(&vec!["ent person".into(), "Okafor".into(), "Maria Okafor · person".into()]),
        "{marks:?}"
    );
    assert!(
        marks.iter().any(|m| m[0] == "ent location" && m[1] == "Perth" && m[2].contains("AU")),
        "{marks:?}"
    );
    let quote = b.eval("document.querySelector('#article blockquote').textContent");
    assert!(quote.as_str().unwrap().contains("Maria Okafor"), "{quote}");
    let raw: Value = serde_json::from_str(
        b.eval("document.querySelector('pre.raw').textContent").as_str().unwrap(),
    )
    .unwrap();
    assert_eq!(raw["id"], "desk-1");

    // The overview counts it and maps its country and place.
    go(&mut b, "#/overview?since=1h");
    b.wait_for("the overview's map", "document.querySelector('#map path.hit[data-cc=\"AU\"]')");
    assert!(b.eval("document.querySelectorAll('#map circle').length").as_u64().unwrap() >= 1);
    assert!(
        b.eval("document.getElementById('overview').textContent")
            .as_str()
            .unwrap()
            .contains("Maria Okafor")
    );
    assert!(b.eval("document.querySelectorAll('#map path').length").as_u64().unwrap() > 150);
    assert_eq!(b.exceptions, Vec::<String>::new());
    drop(b);
    run.stop();
}

/// Whether the page shows no trace of the attack: no image element, no script but the
/// desk's, no `javascript:` link, and none of the payloads ran.
const INERT: &str = "window.__pwned === undefined && document.querySelectorAll('img').length === 0 \
    && document.querySelectorAll('script').length === 1 \
    && document.querySelectorAll('a[href^=\"javascript:\" i], [onerror], [onclick]').length === 0";

#[test]
fn an_article_written_to_attack_the_page_renders_as_text() {
    let Some(mut b) = Browser::start() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let (run, ingest, desk) = serve(tmp.path());
    open_wire(&mut b, desk);
    let title =
        "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\"> Harbour";
    let text = "Before <script>window.__pwned = 3</script> the <img src=x onerror=\"window.__pwned = 4\"> \
                harbour and <a href=\"javascript:window.__pwned = 5\">a link</a> [a link](javascript:window.__pwned=6) after.";
    post(
        ingest,
        &json!({
            "id": "<img src=x onerror=window.__pwned=9>",
            "title": title,
            "text": text,
            "url": "javascript:window.__pwned = 7",
            "dateline": "<img src=x onerror=\"window.__pwned = 8\">",
        }),
    );
    // (Read in one evaluation: the wire re-renders its rows as it follows the store.)
    let row = "document.querySelector('#wire li.row')";
    let shown = b.wait_for(
        "the article on the wire",
        &format!(
            "(r => r && r.querySelector('.title') && r.querySelector('.title').textContent)({row})"
        ),
    );
    assert_eq!(shown, title);
    assert_eq!(b.eval(INERT), true, "the wire");

    go(&mut b, "#/search?q=harbour");
    b.wait_for("a search hit", "document.querySelector('#results li.row')");
    assert_eq!(b.eval("document.querySelector('#results .title').textContent"), title);
    assert_eq!(b.eval(INERT), true, "the search");

    b.eval("document.querySelector('#results .title').click()");
    b.wait_for("the article view", "document.querySelector('#article h1')");
    assert_eq!(b.eval("document.querySelector('#article h1').textContent"), title);
    let shown = b.eval("document.querySelector('#article .text').textContent");
    assert!(shown.as_str().unwrap().contains("<script>window.__pwned = 3</script>"), "{shown}");
    let body = b.eval("document.getElementById('article').textContent");
    for s in ["javascript:window.__pwned = 7", "onerror=\"window.__pwned = 8\""] {
        assert!(body.as_str().unwrap().contains(s), "{s} shown as text: {body}");
    }
    assert_eq!(b.eval(INERT), true, "the article view");
    assert_eq!(b.exceptions, Vec::<String>::new());
    drop(b);
    run.stop();
}

#[test]
fn copydesk_ui_pages_through_a_store_of_ten_thousand_articles_behind_a_token() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("store.db");
    let mut input = String::new();
    for i in 0..10_000 {
        let lang = if i % 10 == 0 { "fr" } else { "en" };
        let body = format!("Ferry number {i} sails across the harbour again.");
        input.push_str(&json!({"id": format!("f{i:05}"), "title": format!("Ferry {i}"), "lang": lang, "text": body}).to_string());
        input.push('\n');
    }
    let mut fill = Command::new(bin())
        .args(["--passthrough", "--sink"])
        .arg(format!("sqlite:{}", db.display()))
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    fill.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let (code, err) = finish(fill);
    assert_eq!(code, 0, "{err}");

    let run = Running::start(&[
        "ui",
        "--db",
        db.to_str().unwrap(),
        "--listen",
        "127.0.0.1:0",
        "--token",
        "s3cret",
    ]);
    let port = run.port("copydesk: the desk on ");
    // Without the token: nothing, not even the page; every answer with the policy.
    let (status, head, _) = http(port, "GET", "/api/search", &[], b"");
    let head = head.to_ascii_lowercase();
    assert_eq!(status, 401);
    assert!(head.contains("content-security-policy: default-src 'none'"), "{head}");
    let auth = ("Authorization", "Bearer s3cret");
    let (status, head, body) =
        http(port, "GET", "/api/search?lang=fr&limit=5&offset=995", &[auth], b"");
    assert_eq!(status, 200, "{body}");
    assert!(head.to_ascii_lowercase().contains("content-security-policy"), "{head}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["hits"].as_array().unwrap().len(), 5);
    assert_eq!(v["more"], false, "1,000 French articles: 995 to 999 is the last page");
    assert_eq!(http(port, "GET", "/api/wire", &[auth], b"").0, 404, "ui reads a store only");
    let (status, _, body) = http(port, "GET", "/api/search?since=yesterday", &[auth], b"");
    assert_eq!(status, 400);
    assert!(body.contains("24h"), "{body}");
    // The page weighs tens of kilobytes, all of it from this server.
    let weight: usize = ["/", "/assets/desk.js", "/assets/desk.css", "/assets/world.json"]
        .iter()
        .map(|p| http(port, "GET", p, &[auth], b"").2.len())
        .sum();
    assert!(weight < 80_000, "{weight} bytes");

    let Some(mut b) = Browser::start() else {
        run.stop();
        return;
    };
    // The token once in the address; the cookie from then on.
    b.open(&format!("http://127.0.0.1:{port}/?token=s3cret#/search"));
    b.wait_for("the first page", "document.querySelectorAll('#results li.row').length === 50");
    assert_eq!(b.eval("location.search"), "", "the token left the address");
    assert_eq!(b.eval("document.querySelector('#results li.row').dataset.id"), "f09999");
    b.eval("document.querySelector('#results a.next').click()");
    b.wait_for("the second page", "document.querySelector('#results li.row[data-id=\"f09949\"]')");
    assert_eq!(b.eval("location.hash"), "#/search?offset=50");
    go(&mut b, "#/search?offset=9950");
    b.wait_for("the last page", "document.querySelector('#results li.row[data-id=\"f00000\"]')");
    assert_eq!(b.eval("document.querySelectorAll('#results li.row').length"), 50);
    assert_eq!(b.eval("document.querySelector('#results a.next')"), Value::Null);
    go(&mut b, "#/search?lang=fr");
    b.wait_for("French articles", "document.querySelector('#results li.row[data-id=\"f09990\"]')");
    go(&mut b, "#/wire");
    b.wait_for(
        "the store's newest without a live wire",
        "document.querySelectorAll('#wire li.row').length === 50",
    );
    assert!(
        b.eval("document.getElementById('wire-note').textContent")
            .as_str()
            .unwrap()
            .contains("no live wire")
    );
    go(&mut b, "#/overview?since=all");
    b.wait_for("the overview", "document.getElementById('overview')");
    assert!(
        b.eval("document.querySelector('#overview .figure').textContent").as_str().unwrap()
            == "10000"
    );
    assert_eq!(b.exceptions, Vec::<String>::new());
    drop(b);
    run.stop();
}
