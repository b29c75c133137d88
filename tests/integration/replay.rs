//! `copydesk replay`: dead letters run through the pipeline again; the file rewritten.

use std::fs;
use std::process::Command;

use serde_json::Value;

use crate::util::{bin, run, stored_ids};

fn letters(path: &std::path::Path) -> Vec<Value> {
    fs::read_to_string(path).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn write_letters(path: &std::path::Path, letters: &[Value]) {
    let text: String = letters.iter().map(|l| format!("{l}\n")).collect();
    fs::write(path, text).unwrap();
}

/// `copydesk replay` with `args`: exit code and stderr.
fn replay(args: &[&str]) -> (i32, String) {
    let out = Command::new(bin()).arg("replay").args(args).env_remove("RUST_LOG").output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

// See: issue #22 (`copydesk replay DEAD_LETTERS.jsonl`: what succeeds is marked replayed,
// what fails again stays with its new reason).
#[test]
fn replay_marks_what_is_written_and_keeps_what_is_refused_again_with_its_new_reason() {
    let tmp = tempfile::tempdir().unwrap();
    let (dead, db) = (tmp.path().join("dead.jsonl"), tmp.path().join("store.db"));
    let (dead_s, sink) = (dead.to_str().unwrap(), format!("sqlite:{}", db.display()));
    let input = "{\"id\":\"a\",\"text\":\"Fine.\"}\n{\"id\":\"b\",\"text\":\"Broken\n{\"id\":\"c\",\"text\":\"\"}\n";
    let r = run(&["--no-entities", "--dead-letter", dead_s, "--sink", &sink], input);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let mut before = letters(&dead);
    assert_eq!(before.len(), 2);
    // The broken input is corrected in the file; the empty one is broken another way.
    before[0]["raw"] = "{\"id\":\"b\",\"text\":\"Mended at the desk.\"}".into();
    before[1]["raw"] = "{\"id\":\"c\",\"text\":".into();
    let old_reason = before[1]["reason"].clone();
    write_letters(&dead, &before);
    fs::write(&dead, fs::read_to_string(&dead).unwrap() + "not a dead letter\n").unwrap();

    let (code, err) = replay(&[dead_s, "--no-entities", "--sink", &sink]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&format!(
            "replay {dead_s}: 2 dead letters, 1 replayed, 1 refused again, 1 lines not dead letters"
        )),
        "{err}"
    );
    let mut ids = stored_ids(&db);
    ids.sort();
    assert_eq!(ids, ["a", "b"]);
    let after = letters_and_rest(&dead);
    assert_eq!(after.1, ["not a dead letter"], "other lines stay");
    let after = after.0;
    assert!(after[0]["replayed"].as_str().is_some_and(|t| t.ends_with('Z')), "{}", after[0]);
    assert_eq!(after[0]["raw"], before[0]["raw"]);
    assert_eq!(after[1].get("replayed"), None);
    assert_eq!(after[1]["raw"], before[1]["raw"], "the input stays");
    assert_ne!(after[1]["reason"], old_reason);
    assert!(after[1]["reason"].as_str().unwrap().starts_with("invalid JSON"), "{}", after[1]);
    assert_eq!(after[1]["source"]["line"], 3, "the original origin stays");
    // The record says where the article first came from.
    let out = Command::new(bin()).args(["search", "--json", "--db"]).arg(&db).output().unwrap();
    let b = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|r| r["id"] == "b")
        .unwrap();
    assert_eq!(
        (b["source"]["name"].clone(), b["source"]["line"].clone()),
        ("stdin".into(), 2.into())
    );
    // The rewritten file is still made of valid dead letters.
    let schema = crate::schema::load("schema/dead-letter.schema.json");
    let mut errors = Vec::new();
    for l in &after {
        crate::schema::validate(&schema, l, "$", &mut errors);
    }
    assert!(errors.is_empty(), "{errors:#?}");

    // Once more: the replayed one is skipped; nothing is left behind beside the file.
    let (code, err) = replay(&[dead_s, "--no-entities", "--sink", &sink]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("0 replayed, 1 refused again") && err.contains("1 replayed earlier"),
        "{err}"
    );
    let mut names: Vec<_> =
        fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    names.sort();
    assert_eq!(names, ["dead.jsonl", "store.db"]);
}

fn letters_and_rest(path: &std::path::Path) -> (Vec<Value>, Vec<String>) {
    let (mut ok, mut rest) = (Vec::new(), Vec::new());
    for l in fs::read_to_string(path).unwrap().lines() {
        match serde_json::from_str::<Value>(l) {
            Ok(v) => ok.push(v),
            Err(_) => rest.push(l.to_owned()),
        }
    }
    (ok, rest)
}

/// A one-article file refused by `watch` (empty, or over --max-bytes) is read again from its
/// path; a dead letter holding only the start of its input is not replayable.
#[test]
fn replay_reads_a_refused_file_again_and_leaves_a_truncated_input() {
    let tmp = tempfile::tempdir().unwrap();
    let feed = tmp.path().join("feed");
    fs::create_dir(&feed).unwrap();
    fs::write(feed.join("empty.txt"), "").unwrap();
    fs::write(feed.join("big.txt"), "A long story about the harbour bridge.\n").unwrap();
    let dead = tmp.path().join("dead.jsonl");
    let dead_s = dead.to_str().unwrap();
    let out = Command::new(bin())
        .args(["watch", "--once", "--quiet-ms", "0", "--max-bytes", "20", "--no-entities"])
        .arg(&feed)
        .args(["--dead-letter", dead_s, "--sink", "stdout", "--state"])
        .arg(tmp.path().join("state.sqlite"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(letters(&dead).len(), 2);
    fs::write(feed.join("empty.txt"), "Filled in since.\n").unwrap();
    // A stream's over-size input keeps only its start.
    let r = run(&["--max-bytes", "10", "--dead-letter", dead_s], "Too long for ten bytes.");
    assert_eq!(r.code, 1);

    let out = Command::new(bin())
        .args(["replay", dead_s, "--no-entities", "--max-bytes", "1000"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("3 dead letters, 2 replayed, 0 refused again, 1 not replayable"), "{err}");
    let mut texts: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["text"].as_str().unwrap().to_owned())
        .collect();
    texts.sort();
    assert_eq!(texts, ["A long story about the harbour bridge.", "Filled in since."]);
    let after = letters(&dead);
    assert_eq!(after.iter().filter(|l| l.get("replayed").is_some()).count(), 2);

    // What replay refuses to do; a file that is not there.
    let (code, err) = replay(&[dead_s, "--dead-letter", "x.jsonl"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("replay keeps what is refused again in"), "{err}");
    let (code, err) = replay(&[tmp.path().join("none.jsonl").to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("cannot read"), "{err}");
}
