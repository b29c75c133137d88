//! `copydesk serve --config` and `copydesk check`: the real binary with temp configurations.

use std::fs;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::util::{DEADLINE, bin, drop_file, finish, http, repo_file, stored_ids};

fn jsonl(path: &std::path::Path) -> Vec<Value> {
    fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

#[test]
fn check_accepts_a_valid_file_and_points_at_the_problem_in_a_bad_one() {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir(tmp.path().join("feed")).unwrap();
    fs::copy(repo_file("config/rules.toml"), tmp.path().join("rules.toml")).unwrap();
    let good = tmp.path().join("good.toml");
    fs::write(
        &good,
        "[tag]\nrules = \"rules.toml\"\n[[source]]\ntype = \"dir\"\npaths = [\"${FEED_DIR}\"]\nstate = \"s.sqlite\"\n[[sink]]\ntype = \"sqlite\"\npath = \"store.db\"\n",
    )
    .unwrap();
    let out =
        Command::new(bin()).args(["check"]).arg(&good).env("FEED_DIR", "feed").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("ok (1 source, 1 sink"));
    // Checking changes nothing on disk: no state store, no store.
    assert!(!tmp.path().join("s.sqlite").exists());
    assert!(!tmp.path().join("store.db").exists());
    // The variable unset: the line is named.
    let out =
        Command::new(bin()).args(["check"]).arg(&good).env_remove("FEED_DIR").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("line 5: environment variable \"FEED_DIR\"")
    );
    // A bad regex in the rules file.
    fs::write(tmp.path().join("rules.toml"), "[[rule]]\ntag = \"x\"\nany = [\"re:(unclosed\"]\n")
        .unwrap();
    let out =
        Command::new(bin()).args(["check"]).arg(&good).env("FEED_DIR", "feed").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("invalid regex"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // An unknown key, with its line.
    let bad = tmp.path().join("bad.toml");
    fs::write(&bad, "[pipeline]\nworkers = 2\nqueues = 4\n").unwrap();
    let out = Command::new(bin()).args(["check"]).arg(&bad).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(err.contains("line 3") && err.contains("queues"), "{err}");
}

