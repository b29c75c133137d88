//! The delivered formats end to end: a watched folder with RSS, Atom, NITF, NewsML-G2, ninjs
//! and WARC files lands in the SQLite store with the right fields; a feed saved again adds
//! nothing; `search --author` finds a reporter; stdin sniffs the formats too.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::util::{copydesk, repo_file, run, watch_once};

fn fixture(name: &str) -> std::path::PathBuf {
    repo_file(&format!("tests/fixtures/formats/{name}"))
}

/// Every stored article: id → its record.
fn stored(db: &Path) -> std::collections::BTreeMap<String, Value> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn.prepare("SELECT id, record FROM articles").unwrap();
    stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .unwrap()
        .map(|r| {
            let (id, rec) = r.unwrap();
            (id, serde_json::from_str(&rec).unwrap())
        })
        .collect()
}

const FILES: [&str; 7] = [
    "rss-2.0.xml",
    "atom-1.0.xml",
    "nitf-3.6.xml",
    "newsml-g2-2.33.xml",
    "ninjs-1.3.json",
    "ninjs-2.0.jsonl",
    "news-pages.warc.gz",
];

#[test]
fn a_watched_folder_of_delivered_formats_lands_in_the_store() {
    let tmp = tempfile::tempdir().unwrap();
    let feed = tmp.path().join("feed");
    fs::create_dir(&feed).unwrap();
    for f in FILES {
        fs::copy(fixture(f), feed.join(f)).unwrap();
    }
    let db = tmp.path().join("store.db");
    let sink = format!("sqlite:{}", db.display());
    let dead = tmp.path().join("dead.jsonl");
    let watch = |state: &str| {
        let more = ["--sink", &sink, "--dead-letter", dead.to_str().unwrap()];
        watch_once(&feed, &tmp.path().join(state), &more)
    };
    let (code, _, err) = watch("state-1.sqlite");
    assert_eq!(code, 0, "{err}\n{}", fs::read_to_string(&dead).unwrap_or_default());
    assert!(
        err.contains(
            "7 skipped (1 warc-request, 1 warc-metadata, 1 warc-warcinfo, 1 warc-revisit, \
             1 warc-not-html, 1 warc-http-status, 1 newsml-not-news-item)"
        ),
        "{err}"
    );
    let records = stored(&db);
    assert_eq!(records.len(), 11, "{:#?}", records.keys());
    let field = |id: &str, f: &str| records[id][f].clone();

    // RSS 2.0: guid as id, link, pubDate as RFC 3339, dc:creator, content:encoded.
    let rss = "gazette-2026-12-06-0042";
    assert_eq!(field(rss, "title"), "Port strike ends after talks in Lagos");
    assert_eq!(field(rss, "url"), "https://gazette.example/world/2026/12/06/port-strike-ends");
    assert_eq!(field(rss, "published"), "2026-12-06T11:20:00+01:00");
    assert_eq!(field(rss, "author"), "Amaka Obi");
    assert!(field(rss, "text").as_str().unwrap().contains("nine-day strike"));
    assert_eq!(records[rss]["meta"]["categories"], serde_json::json!(["Business", "Nigeria"]));
    let storm = "https://gazette.example/world/2026/12/05/storm-schools";
    assert_eq!(field(storm, "author"), "Lena Fischer");
    assert!(field(storm, "text").as_str().unwrap().starts_with("A winter storm closed"));

    // Atom 1.0: two authors.
    let atom = "tag:wire.example,2026:science-0007";
    assert_eq!(field(atom, "published"), "2026-12-06T09:00:00Z");
    assert_eq!(field(atom, "author"), "Ravi Menon, Sofia Marquez");
    assert_eq!(field(atom, "authors"), serde_json::json!(["Ravi Menon", "Sofia Marquez"]));

    // NITF 3.6.
    let nitf = "TEH-2026-12-06-001";
    assert_eq!(field(nitf, "title"), "Iran's leader says no talks");
    assert_eq!(field(nitf, "published"), "2026-12-06T09:30:00Z");
    assert_eq!(field(nitf, "url"), "https://wire.example/teh-001");
    assert_eq!(field(nitf, "author"), "Parisa Hafezi");
    assert_eq!(field(nitf, "authors"), serde_json::json!(["Parisa Hafezi"]));
    // The NITF dateline, parsed and resolved; the tagline's credit line, read.
    let dateline = field(nitf, "dateline");
    assert_eq!(
        (&dateline["text"], &dateline["place"], &dateline["name"], &dateline["country"]),
        (&"TEHRAN, Dec 6".into(), &"TEHRAN".into(), &"Tehran".into(), &"IR".into())
    );
    assert_eq!(dateline["date"], "Dec 6");
    assert_eq!(
        field(nitf, "credits"),
        serde_json::json!([
            {"role": "reporting", "name": "Parisa Hafezi"},
            {"role": "editing", "name": "Alex Richardson"}
        ])
    );
    assert!(field(nitf, "text").as_str().unwrap().contains("would not negotiate"));

    // NewsML-G2: both news items of the message.
    let g2 = "urn:newsml:wire.example:20261206:rain";
    assert_eq!(field(g2, "title"), "Rain delays wheat harvest");
    assert_eq!(field(g2, "published"), "2026-12-06T09:45:00Z");
    assert_eq!(field(g2, "author"), "Tom Brandt, Ann Lee");
    assert_eq!(field(g2, "authors"), serde_json::json!(["Tom Brandt", "Ann Lee"]));
    assert_eq!(field(g2, "dateline")["name"], "Kansas City");
    assert_eq!(field("urn:newsml:wire.example:20261206:nitf", "title"), "Port strike ends");

    // ninjs 1.3 (a pretty-printed .json file) and 2.0 (a .jsonl line).
    let n1 = "http://wire.example/2026/12/06/harbour-bridge";
    assert_eq!(field(n1, "title"), "Harbour bridge reopens after two-year repair");
    assert_eq!(field(n1, "author"), "By Jane Doe and John Roe");
    assert_eq!(field(n1, "authors"), serde_json::json!(["Jane Doe", "John Roe"]));
    assert_eq!(field(n1, "published"), "2026-12-06T08:15:00Z");
    let n2 = "urn:wire.example:2026:rain-harvest";
    assert_eq!(field(n2, "url"), "https://wire.example/2026/12/05/rain");
    assert_eq!(field(n2, "author"), "Tom Brandt");

    // WARC: the three HTML responses, extracted; the rest skipped and counted above.
    let warc: Vec<&Value> =
        records.values().filter(|r| r["meta"]["warc_record_id"].is_string()).collect();
    let mut urls: Vec<&str> = warc.iter().map(|r| r["url"].as_str().unwrap()).collect();
    urls.sort();
    assert_eq!(
        urls,
        [
            "https://arstechnica.com/security/2015/05/just-released-minecraft-exploit-makes-it-easy-to-crash-game-servers/",
            "https://news.example/2024/04/20/some-title",
            "https://nicolas.perriault.net/code/2013/get-your-frontend-javascript-code-covered/",
        ]
    );
    let ars = warc.iter().find(|r| r["url"].as_str().unwrap().contains("arstechnica")).unwrap();
    assert_eq!(ars["title"], "Just-released Minecraft exploit makes it easy to crash game servers");
    assert_eq!(ars["meta"]["warc_date"], "2026-12-06T10:03:00Z");

    // search --author finds a reporter by part of the name, in any case.
    let dbs = db.to_str().unwrap();
    let (code, out, err) = copydesk(&["search", "--author", "hafezi", "--db", dbs]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with(&format!("{nitf}  ")), "{out}");
    assert_eq!(out.lines().filter(|l| !l.starts_with(' ')).count(), 1, "{out}");
    let (_, out, _) = copydesk(&["search", "--author", "alex richardson", "--db", dbs]);
    assert!(out.starts_with(&format!("{nitf}  ")), "an editor of a credit line: {out}");
    let (_, out, _) = copydesk(&["search", "--author", "Sofia Marquez", "--db", dbs, "--json"]);
    let ids: Vec<Value> =
        out.lines().map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].clone()).collect();
    assert_eq!(ids, [atom]);

    // The feed saved again (a new build date, items reordered): no new records.
    let rss_text = fs::read_to_string(fixture("rss-2.0.xml")).unwrap();
    let resaved = rss_text.replace(
        "<language>en</language>",
        "<language>en</language>\n  <lastBuildDate>Sat, 06 Dec 2026 12:00:00 GMT</lastBuildDate>",
    );
    fs::write(feed.join("rss-2.0.xml"), resaved).unwrap();
    let (code, _, err) = watch("state-1.sqlite");
    assert_eq!(code, 0, "{err}");
    assert_eq!(stored(&db).len(), 11);
}

