//! `copydesk` in a pipe: formats, splitting, order, dead letters, rules, exit codes.

use std::io::Write;

use serde_json::Value;

use crate::util::{Lines, finish, generated_articles, repo_file, run, spawn};

fn seed() -> String {
    std::fs::read_to_string(repo_file("tests/data/seed-article.txt")).unwrap()
}

#[test]
fn the_seed_article_as_plain_text() {
    let r = run(&[], seed());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.records.len(), 1);
    let a = &r.records[0];
    assert_eq!(a["schema"], 1);
    assert_eq!(a["counts"]["paragraphs"], 13);
    let text = a["text"].as_str().unwrap();
    assert!(!text.contains("**2050") && !text.contains("2050"));
    assert!(text.ends_with("and security cooperation."));
    // Typographic quotes are kept by default.
    assert!(text.contains("\u{201C}Our relations with the Islamic Republic of Iran"));
    assert!(text.contains("era,\u{201D} the Leader pointed out."));
    assert_eq!(a["lang"]["code"], "en");
    assert_eq!(a["title"], Value::Null);
    assert_eq!(a["id"], a["fingerprint"]["exact"]);
    let kw: Vec<&str> =
        a["keywords"].as_array().unwrap().iter().map(|k| k.as_str().unwrap()).collect();
    assert!(kw.contains(&"Iran") && kw.contains(&"Tehran"), "{kw:?}");
    assert!(r.stderr.is_empty(), "{}", r.stderr);
}

