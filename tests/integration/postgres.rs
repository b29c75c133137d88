//! The PostgreSQL store with a real server (Debian's `postgresql`, started per test in a temp
//! folder on a Unix socket by `copydesk_testkit::pg`): a fleet of `serve` instances on one
//! NATS stream writing one database through an instance's SIGKILL and a server restart;
//! `search` and `stats` answering as on an SQLite store filled with the same records.

use std::collections::BTreeSet;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use async_nats::jetstream;
use copydesk_testkit::pg::{PgServer, server_or_skip};

use crate::nats::{free_port, nats_server, publish_lines, stop, wait_all_acked};
use crate::util::{DEADLINE, bin, finish, http};

async fn client(url: &str) -> tokio_postgres::Client {
    let (client, conn) = tokio_postgres::connect(url, tokio_postgres::NoTls).await.unwrap();
    tokio::spawn(conn);
    client
}

/// A database of its own on `server`; its URL.
async fn database(server: &PgServer, name: &str) -> String {
    client(&server.url()).await.execute(&format!("CREATE DATABASE {name}"), &[]).await.unwrap();
    server.url().replace("@/postgres?", &format!("@/{name}?"))
}

/// Articles of real text (the dev corpus when present, else the samples), cycled under ids
/// of their own, as NDJSON lines.
fn articles(n: usize) -> Vec<String> {
    let texts = copydesk_testkit::corpus_texts();
    (0..n)
        .map(|i| {
            let text = &texts[i % texts.len()];
            let title = text.lines().next().unwrap_or("").chars().take(80).collect::<String>();
            serde_json::json!({"id": format!("f{i:05}"), "title": title, "text": text}).to_string()
        })
        .collect()
}

async fn count(c: &tokio_postgres::Client, sql: &str) -> i64 {
    c.query_one(sql, &[]).await.unwrap().get(0)
}

/// Every article's entities (kind, name, country, count) and quotes (seq, speaker, text), as
/// sorted lines: what must not depend on which instance wrote it.
async fn children(url: &str) -> BTreeSet<String> {
    let c = client(url).await;
    let mut out = BTreeSet::new();
    for row in c
        .query(
            "SELECT a.id, e.kind, e.name, e.country, m.count FROM mentions m
             JOIN entities e ON e.id = m.entity JOIN articles a ON a.rowid = m.article",
            &[],
        )
        .await
        .unwrap()
    {
        let (id, kind, name, country, n): (String, String, String, String, i64) =
            (row.get(0), row.get(1), row.get(2), row.get(3), row.get(4));
        out.insert(format!("{id} mention {kind} {name} {country} {n}"));
    }
    for row in c
        .query(
            "SELECT a.id, q.seq, coalesce(q.speaker, ''), q.text FROM quotes q
             JOIN articles a ON a.rowid = q.article",
            &[],
        )
        .await
        .unwrap()
    {
        let (id, seq, speaker, text): (String, i64, String, String) =
            (row.get(0), row.get(1), row.get(2), row.get(3));
        out.insert(format!("{id} quote {seq} {speaker} {text}"));
    }
    out
}