#[test]
fn stdin_sniffs_the_delivered_formats() {
    let cases: [(&str, usize); 7] = [
        ("rss-2.0.xml", 2),
        ("atom-1.0.xml", 1),
        ("nitf-3.6.xml", 1),
        ("newsml-g2-2.33.xml", 2),
        ("ninjs-1.3.json", 1),
        ("news-pages.warc", 3),
        ("news-pages.warc.gz", 3),
    ];
    for (file, n) in cases {
        let r = run(&["--no-entities"], fs::read(fixture(file)).unwrap());
        assert_eq!((r.code, r.records.len()), (0, n), "{file}: {}", r.stderr);
    }
    // Forced: a ninjs object without the fields that mark it is read as ninjs all the same.
    let r = run(&["--format", "ninjs"], "{\"uri\": \"u1\", \"body_text\": \"Plain text.\"}\n");
    assert_eq!(r.records[0]["id"], "u1");
    // A broken feed: the complete items, then a dead letter with the position.
    let broken = "<rss><channel><item><title>A</title><description>Text a.</description></item>\n\
                  <item><title>B</title><description>b</item></channel></rss>";
    let r = run(&[], broken);
    assert_eq!((r.code, r.records.len()), (1, 1), "{}", r.stderr);
    assert!(r.stderr.contains("invalid XML at line 2"), "{}", r.stderr);
}