#[test]
fn the_seed_article_gets_its_people_places_and_quotes() {
    // See: issue #5.
    let r = run(&[], seed());
    let a = &r.records[0];
    let names = |kind: &str| -> Vec<String> {
        a["entities"][kind]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["name"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(names("persons"), ["Khamenei", "Abdul Latif Rashid", "Ebrahim Raisi"]);
    assert_eq!(names("organizations"), Vec::<String>::new());
    assert_eq!(
        names("locations"),
        ["Tehran", "Iran", "Iraq", "Kurdistan", "Saadabad Palace", "Baghdad"]
    );
    let countries: Vec<&str> = a["entities"]["locations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["country"].as_str().unwrap())
        .collect();
    assert_eq!(countries, ["IR", "IR", "IQ", "IQ", "IR", "IQ"]);
    let tehran = &a["entities"]["locations"][0];
    assert_eq!(tehran["geonames_id"], 112931);
    assert!(tehran["lat"].as_f64().is_some_and(|l| (l - 35.69).abs() < 0.01));
    let speakers: Vec<&str> = a["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["speaker"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(
        speakers,
        [
            "Khamenei",
            "Khamenei",
            "Khamenei",
            "Khamenei",
            "Abdul Latif Rashid",
            "Abdul Latif Rashid",
            "Ebrahim Raisi"
        ]
    );
    let off = run(&["--no-entities"], seed());
    assert_eq!(off.records[0]["entities"]["persons"], serde_json::json!([]));
    assert_eq!(off.records[0]["quotes"], serde_json::json!([]));
}

#[test]
fn a_wire_story_gives_its_dateline_and_credits_and_keeps_them_out_of_the_text() {
    let story = "TEHRAN, Dec 6 (Reuters) - Iran's Supreme Leader Ayatollah Ali Khamenei said on \
                 Saturday the talks were over.\n\"We will not negotiate,\" he said.\n\
                 (Reporting by Parisa Hafezi; Editing by Alex Richardson)\n";
    let r = run(&[], story);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let a = &r.records[0];
    assert_eq!(
        a["text"],
        "Iran's Supreme Leader Ayatollah Ali Khamenei said on Saturday the talks were over.\n\
         \"We will not negotiate,\" he said."
    );
    let d = &a["dateline"];
    assert_eq!((d["place"].as_str(), d["name"].as_str()), (Some("TEHRAN"), Some("Tehran")));
    assert_eq!((d["country"].as_str(), d["date"].as_str()), (Some("IR"), Some("Dec 6")));
    assert_eq!(d["agency"], "Reuters");
    assert!(d["lat"].is_f64() && d["geonames_id"].is_u64());
    assert_eq!(a["authors"], serde_json::json!(["Parisa Hafezi"]));
    assert_eq!(
        a["credits"],
        serde_json::json!([
            {"role": "reporting", "name": "Parisa Hafezi"},
            {"role": "editing", "name": "Alex Richardson"}
        ])
    );
    let names = |kind: &str| -> Vec<&str> {
        a["entities"][kind]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["name"].as_str().unwrap())
            .collect()
    };
    // The dateline's place is a place of the story (once, resolved), `Dec` is none, the
    // agency is no organization of the story, and the credited people are its persons.
    assert_eq!(names("locations"), ["Tehran", "Iran"]);
    assert_eq!(names("organizations"), Vec::<&str>::new());
    assert_eq!(names("persons"), ["Ali Khamenei", "Parisa Hafezi", "Alex Richardson"]);
    assert_eq!(a["quotes"][0]["speaker"], "Ali Khamenei");
}

#[test]
fn ids_are_stable_across_runs() {
    let a = run(&[], seed());
    let b = run(&["--workers", "1"], seed());
    assert_eq!(a.records[0]["id"], b.records[0]["id"]);
}

#[test]
fn ascii_folds_typography() {
    let r = run(&["--ascii"], seed());
    let text = r.records[0]["text"].as_str().unwrap();
    assert!(text.is_ascii());
    assert!(text.contains("\"Our relations with the Islamic Republic of Iran"));
}

#[test]
fn many_ndjson_articles_keep_input_order_with_several_workers() {
    let n = 600;
    let r = run(&["--workers", "4", "--queue", "16"], generated_articles(n));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let ids: Vec<&str> = r.records.iter().map(|a| a["id"].as_str().unwrap()).collect();
    let want: Vec<String> = (0..n).map(|i| format!("a{i}")).collect();
    assert_eq!(ids, want);
    let lines: Vec<u64> = r.records.iter().map(|a| a["source"]["line"].as_u64().unwrap()).collect();
    assert_eq!(lines, (1..=n as u64).collect::<Vec<_>>());
}

#[test]
fn unordered_output_has_every_article_once() {
    let n = 300;
    let r = run(&["--workers", "3", "--unordered"], generated_articles(n));
    assert_eq!(r.code, 0);
    let mut ids: Vec<String> =
        r.records.iter().map(|a| a["id"].as_str().unwrap().to_owned()).collect();
    ids.sort();
    let mut want: Vec<String> = (0..n).map(|i| format!("a{i}")).collect();
    want.sort();
    assert_eq!(ids, want);
}

#[test]
fn metadata_is_used_and_unknown_fields_kept() {
    let input = r#"{"id":"x1","title":"  A   headline ","url":"https://e.org/1","published":"2026-11-28","lang":"en-GB","outlet":"Wire","tags":["mine"],"text":"Body text here."}"#;
    let r = run(&[], input);
    let a = &r.records[0];
    assert_eq!(a["id"], "x1");
    assert_eq!(a["title"], "A headline");
    assert_eq!(a["url"], "https://e.org/1");
    assert_eq!(a["published"], "2026-11-28");
    assert_eq!(a["lang"]["code"], "en");
    assert_eq!(a["lang"]["detected"], false);
    assert_eq!(a["meta"]["outlet"], "Wire");
    assert_eq!(a["meta"]["tags"][0], "mine");
}

#[test]
fn bad_lines_are_dead_lettered_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let dlq = dir.path().join("dead.jsonl");
    let input = "{\"id\":\"ok1\",\"text\":\"Fine.\"}\n{\"id\":\"broken\",\"text\":\n{\"id\":\"empty\",\"text\":\"  \\u200b \"}\n42\n{\"id\":\"ok2\",\"body\":\"Also fine.\"}\n";
    let r = run(&["--dead-letter", dlq.to_str().unwrap()], input);
    assert_eq!(r.code, 1, "some inputs were rejected: exit 1");
    let ids: Vec<&str> = r.records.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids, vec!["ok1", "ok2"]);
    let dead: Vec<Value> = std::fs::read_to_string(&dlq)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(dead.len(), 3);
    assert_eq!(dead[0]["source"]["line"], 2);
    assert_eq!(dead[0]["stage"], "ingest");
    assert!(dead[0]["reason"].as_str().unwrap().starts_with("invalid JSON"));
    assert_eq!(dead[0]["raw"], "{\"id\":\"broken\",\"text\":");
    assert_eq!(dead[1]["stage"], "normalize");
    assert_eq!(dead[1]["id"], "empty");
    assert_eq!(dead[1]["reason"], "no text left after normalization");
    assert_eq!(dead[2]["reason"], "expected a JSON object, got a number");
    assert!(r.stderr.contains("3 rejected"), "{}", r.stderr);
}