#[test]
fn serve_writes_every_article_to_every_sink_drains_on_sigterm_and_resumes() {
    let tmp = tempfile::tempdir().unwrap();
    let feed = tmp.path().join("feed");
    fs::create_dir(&feed).unwrap();
    let config = tmp.path().join("copydesk.toml");
    fs::write(
        &config,
        "[pipeline]\nworkers = 2\n[[source]]\ntype = \"dir\"\npaths = [\"feed\"]\nstate = \"state.sqlite\"\nquiet_ms = 100\n[[sink]]\ntype = \"sqlite\"\npath = \"store.db\"\n[[sink]]\ntype = \"jsonl\"\npath = \"out.jsonl\"\n",
    )
    .unwrap();
    let out = tmp.path().join("out.jsonl");
    let serve = || {
        Command::new(bin())
            .args(["serve", "--config"])
            .arg(&config)
            .env_remove("RUST_LOG")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let drop_file = |name: &str, text: &str| drop_file(&feed, name, text);
    let wait_for = |n: usize| {
        let start = Instant::now();
        while jsonl(&out).len() < n {
            assert!(start.elapsed() < DEADLINE, "{} of {n} records", jsonl(&out).len());
            std::thread::sleep(Duration::from_millis(10));
        }
    };
    let child = serve();
    for i in 0..20 {
        drop_file(&format!("{i}.txt"), &format!("Ferry number {i} sails again after the storm."));
    }
    wait_for(20);
    Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    let (code, err) = finish(child);
    assert_eq!(code, 0, "{err}");
    let db = tmp.path().join("store.db");
    let stored = |db: &std::path::Path| -> i64 {
        rusqlite::Connection::open(db)
            .unwrap()
            .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(stored(&db), 20, "the store has every article the JSONL sink has");

    // A restart reads nothing again and takes what came meanwhile.
    drop_file("late.txt", "A late ferry story arrives while copydesk is stopped.");
    let child = serve();
    wait_for(21);
    Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    let (code, err) = finish(child);
    assert_eq!(code, 0, "{err}");
    assert_eq!(jsonl(&out).len(), 21);
    assert_eq!(stored(&db), 21);
}

/// `http`, retried while the answer is 429 (as a client should, after Retry-After).
fn http_patient(
    port: u16,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, String, String) {
    let start = Instant::now();
    loop {
        let r = http(port, "POST", path, headers, body);
        if r.0 != 429 {
            return r;
        }
        assert!(start.elapsed() < DEADLINE, "still 429 after {DEADLINE:?}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// HTTP ingest end to end: authorization, bad and oversized bodies, every body shape, 429
/// with Retry-After while the sink is blocked, then every accepted article in both sinks
/// exactly once.
#[test]
fn http_ingest_answers_as_documented_and_every_accepted_article_is_written_once() {
    use std::io::{BufRead, BufReader, Read};
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("copydesk.toml");
    fs::write(
        &config,
        "[[source]]\ntype = \"http\"\nlisten = \"127.0.0.1:0\"\ntoken = \"${TOKEN}\"\nmax_body_bytes = 8192\nmax_pending = 2\n[[sink]]\ntype = \"stdout\"\n[[sink]]\ntype = \"sqlite\"\npath = \"store.db\"\n",
    )
    .unwrap();
    let mut child = Command::new(bin())
        .args(["serve", "--config"])
        .arg(&config)
        .env("TOKEN", "s3cret")
        .env_remove("RUST_LOG")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    let port: u16 =
        line.trim().rsplit(':').next().unwrap().parse().unwrap_or_else(|_| panic!("{line}"));
    let auth = ("Authorization", "Bearer s3cret");
    let ndjson = ("Content-Type", "application/x-ndjson");

    assert_eq!(http(port, "GET", "/health", &[], b"").0, 200);
    assert_eq!(http(port, "GET", "/ready", &[], b"").0, 200);
    let (status, head, _) = http(port, "POST", "/articles", &[], b"{\"text\":\"x\"}");
    assert_eq!(status, 401);
    assert!(head.to_ascii_lowercase().contains("www-authenticate: bearer"));
    assert_eq!(http(port, "POST", "/articles", &[("Authorization", "Bearer nope")], b"x").0, 401);
    assert_eq!(http(port, "POST", "/articles", &[auth], &[b'a'; 9000]).0, 413);
    let (status, _, body) =
        http(port, "POST", "/articles", &[auth, ndjson], b"{\"text\":\"ok\"}\n{\"text\": oops\n");
    assert_eq!(status, 400);
    assert!(body.contains("line 2"), "{body}");

    let mut accepted: Vec<String> = Vec::new();
    let mut take_ids = |body: &str| {
        let v: Value = serde_json::from_str(body).unwrap();
        for id in v["ids"].as_array().unwrap() {
            accepted.push(id.as_str().unwrap().to_owned());
        }
    };
    let (status, _, body) = http_patient(
        port,
        "/articles",
        &[auth, ("Content-Type", "application/json")],
        b"{\"id\":\"one\",\"title\":\"One\",\"text\":\"The first article.\"}",
    );
    assert_eq!(status, 202, "{body}");
    take_ids(&body);
    let (status, _, body) = http_patient(
        port,
        "/articles",
        &[auth, ndjson],
        b"{\"text\":\"Two, from NDJSON.\"}\n\n{\"id\":\"three\",\"text\":\"Three.\"}\n",
    );
    assert_eq!(status, 202, "{body}");
    take_ids(&body);
    let (status, _, body) = http_patient(
        port,
        "/articles?wait=true",
        &[auth, ("Content-Type", "text/plain")],
        b"Four: plain text, answered once written.",
    );
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"written\":1"), "{body}");
    take_ids(&body);

    // Nobody reads copydesk's stdout now: once the pipe is full the sinks stall, pending
    // requests pile up, and new ones are refused with 429 and Retry-After.
    let big = "A long article about the harbour, the ferries and the weather. ".repeat(100);
    let start = std::time::Instant::now();
    let mut i = 0;
    loop {
        let body = serde_json::json!({"id": format!("bp{i}"), "text": big}).to_string();
        let (status, head, resp) = http(port, "POST", "/articles", &[auth], body.as_bytes());
        if status == 429 {
            assert!(head.to_ascii_lowercase().contains("retry-after: 1"), "{head}");
            break;
        }
        assert_eq!(status, 202, "{resp}");
        take_ids(&resp);
        i += 1;
        assert!(start.elapsed() < DEADLINE, "no 429 after {i} requests");
    }
    // Drain stdout: the pipeline catches up and requests are accepted again.
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        stdout.read_to_string(&mut s).unwrap();
        s
    });
    let start = std::time::Instant::now();
    loop {
        let (status, _, resp) = http(
            port,
            "POST",
            "/articles",
            &[auth, ("Content-Type", "text/plain")],
            b"Accepted again after the backlog.",
        );
        if status == 202 {
            take_ids(&resp);
            break;
        }
        assert_eq!(status, 429);
        assert!(start.elapsed() < DEADLINE, "still 429");
        std::thread::sleep(Duration::from_millis(20));
    }
    // Wait until the store has everything, then stop.
    let db = tmp.path().join("store.db");
    let start = std::time::Instant::now();
    let stored = || stored_ids(&db);
    while stored().len() < accepted.len() {
        assert!(start.elapsed() < DEADLINE, "{} of {} stored", stored().len(), accepted.len());
        std::thread::sleep(Duration::from_millis(20));
    }
    // The metrics, read with a real Prometheus text-format parser, match what was sent
    // (sampled every second: wait for the condition).
    let start = std::time::Instant::now();
    let n = accepted.len() as f64;
    loop {
        let (status, _, text) = http(port, "GET", "/metrics", &[], b"");
        assert_eq!(status, 200);
        let lines = text.lines().map(|l| Ok(l.to_owned()));
        let scrape = prometheus_parse::Scrape::parse(lines).expect("valid Prometheus text format");
        let value = |name: &str, label: (&str, &str)| {
            scrape
                .samples
                .iter()
                .find(|s| s.metric == name && s.labels.get(label.0) == Some(label.1))
                .map(|s| match &s.value {
                    prometheus_parse::Value::Counter(v)
                    | prometheus_parse::Value::Gauge(v)
                    | prometheus_parse::Value::Untyped(v) => *v,
                    prometheus_parse::Value::Histogram(h) => h.last().map_or(0.0, |b| b.count),
                    prometheus_parse::Value::Summary(_) => f64::NAN,
                })
        };
        let inputs = value("copydesk_source_inputs_total", ("source", "http"));
        let written = value("copydesk_sink_records_total", ("sink", "stdout"));
        let latency = value("copydesk_latency_seconds", ("sink", "stdout"));
        if inputs == Some(n) && written == Some(n) && latency == Some(n) {
            assert_eq!(value("copydesk_source_unresolved", ("source", "http")), Some(0.0));
            assert_eq!(value("copydesk_stage_received_total", ("stage", "work")), Some(n));
            assert_eq!(value("copydesk_stage_forwarded_total", ("stage", "sink:stdout")), Some(n));
            assert!(
                value("copydesk_sink_bytes_total", ("sink", "stdout"))
                    .is_some_and(|b| b > 100.0 * n)
            );
            break;
        }
        assert!(
            start.elapsed() < DEADLINE,
            "metrics: inputs {inputs:?}, written {written:?}, latency {latency:?}, want {n}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
    let printed: Vec<String> = reader
        .join()
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].as_str().unwrap().to_owned())
        .collect();
    let mut want = accepted.clone();
    want.sort();
    let mut got = printed.clone();
    got.sort();
    assert_eq!(got, want, "stdout has every accepted article once");
    let mut in_store = stored();
    in_store.sort();
    assert_eq!(in_store, want, "the store too");
}

/// SIGHUP (and a change of the file) reloads the rules between two articles; a rules file
/// that does not load is refused and the old rules stay.
#[test]
fn sighup_reloads_the_rules_and_a_bad_file_keeps_the_old_ones() {
    use std::io::{BufRead, BufReader};
    use std::sync::{Arc, Mutex};
    let tmp = tempfile::tempdir().unwrap();
    let feed = tmp.path().join("feed");
    fs::create_dir(&feed).unwrap();
    let rules = tmp.path().join("rules.toml");
    fs::write(&rules, "[[rule]]\ntag = \"boats\"\nany = [\"ferry\"]\n").unwrap();
    let config = tmp.path().join("copydesk.toml");
    fs::write(
        &config,
        "[tag]\nrules = \"rules.toml\"\n[[source]]\ntype = \"dir\"\npaths = [\"feed\"]\nstate = \"state.sqlite\"\n[[sink]]\ntype = \"jsonl\"\npath = \"out.jsonl\"\n",
    )
    .unwrap();
    let out = tmp.path().join("out.jsonl");
    let mut child = Command::new(bin())
        .args(["serve", "--config"])
        .arg(&config)
        .env_remove("RUST_LOG")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let log = Arc::new(Mutex::new(Vec::<String>::new()));
    let sink = log.clone();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            sink.lock().unwrap().push(line);
        }
    });
    let wait_log = |needle: &str, count: usize| {
        let start = Instant::now();
        while log.lock().unwrap().iter().filter(|l| l.contains(needle)).count() < count {
            assert!(start.elapsed() < DEADLINE, "no {needle:?} in {:?}", log.lock().unwrap());
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    let mut n = 0;
    let mut tags_of_next = |text: &str| -> Vec<String> {
        n += 1;
        drop_file(&feed, &format!("{n}.txt"), text);
        let start = Instant::now();
        loop {
            let recs = jsonl(&out);
            if recs.len() >= n {
                return recs[n - 1]["tags"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|t| t.as_str().unwrap().to_owned())
                    .collect();
            }
            assert!(start.elapsed() < DEADLINE, "record {n} never came");
            std::thread::sleep(Duration::from_millis(10));
        }
    };
    let story = "The ferry left the harbour at dawn.";
    assert_eq!(tags_of_next(story), ["boats"]);

    fs::write(&rules, "[[rule]]\ntag = \"boats\"\nany = [\"ferry\"]\n[[rule]]\ntag = \"port\"\nany = [\"harbour\"]\n").unwrap();
    Command::new("kill").args(["-HUP", &child.id().to_string()]).status().unwrap();
    wait_log("Rules reloaded", 1);
    assert_eq!(tags_of_next(story), ["boats", "port"]);

    fs::write(&rules, "[[rule]]\ntag = \"broken\"\nany = [\"re:(unclosed\"]\n").unwrap();
    Command::new("kill").args(["-HUP", &child.id().to_string()]).status().unwrap();
    wait_log("does not load", 1);
    assert_eq!(tags_of_next(story), ["boats", "port"], "the old rules stay");

    Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{:?}", log.lock().unwrap());
}

/// Starts `serve` and returns it with the HTTP port it printed.
fn serve_http(config: &std::path::Path) -> (std::process::Child, u16) {
    let (child, addr) = serve_at(config);
    (child, addr.port())
}

/// Starts `serve` and returns it with the HTTP address it printed.
fn serve_at(config: &std::path::Path) -> (std::process::Child, std::net::SocketAddr) {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(bin())
        .args(["serve", "--config"])
        .arg(config)
        .env_remove("RUST_LOG")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    let addr = line.trim().strip_prefix("copydesk: listening on http://");
    let addr = addr.and_then(|a| a.parse().ok()).unwrap_or_else(|| panic!("{line}"));
    // Keep draining stderr so that logging never blocks the process.
    std::thread::spawn(move || std::io::copy(&mut stderr, &mut std::io::sink()));
    (child, addr)
}

/// SIGKILL at seeded moments during HTTP and directory ingest: at the end the store holds
/// every accepted (202) request's articles and every file's article, each exactly once.
#[test]
fn sigkill_during_http_and_directory_ingest_leaves_every_acked_article_once_in_the_store() {
    let tmp = tempfile::tempdir().unwrap();
    let feed = tmp.path().join("feed");
    fs::create_dir(&feed).unwrap();
    let config = tmp.path().join("copydesk.toml");
    fs::write(
        &config,
        "[[source]]\ntype = \"http\"\nlisten = \"127.0.0.1:0\"\n[[source]]\ntype = \"dir\"\npaths = [\"feed\"]\nstate = \"state.sqlite\"\nquiet_ms = 100\n[[sink]]\ntype = \"sqlite\"\npath = \"store.db\"\n",
    )
    .unwrap();
    let db = tmp.path().join("store.db");
    let mut want = std::collections::BTreeSet::new();
    let mut seed: u64 = 0x5EED_0FC0_FFEE;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let (mut files, mut posts) = (0, 0);
    for _round in 0..4 {
        let (child, port) = serve_http(&config);
        // A seeded amount of work, then SIGKILL while it is being processed.
        let work = 10 + next() % 40;
        for _ in 0..work {
            if next() % 2 == 0 {
                let id = format!("file{files}");
                let body = serde_json::json!({"id": id, "text": format!("Story {id}.")});
                drop_file(&feed, &format!("{id}.json"), &body.to_string());
                want.insert(id);
                files += 1;
            } else {
                let body = format!(
                    "{{\"id\":\"post{posts}a\",\"text\":\"Post {posts} a.\"}}\n{{\"id\":\"post{posts}b\",\"text\":\"Post {posts} b.\"}}\n"
                );
                let (status, _, resp) = http(
                    port,
                    "POST",
                    "/articles",
                    &[("Content-Type", "application/x-ndjson")],
                    body.as_bytes(),
                );
                assert_eq!(status, 202, "{resp}");
                want.insert(format!("post{posts}a"));
                want.insert(format!("post{posts}b"));
                posts += 1;
            }
        }
        std::thread::sleep(Duration::from_millis(next() % 30));
        Command::new("kill").args(["-KILL", &child.id().to_string()]).status().unwrap();
        let _ = finish(child);
    }
    // A last run catches up with everything accepted or dropped into the folder.
    let (child, _) = serve_http(&config);
    let ids = || stored_ids(&db);
    let start = Instant::now();
    while ids().len() < want.len() {
        assert!(start.elapsed() < DEADLINE, "{} of {} stored", ids().len(), want.len());
        std::thread::sleep(Duration::from_millis(50));
    }
    Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    let (code, err) = finish(child);
    assert_eq!(code, 0, "{err}");
    let mut got = ids();
    got.sort();
    let want: Vec<String> = want.into_iter().collect();
    assert_eq!(got, want, "every acked article exactly once");
}

/// Under systemd's `Type=notify`, serve says READY=1 once running and STOPPING=1 on SIGTERM,
/// on the socket NOTIFY_SOCKET names (a real datagram socket here).
#[test]
fn serve_notifies_systemd_when_ready_and_when_stopping() {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir(tmp.path().join("feed")).unwrap();
    let config = tmp.path().join("copydesk.toml");
    fs::write(
        &config,
        "[[source]]\ntype = \"dir\"\npaths = [\"feed\"]\nstate = \"state.sqlite\"\n",
    )
    .unwrap();
    let sock_path = tmp.path().join("notify.sock");
    let sock = std::os::unix::net::UnixDatagram::bind(&sock_path).unwrap();
    sock.set_read_timeout(Some(DEADLINE)).unwrap();
    let child = Command::new(bin())
        .args(["serve", "--config"])
        .arg(&config)
        .env("NOTIFY_SOCKET", &sock_path)
        .env_remove("RUST_LOG")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut buf = [0u8; 256];
    let n = sock.recv(&mut buf).unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).contains("READY=1"));
    // `systemctl reload` without a rules file: SIGHUP must not kill the service.
    Command::new("kill").args(["-HUP", &child.id().to_string()]).status().unwrap();
    Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    let n = sock.recv(&mut buf).unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).contains("STOPPING=1"));
    let (code, err) = finish(child);
    assert_eq!(code, 0, "{err}");
}

