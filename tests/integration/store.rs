//! The SQLite store end to end: `watch` writes it, `search` and `stats` read it (also while a
//! watch is writing), and a replay of the same articles leaves each stored once.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::util::{DEADLINE, bin, drop_file, finish, repo_file};

fn copydesk(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(bin()).args(args).env_remove("RUST_LOG").output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn count(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT count(*) FROM articles", [], |r| r.get(0)).unwrap()
}

#[test]
fn watch_fills_the_store_search_and_stats_read_it_and_a_replay_stores_nothing_twice() {
    let tmp = tempfile::tempdir().unwrap();
    let feed = tmp.path().join("feed");
    fs::create_dir(&feed).unwrap();
    fs::copy(repo_file("config/samples/articles.jsonl"), feed.join("articles.jsonl")).unwrap();
    fs::copy(repo_file("config/samples/seed-article.txt"), feed.join("seed.txt")).unwrap();
    let db = tmp.path().join("store.db");
    let rules = repo_file("config/rules.toml");
    let watch = |state: &str| {
        let state = tmp.path().join(state);
        copydesk(&[
            "watch",
            feed.to_str().unwrap(),
            "--once",
            "--quiet-ms",
            "0",
            "--state",
            state.to_str().unwrap(),
            "--sink",
            &format!("sqlite:{}", db.display()),
            "--rules",
            rules.to_str().unwrap(),
            "--echo",
        ])
    };
    let (code, _, err) = watch("state-1.sqlite");
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("copydesk: sample-1 en"), "a line per article: {err}");
    let n = count(&db);
    assert!(n >= 5, "{n} articles");

    let dbs = db.to_str().unwrap();
    let (code, out, err) = copydesk(&["search", "harbour", "--db", dbs]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("sample-1  "), "{out}");
    assert!(out.contains("[harbour]") || out.contains("[Harbour]"), "{out}");
    let (_, out, _) = copydesk(&["search", "harbour OR wheat", "--db", dbs, "--json"]);
    let recs: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(recs.len(), 2);
    assert!(recs.iter().all(|r| r["schema"] == 1));
    let (_, out, _) = copydesk(&["search", "--tag", "transport", "--db", dbs]);
    assert!(out.contains("sample-1"), "{out}");
    let (code, _, err) = copydesk(&["search", "\"unclosed", "--db", dbs]);
    assert_eq!(code, 2);
    assert!(err.contains("FTS5 query syntax"), "{err}");
    let (code, out, err) = copydesk(&["stats", "--db", dbs]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(&format!("articles     {n} (")), "{out}");
    assert!(out.contains("en 4"), "{out}");

    // A replay (the state lost, as after a crash before the checkpoint): stored once still.
    let (code, _, err) = watch("state-2.sqlite");
    assert_eq!(code, 0, "{err}");
    assert_eq!(count(&db), n);
    let (code, _, err) =
        copydesk(&["search", "x", "--db", tmp.path().join("missing.db").to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn search_reads_while_a_watch_writes() {
    let tmp = tempfile::tempdir().unwrap();
    let feed = tmp.path().join("feed");
    fs::create_dir(&feed).unwrap();
    let db = tmp.path().join("store.db");
    let child = Command::new(bin())
        .args(["watch", feed.to_str().unwrap(), "--state"])
        .arg(tmp.path().join("state.sqlite"))
        .arg("--sink")
        .arg(format!("sqlite:{}", db.display()))
        .env_remove("RUST_LOG")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let mut i = 0;
    loop {
        // Keep writing articles while searching, until a search sees one of them.
        let text = format!("Lighthouse keeper number {i} retires after forty years.");
        drop_file(&feed, &format!("{i}.txt"), &text);
        i += 1;
        if db.exists() {
            let (code, out, err) =
                copydesk(&["search", "lighthouse", "--db", db.to_str().unwrap()]);
            if code == 0 && out.contains("Lighthouse") {
                break;
            }
            assert!(code == 0 || err.contains("not a copydesk store"), "{err}");
        }
        assert!(start.elapsed() < DEADLINE, "search never saw the watch's articles");
        std::thread::sleep(Duration::from_millis(20));
    }
    Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    let (code, err) = finish(child);
    assert_eq!(code, 0, "{err}");
    // Files not read before the stop are read by the next run, and nothing twice.
    let (code, _, err) = copydesk(&[
        "watch",
        feed.to_str().unwrap(),
        "--once",
        "--state",
        tmp.path().join("state.sqlite").to_str().unwrap(),
        "--sink",
        &format!("sqlite:{}", db.display()),
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(count(&db), i64::from(i), "every file stored once");
}