async fn wait_articles(c: &tokio_postgres::Client, n: i64) {
    let start = Instant::now();
    loop {
        // The server may be restarting: a failed count is "not yet".
        let got = c
            .query_one("SELECT count(*) FROM articles", &[])
            .await
            .map(|r| r.get::<_, i64>(0))
            .unwrap_or(0);
        if got >= n {
            return;
        }
        assert!(start.elapsed() < 3 * DEADLINE, "{got} of {n} articles in the store");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn fleet_config(
    dir: &std::path::Path,
    n: usize,
    nats: &str,
    db: &str,
    metrics: u16,
) -> std::path::PathBuf {
    crate::util::config_file(
        dir,
        &format!("copydesk-{n}.toml"),
        &format!(
            "[pipeline]\nworkers = 1\n[metrics]\nlisten = \"127.0.0.1:{metrics}\"\n[[source]]\ntype = \"nats\"\nservers = [\"{nats}\"]\nstream = \"NEWS_IN\"\nsubject = \"news.in\"\ndurable = \"copydesk\"\nack_wait_secs = 2\n[[sink]]\ntype = \"postgres\"\nurl = \"{db}\"\n"
        ),
    )
}

/// Runs `cmd` with `lines` on stdin until it exits: exit code and stderr.
fn feed(cmd: &mut Command, lines: &[String]) -> (i32, String) {
    use std::io::Write;
    let mut child =
        cmd.stdin(Stdio::piped()).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all((lines.join("\n") + "\n").as_bytes()).unwrap();
    drop(stdin);
    finish(child)
}

/// Three `serve` instances share one NATS durable and one PostgreSQL database. One is
/// SIGKILLed and started again; the server is stopped and started again mid-run (the
/// instances wait, `/ready` says so). At the end every published article is in the database
/// exactly once, with the entities and quotes a single instance gives the same articles.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fleet_writes_every_article_once_through_a_kill_and_a_server_restart() {
    const N: usize = 3000;
    let Some(pg) = server_or_skip("fleet") else { return };
    let fleet_db = database(&pg, "fleet").await;
    let single_db = database(&pg, "single").await;
    let input = articles(N);

    // The reference: one instance, the same articles, from stdin.
    let (code, err) =
        feed(Command::new(bin()).args(["--sink", &format!("postgres:{single_db}")]), &input);
    assert_eq!(code, 0, "{err}");

    let nats = nats_server();
    let url = format!("nats://127.0.0.1:{}", nats.port);
    let js = jetstream::new(async_nats::connect(&url).await.unwrap());
    publish_lines(&js, &input).await;
    let tmp = tempfile::tempdir().unwrap();
    let ports: Vec<u16> = (0..3).map(|_| free_port()).collect();
    let configs: Vec<_> =
        (0..3).map(|i| fleet_config(tmp.path(), i, &url, &fleet_db, ports[i])).collect();
    // Each instance's stderr in a file of its own, shown when it does not end well.
    let logged = |i: usize, log: &str| {
        let log = std::fs::File::create(tmp.path().join(log)).unwrap();
        Command::new(bin())
            .args(["serve", "--config"])
            .arg(&configs[i])
            .env_remove("RUST_LOG")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .unwrap()
    };
    let mut instances: Vec<Child> = (0..3).map(|i| logged(i, &format!("serve-{i}.log"))).collect();
    let db = client(&fleet_db).await;

    wait_articles(&db, (N / 5) as i64).await;
    Command::new("kill").args(["-KILL", &instances[0].id().to_string()]).status().unwrap();
    let _ = finish(instances.remove(0));
    instances.insert(0, logged(0, "serve-0-again.log"));

    wait_articles(&db, (N / 2) as i64).await;
    pg.stop();
    // The instances wait for the store, and say so.
    let start = Instant::now();
    loop {
        let (status, _, body) = http(ports[1], "GET", "/ready", &[], b"");
        if status == 503 && body.contains("cannot be reached") {
            break;
        }
        assert!(start.elapsed() < DEADLINE, "/ready: {status} {body}");
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_secs(1));
    pg.start_again().unwrap();
    let db = client(&fleet_db).await;
    wait_articles(&db, N as i64).await;
    wait_all_acked(&js, N as u64).await;
    let start = Instant::now();
    while http(ports[1], "GET", "/ready", &[], b"").0 != 200 {
        assert!(start.elapsed() < DEADLINE, "/ready stays 503 after the server is back");
        std::thread::sleep(Duration::from_millis(50));
    }
    for (i, child) in instances.into_iter().enumerate() {
        let (code, _) = stop(child);
        let name = ["serve-0-again.log", "serve-1.log", "serve-2.log"][i];
        let log = std::fs::read_to_string(tmp.path().join(name));
        assert_eq!(code, 0, "instance {i}: {}", log.unwrap_or_default());
    }
    assert_eq!(count(&db, "SELECT count(*) FROM articles").await, N as i64);
    assert_eq!(count(&db, "SELECT count(DISTINCT id) FROM articles").await, N as i64);
    let (fleet, single) = (children(&fleet_db).await, children(&single_db).await);
    assert!(!single.is_empty());
    assert_eq!(fleet.len(), single.len());
    assert!(fleet == single, "the fleet's entities and quotes differ from one instance's");
}

/// `copydesk search` and `copydesk stats` over an SQLite store and a PostgreSQL store filled
/// by one `serve` with both sinks (the same records): the same articles found, the same
/// figures. `check --connect` tries the database.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_and_stats_answer_alike_on_sqlite_and_postgresql() {
    let Some(pg) = server_or_skip("search and stats") else { return };
    let tmp = tempfile::tempdir().unwrap();
    let sqlite = tmp.path().join("store.db");
    let config = tmp.path().join("copydesk.toml");
    std::fs::write(
        &config,
        format!(
            "[tag]\nrules = \"{}\"\n[[source]]\ntype = \"stdin\"\n[[sink]]\ntype = \"sqlite\"\npath = \"store.db\"\n[[sink]]\ntype = \"postgres\"\nurl = \"${{COPYDESK_TEST_PG}}\"\n",
            crate::util::repo_file("config/rules.toml").display()
        ),
    )
    .unwrap();
    let check = |connect: bool| {
        let mut cmd = Command::new(bin());
        cmd.arg("check").env("COPYDESK_TEST_PG", pg.url());
        if connect {
            cmd.arg("--connect");
        }
        let out = cmd.arg(&config).output().unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let (code, out) = check(true);
    assert_eq!(code, Some(0));
    assert!(out.contains("[[sink]] 2 postgres://postgres@/postgres"), "{out}");
    assert!(out.contains("no copydesk store yet: a start creates it"), "{out}");

    let mut input = articles(400);
    input.extend(
        std::fs::read_to_string(crate::util::repo_file("config/samples/articles.jsonl"))
            .unwrap()
            .lines()
            .map(str::to_owned),
    );
    let mut serve = Command::new(bin());
    serve.args(["serve", "--config"]).arg(&config).env("COPYDESK_TEST_PG", pg.url());
    let (code, err) = feed(&mut serve, &input);
    assert_eq!(code, 0, "{err}");
    let (code, out) = check(true);
    assert_eq!(code, Some(0));
    assert!(out.contains("connected; schema version 1"), "{out}");

    let run = |db: &str, args: &[&str]| -> String {
        let out = Command::new(bin()).args(args).args(["--db", db]).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let ids = |out: String, sort: bool| {
        let mut ids: Vec<String> = out
            .lines()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        if sort {
            ids.sort();
        }
        ids
    };
    let lite = sqlite.to_str().unwrap();
    let url = pg.url();
    let searches: &[&[&str]] = &[
        &["search", "--json", "--limit", "1000", "harbour"],
        &["search", "--json", "--limit", "1000", "bridge OR council"],
        &["search", "--json", "--limit", "1000", "\"city council\""],
        &["search", "--json", "--limit", "1000", "title:the"],
        &["search", "--json", "--limit", "1000", "govern*"],
        &["search", "--json", "--limit", "1000", "police NOT minister"],
        &["search", "--json", "--limit", "1000", "U.S."],
        &["search", "--json", "--limit", "1000", "--tag", "transport"],
        &["search", "--json", "--limit", "1000", "--entity", "Maria Okafor"],
        &["search", "--json", "--limit", "1000", "--author", "e"],
        &["search", "--json", "--limit", "1000", "--author", "REUTERS", "said"],
        &["search", "--json", "--limit", "1000", "--country", "us", "president"],
        &["search", "--json", "--limit", "1000", "--lang", "en", "--since", "2000-01-01", "said"],
    ];
    let mut found = 0;
    for args in searches {
        let (a, b) = (ids(run(lite, args), true), ids(run(&url, args), true));
        assert_eq!(a, b, "{args:?}");
        found += a.len();
    }
    assert!(found > 0, "the searches find something");
    // Without a text query: the newest first, in the same order.
    let newest: &[&str] = &["search", "--json", "--limit", "50"];
    assert_eq!(ids(run(lite, newest), false), ids(run(&url, newest), false));
    for args in
        [&["stats", "--json"][..], &["stats", "--json", "--top", "3", "--since", "2000-01-01"]]
    {
        assert_eq!(run(lite, args), run(&url, args), "{args:?}");
    }
    assert!(run(&url, &["stats"]).contains(&format!("articles     {}", input.len())));

    // The desk's API over either store: the same answers.
    let answers = |db: &str| {
        let desk = crate::desk::Running::start(&["ui", "--db", db, "--listen", "127.0.0.1:0"]);
        let port = desk.port("copydesk: the desk on ");
        let get = |path: &str| {
            let (status, _, body) = http(port, "GET", path, &[], b"");
            assert_eq!(status, 200, "{db} {path}: {body}");
            serde_json::from_str::<serde_json::Value>(&body).unwrap()
        };
        let mut hits: Vec<String> = get("/api/search?q=council&limit=200")["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_owned())
            .collect();
        hits.sort();
        let newest = get("/api/search?tag=transport&limit=20");
        let answers = (
            hits,
            newest["hits"].clone(),
            get("/api/overview?since=all"),
            get("/api/article?id=f00001"),
        );
        desk.stop();
        answers
    };
    let (sqlite_answers, postgres_answers) = (answers(lite), answers(&url));
    assert!(!sqlite_answers.0.is_empty() && !sqlite_answers.1.as_array().unwrap().is_empty());
    assert_eq!(sqlite_answers, postgres_answers);
}