/// Sends the head of a `POST /articles` announcing a large body, and nothing of the body:
/// the answer must come without it.
fn post_head_only(port: u16, headers: &[(&str, &str)], length: usize) -> (u16, String, String) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(DEADLINE)).unwrap();
    let mut req = format!(
        "POST /articles HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: {length}\r\n"
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).unwrap();
    // Read the head and the (small, announced) body of the answer; the server closes or keeps
    // the connection as it likes, so read by Content-Length, not to the end.
    let mut resp = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = s.read(&mut buf).unwrap_or(0);
        assert!(n > 0, "no answer before the body: {:?}", String::from_utf8_lossy(&resp));
        resp.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&resp).into_owned();
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let len = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().to_owned())
                })
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(0);
            if body.len() >= len {
                let status = head.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
                return (status, head.to_owned(), body.to_owned());
            }
        }
    }
}

/// The JSON `error` of an answer's body.
fn error_of(body: &str) -> String {
    let v: Value =
        serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body:?}"));
    v["error"].as_str().unwrap_or_else(|| panic!("no error: {body}")).to_owned()
}

// See: issue #22 (the token was checked after the body was read, compared with `!=`, and
// only as `Bearer`; 404, 405, 413 and a bad query string answered plain text or nothing).
#[test]
fn http_checks_the_token_before_the_body_and_every_error_is_json() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("copydesk.toml");
    fs::write(
        &config,
        "[[source]]\ntype = \"http\"\nlisten = \"127.0.0.1:0\"\ntoken = \"s3cret\"\nmax_body_bytes = 8192\n[[sink]]\ntype = \"sqlite\"\npath = \"store.db\"\n",
    )
    .unwrap();
    let (mut child, port) = serve_http(&config);
    // No token, or a wrong one, and a body far over the limit that is never sent: 401 at once.
    let unauthorized: [&[(&str, &str)]; 3] =
        [&[], &[("Authorization", "Bearer s3cre")], &[("Authorization", "Basic s3cret")]];
    for headers in unauthorized {
        let (status, head, body) = post_head_only(port, headers, 100_000_000);
        assert_eq!(status, 401, "{head}\n{body}");
        assert!(head.to_ascii_lowercase().contains("www-authenticate: bearer"), "{head}");
        assert!(error_of(&body).contains("bearer token"), "{body}");
    }
    // With the token, the same head gets 413 at once (Content-Length is over the limit).
    let (status, _, body) =
        post_head_only(port, &[("Authorization", "Bearer s3cret")], 100_000_000);
    assert_eq!(status, 413, "{body}");
    assert!(error_of(&body).contains("8192 bytes"), "{body}");
    let (status, _, body) =
        http(port, "POST", "/articles", &[("Authorization", "Bearer s3cret")], &[b'a'; 9000]);
    assert_eq!(status, 413, "{body}");
    assert!(error_of(&body).contains("max_body_bytes"), "{body}");
    // The scheme in any case.
    for scheme in ["bearer", "BEARER", "Bearer"] {
        let auth = format!("{scheme} s3cret");
        let (status, _, body) = http(
            port,
            "POST",
            "/articles?wait=true",
            &[("Authorization", &auth), ("Content-Type", "text/plain")],
            format!("Written with the scheme spelled {scheme}.").as_bytes(),
        );
        assert_eq!(status, 200, "{scheme}: {body}");
    }
    // Every other error is JSON too, with its reason.
    let (status, _, body) = http(port, "GET", "/nowhere", &[], b"");
    assert_eq!(status, 404);
    assert!(error_of(&body).contains("/nowhere"), "{body}");
    let (status, head, body) =
        http(port, "GET", "/articles", &[("Authorization", "Bearer s3cret")], b"");
    assert_eq!(status, 405);
    assert!(head.to_ascii_lowercase().contains("allow: post"), "{head}");
    assert!(error_of(&body).contains("GET not allowed on /articles"), "{body}");
    let (status, _, body) = http(port, "DELETE", "/health", &[], b"");
    assert_eq!(status, 405);
    assert!(error_of(&body).contains("DELETE"), "{body}");
    let (status, _, body) = http(
        port,
        "POST",
        "/articles?wait=maybe",
        &[("Authorization", "Bearer s3cret"), ("Content-Type", "text/plain")],
        b"A body.",
    );
    assert_eq!(status, 400);
    assert!(error_of(&body).contains("bad query string"), "{body}");
    // The metrics an operator alerts on, read with a real Prometheus parser: requests by
    // route and status, the build, the process.
    let (status, _, text) = http(port, "GET", "/metrics", &[], b"");
    assert_eq!(status, 200);
    let scrape = prometheus_parse::Scrape::parse(text.lines().map(|l| Ok(l.to_owned())))
        .expect("valid Prometheus text format");
    let value = |name: &str, labels: &[(&str, &str)]| -> Option<f64> {
        scrape
            .samples
            .iter()
            .find(|s| s.metric == name && labels.iter().all(|(k, v)| s.labels.get(k) == Some(*v)))
            .map(|s| match s.value {
                prometheus_parse::Value::Counter(v)
                | prometheus_parse::Value::Gauge(v)
                | prometheus_parse::Value::Untyped(v) => v,
                _ => f64::NAN,
            })
    };
    let requests = |route: &str, status: &str| {
        value("copydesk_http_requests_total", &[("route", route), ("status", status)])
    };
    assert_eq!(requests("/articles", "401"), Some(3.0), "{text}");
    assert_eq!(requests("/articles", "413"), Some(2.0), "{text}");
    assert_eq!(requests("/articles", "200"), Some(3.0), "{text}");
    assert_eq!(requests("unmatched", "404"), Some(1.0), "{text}");
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(value("copydesk_build_info", &[("version", version)]), Some(1.0), "{text}");
    assert!(value("process_resident_memory_bytes", &[]).is_some_and(|v| v > 1e6), "{text}");
    assert!(value("process_open_fds", &[]).is_some_and(|v| v >= 3.0), "{text}");
    assert!(value("process_start_time_seconds", &[]).is_some_and(|v| v > 1.7e9), "{text}");
    assert!(value("process_cpu_seconds_total", &[]).is_some(), "{text}");
    Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(0));
    assert_eq!(stored_ids(&tmp.path().join("store.db")).len(), 3);
}

