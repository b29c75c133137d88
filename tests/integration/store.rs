//! The SQLite store end to end: `watch` writes it, `search` and `stats` read it (also while a
//! watch is writing), and a replay of the same articles leaves each stored once.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::util::{DEADLINE, bin, copydesk, drop_file, finish, repo_file, run, watch_once};

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
        let sink = format!("sqlite:{}", db.display());
        let more = ["--sink", &sink, "--rules", rules.to_str().unwrap(), "--echo"];
        watch_once(&feed, &tmp.path().join(state), &more)
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
    // Not FTS5 syntax, and still a query (closed at the end): nothing matches it.
    let (code, out, err) = copydesk(&["search", "\"unclosed", "--db", dbs]);
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    assert!(err.contains("no matching articles"), "{err}");
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

/// A store with three articles, written by the pipe: one about COVID-19 in the U.S., one
/// about Okafor's two-year budget, one with "two" and "year" apart.
fn news_store(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("store.db");
    let articles = [
        (
            "covid",
            "COVID-19 cases rise in the U.S. after the holiday",
            "Health officials in the U.S. reported more COVID-19 cases on Monday than in any \
             week since the spring.",
        ),
        (
            "budget",
            "Council approves a two-year budget",
            "The council approved Mayor Okafor's two-year budget on Tuesday after a long \
             debate about bus fares.",
        ),
        (
            "wheat",
            "Rain delays the wheat harvest",
            "The second year of rain brought two storms in a week, and the harvest waits.",
        ),
    ];
    let input: String = articles
        .iter()
        .map(|(id, title, text)| {
            let a = serde_json::json!({
                "id": id, "title": title, "text": text, "published": "2026-11-27T08:00:00Z"
            });
            format!("{a}\n")
        })
        .collect();
    let r = run(&["--sink", &format!("sqlite:{}", db.display())], input);
    assert_eq!(r.code, 0, "{}", r.stderr);
    db
}

/// The ids `copydesk search QUERY` finds, sorted, or its exit code and stderr.
fn search_ids(db: &Path, args: &[&str]) -> Result<Vec<String>, (i32, String)> {
    let mut all = vec!["search", "--json", "--db", db.to_str().unwrap()];
    all.extend(args);
    let (code, out, err) = copydesk(&all);
    if code != 0 {
        return Err((code, err));
    }
    let mut ids: Vec<String> = out
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    Ok(ids)
}

// See: issue #22 ("COVID-19" was `no such column: 19`, "U.S." an fts5 syntax error).
#[test]
fn search_takes_news_terms_as_words_and_operators_as_operators() {
    let tmp = tempfile::tempdir().unwrap();
    let db = news_store(tmp.path());
    let cases: [(&str, &[&str]); 14] = [
        ("COVID-19", &["covid"]),
        ("covid-19 officials", &["covid"]),
        ("U.S.", &["covid"]),
        ("Okafor's", &["budget"]),
        ("two-year", &["budget"]),
        ("Okafor's two-year budget", &["budget"]),
        // Operators used on purpose keep their meaning.
        ("two-year OR wheat", &["budget", "wheat"]),
        ("\"two storms\"", &["wheat"]),
        ("harv*", &["wheat"]),
        ("title:COVID-19", &["covid"]),
        ("text:holiday", &[]),
        ("(wheat OR budget) NOT rain", &["budget"]),
        ("bus NOT", &[]),
        ("\"unclosed", &[]),
    ];
    for (query, want) in cases {
        assert_eq!(search_ids(&db, &[query]).unwrap(), want, "{query}");
    }
}

// See: issue #22 (`--since yesterday` was taken and matched nothing).
#[test]
fn since_takes_dates_times_and_spans_and_refuses_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let db = news_store(tmp.path());
    let dbs = db.to_str().unwrap();
    let all = ["budget", "covid", "wheat"];
    for since in ["2000-01-01", "2026-11-27T08:00:00Z", "2026-11-27T10:00:00+02:00", "1h", "7d"] {
        assert_eq!(search_ids(&db, &["--since", since]).unwrap(), all, "{since}");
        let (code, out, err) = copydesk(&["stats", "--db", dbs, "--since", since]);
        assert_eq!(code, 0, "{err}");
        assert!(out.starts_with("articles     3 "), "{since}: {out}");
    }
    assert_eq!(search_ids(&db, &["budget", "--since", "2w"]).unwrap(), ["budget"]);
    for since in ["2999-01-01", "2999-01-01T00:00:00Z"] {
        assert_eq!(search_ids(&db, &["--since", since]).unwrap(), Vec::<String>::new());
        let (code, out, err) = copydesk(&["stats", "--db", dbs, "--since", since]);
        assert_eq!(code, 0, "{err}");
        assert!(out.starts_with("articles     0 "), "{since}: {out}");
    }
    for since in ["yesterday", "garbage", "2026-11-29T08", "2026-02-30", "5y"] {
        for command in ["search", "stats"] {
            let (code, out, err) = copydesk(&[command, "--db", dbs, "--since", since]);
            assert_eq!((code, out.as_str()), (2, ""), "{command} --since {since}");
            assert!(err.contains(&format!("invalid time {since:?}")), "{err}");
            assert!(err.contains("2026-11-29T10:00:00Z") && err.contains("24h"), "{err}");
        }
    }
}

#[test]
fn stats_json_is_one_object_with_the_same_figures() {
    let tmp = tempfile::tempdir().unwrap();
    let db = news_store(tmp.path());
    let dbs = db.to_str().unwrap();
    let (code, out, err) = copydesk(&["stats", "--db", dbs, "--json"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 1, "one line: {out}");
    let s: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(s["articles"], 3, "{s}");
    assert_eq!(s["duplicates"], 0, "{s}");
    assert!(s["first"].is_string() && s["last"].is_string(), "{s}");
    let total =
        |key: &str| s[key].as_object().unwrap().values().map(|n| n.as_u64().unwrap()).sum::<u64>();
    assert_eq!(total("languages"), 3, "{s}");
    assert_eq!(total("sources"), 3, "{s}");
    assert!(s["tags"].is_object() && s["entities"].is_array(), "{s}");

    // The figures of the listing.
    let (_, text, _) = copydesk(&["stats", "--db", dbs]);
    assert!(text.contains("articles     3 (0 duplicates)"), "{text}");
    for (lang, n) in s["languages"].as_object().unwrap() {
        assert!(text.contains(&format!("{lang} {n}")), "{lang} {n}: {text}");
    }
    for e in s["entities"].as_array().unwrap() {
        let line = format!(
            "{:>6}  {} ({})",
            e["articles"].as_u64().unwrap(),
            e["name"].as_str().unwrap(),
            e["kind"].as_str().unwrap()
        );
        assert!(text.contains(&line), "{line}: {text}");
    }

    // An empty period: zero counts, no dates.
    let (code, out, err) = copydesk(&["stats", "--db", dbs, "--json", "--since", "2999-01-01"]);
    assert_eq!(code, 0, "{err}");
    let s: Value = serde_json::from_str(&out).unwrap();
    assert_eq!((s["articles"].as_u64(), s["first"].is_null()), (Some(0), true), "{s}");
}