/// WARC files as other tools wrote them (Warcat's examples): an Archive Team crawl, a draft
/// `WARC/0.18` record from Heritrix, broken chunked encoding, a header that is not UTF-8, a long
/// URL. Each gives its HTML page or counts what it skipped; none is read as text.
#[test]
fn warc_files_written_by_other_tools_are_read() {
    let cases: [(&str, usize, &str); 5] = [
        (
            "warcat/at.warc.gz",
            1,
            "7 skipped (2 warc-request, 1 warc-warcinfo, 3 warc-not-html, 1 warc-http-status)",
        ),
        ("warcat/c1_warcinfo.warc", 0, "1 skipped (1 warc-warcinfo)"),
        ("warcat/bad_http_chunked_content.warc", 0, "1 skipped"),
        ("warcat/not_utf8_http_header.warc", 0, "1 skipped"),
        ("warcat/long_url.warc", 0, "1 skipped"),
    ];
    for (file, n, skipped) in cases {
        let r = run(&["--no-entities", "--stats"], fs::read(fixture(file)).unwrap());
        assert_eq!((r.code, r.records.len()), (0, n), "{file}: {}", r.stderr);
        assert!(r.stderr.contains(skipped), "{file}: {}", r.stderr);
    }
    let r = run(&["--no-entities"], fs::read(fixture("warcat/at.warc.gz")).unwrap());
    let a = &r.records[0];
    assert_eq!(a["url"], "http://www.archiveteam.org/index.php?title=Main_Page");
    assert_eq!(a["meta"]["warc_type"], "response");
    assert!(a["text"].as_str().unwrap().contains("HISTORY IS OUR FUTURE"));
}

/// A WARC archive larger than --max-bytes is streamed record by record: the limit applies to
/// each record (the one larger page is a dead letter), not to the file.
#[test]
fn a_warc_archive_is_streamed_and_the_size_limit_applies_per_record() {
    let tmp = tempfile::tempdir().unwrap();
    let feed = tmp.path().join("feed");
    fs::create_dir(&feed).unwrap();
    fs::copy(fixture("news-pages.warc"), feed.join("crawl.warc")).unwrap();
    let out = tmp.path().join("out.jsonl");
    let dead = tmp.path().join("dead.jsonl");
    let sink = format!("jsonl:{}", out.display());
    let more = ["--sink", &sink, "--dead-letter", dead.to_str().unwrap(), "--max-bytes", "40000"];
    let (code, _, err) = watch_once(&feed, &tmp.path().join("state.sqlite"), &more);
    assert_eq!(code, 1, "{err}");
    assert_eq!(fs::read_to_string(&out).unwrap().lines().count(), 2, "{err}");
    let letters = fs::read_to_string(&dead).unwrap();
    let letter: Value = serde_json::from_str(letters.lines().next().unwrap()).unwrap();
    assert!(letter["reason"].as_str().unwrap().contains("over the limit of 40000 bytes"));
    assert!(letter["source"]["path"].as_str().unwrap().ends_with("crawl.warc"));
}
