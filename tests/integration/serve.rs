//! `copydesk serve --config` and `copydesk check`: the real binary with temp configurations.

use std::fs;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::util::{DEADLINE, bin, finish, repo_file};

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
    assert!(String::from_utf8_lossy(&out.stdout).contains("ok (1 sources, 1 sinks"));
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
    let drop_file = |name: &str, text: &str| {
        let tmpf = feed.join(format!(".{name}.tmp"));
        fs::write(&tmpf, text).unwrap();
        fs::rename(&tmpf, feed.join(name)).unwrap();
    };
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