// See: issue #22 (HTTP articles were recorded as `watch`, with the path of a spool file
// deleted once done, and `stats` counted them under `watch`).
#[test]
fn http_articles_say_they_came_from_http_without_a_spool_path() {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir(tmp.path().join("feed")).unwrap();
    let config = tmp.path().join("copydesk.toml");
    fs::write(
        &config,
        "[[source]]\ntype = \"http\"\nlisten = \"127.0.0.1:0\"\n[[source]]\ntype = \"dir\"\npaths = [\"feed\"]\nstate = \"state.sqlite\"\nquiet_ms = 0\n[[sink]]\ntype = \"sqlite\"\npath = \"store.db\"\n",
    )
    .unwrap();
    let (mut child, port) = serve_http(&config);
    let ndjson = ("Content-Type", "application/x-ndjson");
    let body = b"{\"id\":\"h1\",\"text\":\"The harbour crane posted over HTTP.\"}\n{\"id\":\"h2\",\"text\":\"A second harbour story posted over HTTP.\"}\n";
    let (status, _, resp) = http(port, "POST", "/articles?wait=true", &[ndjson], body);
    assert_eq!(status, 200, "{resp}");
    drop_file(&tmp.path().join("feed"), "f1.txt", "A harbour story dropped into the folder.");
    let store = tmp.path().join("store.db");
    let start = Instant::now();
    while stored_ids(&store).len() < 3 {
        assert!(start.elapsed() < DEADLINE, "not stored: {:?}", stored_ids(&store));
        std::thread::sleep(Duration::from_millis(50));
    }
    // The metrics label the HTTP source `http` and the folder `watch:…`, as the records do
    // (sampled every second: wait for the condition).
    let dir_label = "copydesk_source_inputs_total{source=\"watch:";
    loop {
        let (_, _, metrics) = http(port, "GET", "/metrics", &[], b"");
        if metrics.contains("copydesk_source_inputs_total{source=\"http\"} 2")
            && metrics.lines().any(|l| l.starts_with(dir_label) && l.ends_with("} 1"))
        {
            break;
        }
        assert!(start.elapsed() < DEADLINE, "{metrics}");
        std::thread::sleep(Duration::from_millis(100));
    }
    Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(0));

    let out = Command::new(bin()).args(["stats", "--db"]).arg(&store).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let sources = text.lines().find(|l| l.starts_with("sources")).unwrap_or_default().to_owned();
    assert!(sources.contains("http 2") && sources.contains("watch 1"), "{text}");
    let out = Command::new(bin())
        .args(["search", "--json", "--db"])
        .arg(&store)
        .arg("harbour")
        .output()
        .unwrap();
    let records: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 3, "{}", String::from_utf8_lossy(&out.stderr));
    for r in &records {
        let s = &r["source"];
        if r["id"] == "h1" || r["id"] == "h2" {
            assert_eq!(s["name"], "http", "{r}");
            assert_eq!(s["path"], Value::Null, "{r}");
            let line = if r["id"] == "h1" { 1 } else { 2 };
            assert_eq!(s["line"], line, "the article's line in its request: {r}");
        } else {
            assert_eq!(s["name"], "watch", "{r}");
            assert!(s["path"].as_str().unwrap().ends_with("f1.txt"), "{r}");
        }
    }
}