#[test]
fn without_a_dead_letter_file_rejections_are_reported_on_stderr() {
    let r = run(&[], "{\"text\":\"ok\"}\nnot json\n");
    assert_eq!(r.code, 1);
    assert_eq!(r.records.len(), 1);
    assert!(r.stderr.contains("Rejected an input"), "{}", r.stderr);
    assert!(r.stderr.contains("line=2"), "{}", r.stderr);
    assert!(
        r.stderr.contains("copydesk: 2 inputs, 1 written, 1 rejected, 0 lost, 0 duplicates"),
        "{}",
        r.stderr
    );
}

#[test]
fn the_summary_counts_agree_with_their_nouns() {
    let r = run(&["--stats"], "{\"text\":\"Only one story.\"}\n");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("copydesk: 1 input, 1 written, 0 rejected, 0 lost, 0 duplicates;"),
        "{}",
        r.stderr
    );
    // The line per article, its columns kept.
    let r = run(
        &["--echo"],
        "{\"id\":\"one\",\"text\":\"Hello.\"}\n{\"id\":\"two\",\"text\":\"Hello there.\"}\n",
    );
    assert!(r.stderr.contains("     1 word   (no title)  <- stdin:1"), "{}", r.stderr);
    assert!(r.stderr.contains("     2 words  (no title)  <- stdin:2"), "{}", r.stderr);
}