/// Runs `copydesk check` and `copydesk serve` on `config`: each one's exit code and stderr.
fn check_and_serve(config: &std::path::Path) -> [(i32, String); 2] {
    let config = config.to_str().unwrap();
    [&["check", config][..], &["serve", "--config", config]].map(|args| {
        let r = crate::util::run(args, "");
        (r.code, r.stderr)
    })
}

// See: issue #22 (`check` said ok to a `[dead_letter] path` in a missing folder, which
// `serve` refused at start with exit 2).
#[test]
fn check_refuses_what_serve_refuses_at_start_and_leaves_nothing_behind() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    fs::create_dir(t.join("feed")).unwrap();
    fs::create_dir(t.join("a-folder")).unwrap();
    fs::write(t.join("a-file"), "").unwrap();
    let dir = "[[source]]\ntype = \"dir\"\npaths = [\"feed\"]\nstate = \"state/s.sqlite\"\n";
    let sqlite = "[[sink]]\ntype = \"sqlite\"\npath = \"store.db\"\n";
    let broken = [
        (
            format!("[dead_letter]\npath = \"missing/dead.jsonl\"\n{dir}{sqlite}"),
            "dead-letter file",
        ),
        (
            format!(
                "[[source]]\ntype = \"http\"\nlisten = \"127.0.0.1:0\"\nspool = \"a-file\"\n{sqlite}"
            ),
            "HTTP spool folder",
        ),
        (
            format!(
                "[[source]]\ntype = \"dir\"\npaths = [\"feed\"]\nstate = \"a-file/s.sqlite\"\n{sqlite}"
            ),
            "state folder",
        ),
        (format!("{dir}on_done = \"move:a-file/done\"\n{sqlite}"), "folder for done files"),
        (format!("{dir}[[sink]]\ntype = \"jsonl\"\npath = \"a-folder\"\n"), "output file"),
    ];
    for (i, (text, reason)) in broken.iter().enumerate() {
        let config = t.join(format!("broken-{i}.toml"));
        fs::write(&config, text).unwrap();
        for (what, (code, err)) in ["check", "serve"].iter().zip(check_and_serve(&config)) {
            assert_eq!(code, 2, "{what} {text}: {err}");
            assert!(err.contains(reason), "{what} {text}: {err}");
        }
        for made in ["state", "done", ".copydesk-http-spool"] {
            _ = fs::remove_dir_all(t.join(made));
        }
        _ = fs::remove_file(t.join("store.db"));
    }

    // A good file: ok, and the probes left nothing (no store, state, spool or done folder).
    let config = t.join("good.toml");
    fs::write(
        &config,
        format!(
            "[dead_letter]\npath = \"dead.jsonl\"\n{dir}on_done = \"move:done/files\"\n[[source]]\ntype = \"http\"\nlisten = \"127.0.0.1:0\"\nspool = \"spool/http\"\n{sqlite}[[sink]]\ntype = \"jsonl\"\npath = \"out.jsonl\"\n"
        ),
    )
    .unwrap();
    let before: Vec<_> = fs::read_dir(t).unwrap().map(|e| e.unwrap().file_name()).collect();
    let out = Command::new(bin()).arg("check").arg(&config).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    let after: Vec<_> = fs::read_dir(t).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(before, after);

    // Open to the network without a token: ok, with a warning.
    fs::write(&config, format!("[[source]]\ntype = \"http\"\nlisten = \"0.0.0.0:0\"\n{sqlite}"))
        .unwrap();
    let out = Command::new(bin()).arg("check").arg(&config).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("warning") && err.contains("no token"), "{err}");
    fs::write(
        &config,
        format!("[[source]]\ntype = \"http\"\nlisten = \"0.0.0.0:0\"\ntoken = \"t\"\n{sqlite}"),
    )
    .unwrap();
    let out = Command::new(bin()).arg("check").arg(&config).output().unwrap();
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

// See: issue #22 (an unknown key in a `[[source]]` was reported at the table's header line;
// `listen = "localhost:8080"` was refused).
#[test]
fn check_points_at_an_unknown_key_and_listen_takes_a_host_name() {
    use std::io::{Read, Write};
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir(tmp.path().join("feed")).unwrap();
    let config = tmp.path().join("copydesk.toml");
    fs::write(
        &config,
        "[pipeline]\nworkers = 1\n\n[[source]]\ntype = \"dir\"\npaths = [\"feed\"]\nquiet_mz = 5\n[[sink]]\ntype = \"stdout\"\n",
    )
    .unwrap();
    let out = Command::new(bin()).arg("check").arg(&config).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("line 7, column 1") && err.contains("7 | quiet_mz = 5"), "{err}");
    assert!(err.contains("unknown field `quiet_mz`, expected one of `paths`"), "{err}");

    fs::write(
        &config,
        "[[source]]\ntype = \"http\"\nlisten = \"localhost:0\"\n[[sink]]\ntype = \"sqlite\"\npath = \"store.db\"\n",
    )
    .unwrap();
    let out = Command::new(bin()).arg("check").arg(&config).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.is_empty(), "localhost is not open to the network: {err}");
    // `serve` resolves the name when it binds, and answers there.
    let (mut child, addr) = serve_at(&config);
    assert!(addr.ip().is_loopback(), "{addr}");
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(DEADLINE)).unwrap();
    s.write_all(b"GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").unwrap();
    let mut resp = String::new();
    _ = s.read_to_string(&mut resp);
    assert!(resp.starts_with("HTTP/1.1 200"), "{resp}");
    Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(0));

    // A malformed address names the expected form; a name that does not resolve fails check.
    for (listen, why) in [("localhost", "no port"), ("no-such-host.invalid:80", "cannot resolve")] {
        fs::write(
            &config,
            format!(
                "[[source]]\ntype = \"http\"\nlisten = \"{listen}\"\n[[sink]]\ntype = \"stdout\"\n"
            ),
        )
        .unwrap();
        let out = Command::new(bin()).arg("check").arg(&config).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains(why) && err.contains("expected HOST:PORT"), "{err}");
    }
}