#[test]
fn split_modes() {
    let text = "First story, one line.\nSecond story.\n\nThird story,\nhard wrapped.\n";
    let texts = |r: crate::util::Run| -> Vec<String> {
        r.records.iter().map(|a| a["text"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(texts(run(&[], text)).len(), 1);
    assert_eq!(
        texts(run(&["--split", "line"], text)),
        vec!["First story, one line.", "Second story.", "Third story,", "hard wrapped."]
    );
    assert_eq!(
        texts(run(&["--split", "blank"], text)),
        vec!["First story, one line.\nSecond story.", "Third story,\nhard wrapped."]
    );
    assert_eq!(texts(run(&["--split", "nul"], "one\0two\0")), vec!["one", "two"]);
    assert_eq!(texts(run(&["--split", "rs"], "one\x1etwo")), vec!["one", "two"]);
}

#[test]
fn json_sequences_arrays_and_html_are_detected() {
    let seq = run(&[], "\x1e{\"text\":\"a b\"}\n\x1e{\"text\":\"c d\"}\n");
    assert_eq!(seq.records.len(), 2);
    let arr = run(&[], "[{\"text\":\"a b\"},{\"text\":\"c d\"}]");
    assert_eq!(arr.records.len(), 2);
    let html = run(
        &[],
        "<!DOCTYPE html><html><head><title>Big news today in the town | Site</title><script>x()</script></head>\
         <body><nav>Home</nav><article><p>The first paragraph.</p><p>The second one.</p></article></body></html>",
    );
    assert_eq!(html.records[0]["title"], "Big news today in the town");
    assert_eq!(html.records[0]["text"], "The first paragraph.\nThe second one.");
}

#[test]
fn rules_and_keywords() {
    let rules = repo_file("config/rules.toml");
    let input = std::fs::read_to_string(repo_file("config/samples/articles.jsonl")).unwrap();
    let r = run(&["--rules", rules.to_str().unwrap()], input);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let tags: Vec<Vec<&str>> = r
        .records
        .iter()
        .map(|a| a["tags"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect())
        .collect();
    assert_eq!(tags[0], vec!["local-government", "money-figure", "transport"]);
    assert_eq!(tags[1], vec!["agriculture", "markets"]);
    assert_eq!(tags[2], vec!["local-government", "transport"]);
    assert!(tags[3].is_empty());
    let kw = r.records[1]["keywords"].as_array().unwrap();
    assert!(kw.iter().any(|k| k == "Tom Brandt"), "{kw:?}");
    // The HTML sample: title from the page, chrome gone.
    assert_eq!(r.records[3]["title"], "Library extends opening hours");
    assert!(!r.records[3]["text"].as_str().unwrap().contains("Share this article"));
    let none = run(&["--keywords", "0"], "Some text about harbours and bridges.");
    assert_eq!(none.records[0]["keywords"], serde_json::json!([]));
}

#[test]
fn passthrough_keeps_text_as_received() {
    let r = run(&["--passthrough"], "{\"text\":\"  Two   spaces \u{200b}\"}\n");
    assert_eq!(r.records[0]["text"], "  Two   spaces \u{200b}");
    assert_eq!(r.records[0]["keywords"], serde_json::json!([]));
}

#[test]
fn fatal_errors_exit_2_with_a_clear_message() {
    let r = run(&["--rules", "/nonexistent/rules.toml"], "x");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("cannot read rules file /nonexistent/rules.toml"), "{}", r.stderr);
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[[rule]]\ntag = \"x\"\nany = [\"re:(\"]\n").unwrap();
    let r = run(&["--rules", bad.to_str().unwrap()], "x");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("rule 1 (tag \"x\"): invalid regex"), "{}", r.stderr);
    let r = run(&["--no-such-flag"], "x");
    assert_eq!(r.code, 2);
}

#[test]
fn empty_input_is_no_articles_and_success() {
    let r = run(&[], "");
    assert_eq!((r.code, r.records.len()), (0, 0));
}

#[test]
fn invalid_utf8_is_repaired_and_counted() {
    let r = run(&[], b"Caf\xe9 cr\xe8me is served.".to_vec());
    assert_eq!(r.code, 0);
    assert_eq!(r.records[0]["counts"]["invalid_utf8"], 2);
    assert_eq!(r.records[0]["text"], "Caf\u{FFFD} cr\u{FFFD}me is served.");
}

#[test]
fn oversized_inputs_are_dead_lettered() {
    let big = format!("{{\"text\":\"{}\"}}\n{{\"text\":\"small\"}}\n", "x".repeat(5000));
    let r = run(&["--max-bytes", "1000"], big);
    assert_eq!(r.code, 1);
    assert_eq!(r.records.len(), 1);
    assert!(r.stderr.contains("over the limit of 1000 bytes"), "{}", r.stderr);
}

#[test]
fn stats_summary() {
    let r = run(&["--stats"], generated_articles(20));
    assert_eq!(r.code, 0);
    assert!(
        r.stderr.contains("copydesk: 20 inputs, 20 written, 0 rejected, 0 lost, 0 duplicates;"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("MB/s"), "{}", r.stderr);
}

#[test]
fn records_stream_before_input_ends() {
    let mut child = spawn(&[]);
    let mut stdin = child.stdin.take().unwrap();
    let lines = Lines::new(child.stdout.take().unwrap());
    stdin.write_all(b"{\"id\":\"first\",\"text\":\"Early bird.\"}\n").unwrap();
    stdin.flush().unwrap();
    // stdin is still open: the record must arrive anyway.
    let first: Value = serde_json::from_str(&lines.next().unwrap()).unwrap();
    assert_eq!(first["id"], "first");
    stdin.write_all(b"{\"id\":\"second\",\"text\":\"Late bird.\"}\n").unwrap();
    drop(stdin);
    let second: Value = serde_json::from_str(&lines.next().unwrap()).unwrap();
    assert_eq!(second["id"], "second");
    assert!(lines.next().is_none());
    let (code, err) = finish(child);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_half_written_line_does_not_hold_back_the_lines_before_it() {
    let mut child = spawn(&[]);
    let mut stdin = child.stdin.take().unwrap();
    let lines = Lines::new(child.stdout.take().unwrap());
    // One whole line and the first half of the next, then a pause.
    stdin.write_all(b"{\"id\":\"whole\",\"text\":\"Complete.\"}\n{\"id\":\"half\",\"te").unwrap();
    stdin.flush().unwrap();
    let first: Value = serde_json::from_str(&lines.next().unwrap()).unwrap();
    assert_eq!(first["id"], "whole");
    stdin.write_all(b"xt\":\"Finished later.\"}\n").unwrap();
    drop(stdin);
    let second: Value = serde_json::from_str(&lines.next().unwrap()).unwrap();
    assert_eq!(second["id"], "half");
    let (code, err) = finish(child);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_closed_stdout_exits_quietly_with_0() {
    // Like `copydesk < big | head -n 1`.
    let mut child = spawn(&[]);
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let input = generated_articles(20_000);
        // The write fails once copydesk is gone: that is expected.
        _ = stdin.write_all(input.as_bytes());
    });
    let lines = Lines::new(child.stdout.take().unwrap());
    assert!(lines.next().is_some());
    drop(lines); // closes our end of the pipe
    let (code, err) = finish(child);
    feeder.join().unwrap();
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "nothing on stderr, got {err:?}");
}

#[test]
fn duplicates_point_to_the_first_article_in_input_order() {
    let seed = seed();
    let trimmed: Vec<&str> = seed.lines().collect();
    let trimmed = trimmed[..trimmed.len() - 2].join("\n");
    let ascii = seed.replace(['\u{201C}', '\u{201D}'], "\"").replace('\u{2019}', "'");
    let other =
        "Heavy rain across Kansas and Nebraska delayed the wheat harvest for a second week.";
    let mut input = String::new();
    for (id, text) in [
        ("orig", seed.as_str()),
        ("other", other),
        ("copy", seed.as_str()),
        ("trimmed", trimmed.as_str()),
        ("ascii", ascii.as_str()),
        ("other-again", other),
    ] {
        input.push_str(&serde_json::json!({"id": id, "text": text}).to_string());
        input.push('\n');
    }
    // Many workers and tiny queues: the first in input order must still win.
    let r = run(&["--workers", "4", "--queue", "1", "--stats"], input);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let dup: Vec<(&str, Option<&str>)> =
        r.records.iter().map(|a| (a["id"].as_str().unwrap(), a["duplicate_of"].as_str())).collect();
    assert_eq!(
        dup,
        vec![
            ("orig", None),
            ("other", None),
            ("copy", Some("orig")),
            ("trimmed", Some("orig")),
            ("ascii", Some("orig")),
            ("other-again", Some("other")),
        ]
    );
    assert_eq!(r.records[2]["similarity"], 1.0);
    let near = r.records[3]["similarity"].as_f64().unwrap();
    assert!((0.8..=1.0).contains(&near), "{near}");
    assert!(r.stderr.contains("4 duplicates"), "{}", r.stderr);
    let off = run(&["--dup-window", "0"], "{\"text\":\"Same.\"}\n{\"text\":\"Same.\"}\n");
    assert!(off.records.iter().all(|a| a["duplicate_of"].is_null()));
}

#[test]
fn binary_input_is_dead_lettered_not_turned_into_text() {
    let r = run(&[], b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0>\0\x01\0\0\0".to_vec());
    assert_eq!(r.code, 1);
    assert!(r.records.is_empty());
    assert!(r.stderr.contains("reason=binary data, not text"), "{}", r.stderr);
}

/// Transparent huge pages are off for the process (see `no_huge_pages` in the binary): read
/// from the kernel's view of the running process, once it has written a record.
#[test]
#[cfg(target_os = "linux")]
fn huge_pages_are_off_while_running() {
    let mut child = spawn(&[]);
    let mut stdin = child.stdin.take().unwrap();
    let lines = Lines::new(child.stdout.take().unwrap());
    writeln!(stdin, "{{\"id\":\"t\",\"text\":\"A story.\"}}").unwrap();
    stdin.flush().unwrap();
    assert!(lines.next().is_some(), "a record");
    let status = std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap();
    drop(stdin);
    let (code, err) = finish(child);
    assert_eq!(code, 0, "{err}");
    // Kernels before 6.x do not report the flag, and a sandbox may refuse the call (the run
    // says so and goes on): there is nothing to check then.
    let refused = err.contains("cannot turn transparent huge pages off");
    if let Some(line) = status.lines().find(|l| l.starts_with("THP_enabled:"))
        && !refused
    {
        assert_eq!(line.split_whitespace().nth(1), Some("0"), "{line}");
    }
}
