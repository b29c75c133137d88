//! The embedded store: every record in one SQLite file (WAL), searchable with FTS5.
//!
//! Writes are batched: one transaction per batch, and the batch's acks are returned only
//! after it commits. Articles are upserted by id, and a re-delivered article whose content did
//! not change changes nothing (not even its `received_at`), so after a crash and a replay the
//! store still holds each article exactly once.
//!
//! Schema (version [`STORE_VERSION`], `PRAGMA user_version`; older stores are migrated, newer
//! ones refused): `articles` (one row per id, keywords as a JSON array, the full record JSON
//! in `record`), `tags`, `entities` (kind, canonical name, country, coordinates), `mentions` (article ↔
//! entity with a count), `quotes`, and `articles_fts` (FTS5 over title and text, kept in step
//! by triggers).

use std::path::{Path, PathBuf};

use copydesk_core::{Ack, Record};
use rusqlite::{Connection, OpenFlags, params};

use crate::jsonl::SinkError;

/// The schema version this build writes: the number of migrations.
pub const STORE_VERSION: i64 = MIGRATIONS.len() as i64;

/// The schema migrations, in order: `MIGRATIONS[i]` takes a store from version `i` to `i + 1`
/// (version 0 is an empty file). Append new ones; never edit released ones.
const MIGRATIONS: [&str; 1] = [SCHEMA_V1];

/// Commit once this many articles wait (or when the input pauses).
const BATCH_RECORDS: usize = 1024;

const SCHEMA_V1: &str = "
CREATE TABLE articles (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    received_at TEXT NOT NULL,
    published TEXT,
    author TEXT,
    url TEXT,
    title TEXT,
    text TEXT NOT NULL,
    lang TEXT,
    words INTEGER NOT NULL,
    keywords TEXT NOT NULL,
    exact_hash TEXT NOT NULL,
    content_hash INTEGER NOT NULL,
    source_name TEXT NOT NULL,
    source_path TEXT,
    source_line INTEGER,
    duplicate_of TEXT,
    similarity REAL,
    record TEXT NOT NULL
);
CREATE INDEX articles_received_at ON articles(received_at);
CREATE INDEX articles_published ON articles(published);
CREATE TABLE tags (
    article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (article, tag)
) WITHOUT ROWID;
CREATE INDEX tags_tag ON tags(tag);
CREATE INDEX articles_exact_hash ON articles(exact_hash);
CREATE TABLE entities (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    country TEXT NOT NULL DEFAULT '',
    lat REAL,
    lon REAL,
    geonames_id INTEGER,
    UNIQUE (kind, name, country)
);
CREATE TABLE mentions (
    article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    entity INTEGER NOT NULL REFERENCES entities(id),
    count INTEGER NOT NULL,
    forms TEXT NOT NULL,
    PRIMARY KEY (article, entity)
) WITHOUT ROWID;
CREATE INDEX mentions_entity ON mentions(entity);
CREATE TABLE quotes (
    article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    speaker TEXT,
    text TEXT NOT NULL,
    PRIMARY KEY (article, seq)
) WITHOUT ROWID;
CREATE INDEX quotes_speaker ON quotes(speaker);
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content = 'articles', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
";

/// Opens (creating or migrating) a store for writing.
///
/// # Errors
/// When the file cannot be opened, or was written by a newer copydesk.
pub fn open_store(path: &Path) -> Result<Connection, SinkError> {
    let err = |source| SinkError::Store { path: path.to_owned(), source };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| SinkError::Write { name: path.display().to_string(), source: e })?;
    }
    let conn = Connection::open(path).map_err(err)?;
    conn.busy_timeout(std::time::Duration::from_secs(30)).map_err(err)?;
    conn.pragma_update(None, "journal_mode", "WAL").map_err(err)?;
    // FULL: a commit is on disk before the sink acks (the sources' checkpoints are in other
    // files; with NORMAL a power failure could roll back a commit whose articles were
    // already recorded as done there).
    conn.pragma_update(None, "synchronous", "FULL").map_err(err)?;
    conn.pragma_update(None, "foreign_keys", "ON").map_err(err)?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(err)?;
    if !(0..=STORE_VERSION).contains(&version) {
        return Err(SinkError::StoreVersion { path: path.to_owned(), found: version });
    }
    // Each migration takes the store from version i to i + 1, in one transaction with the
    // version bump: a crash leaves the store at one version or the next, never between. The
    // transaction takes the write lock first and reads the version again under it, so two
    // processes opening a new store at once migrate it once.
    if version < STORE_VERSION {
        conn.execute_batch("BEGIN IMMEDIATE").map_err(err)?;
        let locked: i64 =
            conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(err)?;
        for (i, migration) in MIGRATIONS.iter().enumerate().skip(locked.max(0) as usize) {
            let next = i + 1;
            let step = conn.execute_batch(&format!("{migration} PRAGMA user_version = {next};"));
            if let Err(e) = step {
                _ = conn.execute_batch("ROLLBACK");
                return Err(err(e));
            }
            tracing::info!(path = %path.display(), version = next, "Store schema migrated.");
        }
        conn.execute_batch("COMMIT").map_err(err)?;
    }
    Ok(conn)
}

/// Opens a store for reading only (search, stats), while a pipeline may be writing it.
///
/// # Errors
/// When the file does not exist or is not a copydesk store of a known version.
pub fn open_store_read_only(path: &Path) -> Result<Connection, SinkError> {
    let err = |source| SinkError::Store { path: path.to_owned(), source };
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(err)?;
    conn.busy_timeout(std::time::Duration::from_secs(30)).map_err(err)?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(err)?;
    if version == 0 || version > STORE_VERSION {
        return Err(SinkError::StoreVersion { path: path.to_owned(), found: version });
    }
    Ok(conn)
}

/// The SQLite sink.
#[derive(Debug)]
pub struct SqliteSink {
    path: PathBuf,
    conn: Option<Connection>,
    pending: crate::store::Pending,
}

impl SqliteSink {
    /// A sink writing to the store at `path` (created when missing).
    ///
    /// # Errors
    /// When the store cannot be opened.
    pub fn open(path: &Path) -> Result<SqliteSink, SinkError> {
        let conn = open_store(path)?;
        Ok(SqliteSink {
            path: path.to_owned(),
            conn: Some(conn),
            pending: crate::store::Pending::default(),
        })
    }

    /// `sqlite:PATH`.
    pub fn name(&self) -> String {
        format!("sqlite:{}", self.path.display())
    }

    /// Queues a record for the next commit.
    pub fn push(&mut self, record: Record, ack: Ack) {
        self.pending.push(record, ack);
    }

    /// True when the batch should be committed now.
    pub fn full(&self) -> bool {
        self.pending.full(BATCH_RECORDS)
    }

    /// Commits what is queued in one transaction (on a blocking thread) and returns the acks
    /// of the records committed.
    ///
    /// # Errors
    /// When the transaction fails: nothing of the batch is stored, its acks are dropped
    /// (reported as errored), and the sink stops.
    pub async fn flush(&mut self) -> Result<Vec<Ack>, SinkError> {
        let Some((records, acks)) = self.pending.take() else { return Ok(Vec::new()) };
        let Some(mut conn) = self.conn.take() else {
            return Err(SinkError::Write {
                name: self.path.display().to_string(),
                source: std::io::Error::other("the store failed earlier"),
            });
        };
        let path = self.path.clone();
        let (conn, result) = tokio::task::spawn_blocking(move || {
            let r = write_batch(&mut conn, &records);
            (conn, r)
        })
        .await
        .map_err(|e| SinkError::Write {
            name: path.display().to_string(),
            source: std::io::Error::other(format!("the store's writer panicked: {e}")),
        })?;
        self.conn = Some(conn);
        result.map_err(|source| SinkError::Store { path, source })?;
        Ok(acks)
    }
}

/// A hash of everything in a record but the moment it was received: equal for a replay of the
/// same article, different when anything else changed (text, tags, entities, metadata...).
pub(crate) fn record_hash(r: &Record) -> i64 {
    let json = r.json.as_str();
    let key = "\"received_at\":\"";
    let h = match json.find(key) {
        Some(i) => {
            let start = i + key.len();
            let end = json[start..].find('"').map_or(json.len(), |j| start + j);
            let mut h = xxhash_rust::xxh3::Xxh3::new();
            h.update(&json.as_bytes()[..start]);
            h.update(&json.as_bytes()[end..]);
            h.digest()
        }
        None => xxhash_rust::xxh3::xxh3_64(json.as_bytes()),
    };
    h as i64
}

/// Writes one batch in one transaction.
fn write_batch(conn: &mut Connection, records: &[Record]) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    {
        // A new article is inserted; a known one is updated only when its record changed
        // (anything but `received_at`), so a replayed article is a no-op. Children are
        // rewritten only for updates.
        // Insert, or update a known article only when its record changed (anything but
        // `received_at`): a replay returns no row and changes nothing. The first-seen
        // `received_at` and the duplicate verdict stay on updates.
        let mut upsert = tx.prepare_cached(
            "INSERT INTO articles (id, received_at, published, url, title, text, lang, words,
                 keywords, exact_hash, source_name, source_path, source_line, duplicate_of,
                 similarity, record, author, content_hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
             ON CONFLICT (id) DO UPDATE SET
                 published = excluded.published, url = excluded.url, title = excluded.title,
                 text = excluded.text, lang = excluded.lang, words = excluded.words,
                 keywords = excluded.keywords, exact_hash = excluded.exact_hash,
                 source_name = excluded.source_name, source_path = excluded.source_path,
                 source_line = excluded.source_line, record = excluded.record,
                 author = excluded.author, content_hash = excluded.content_hash
             WHERE articles.content_hash IS NOT excluded.content_hash
             RETURNING rowid",
        )?;
        let mut clear_tags = tx.prepare_cached("DELETE FROM tags WHERE article = ?1")?;
        let mut clear_mentions = tx.prepare_cached("DELETE FROM mentions WHERE article = ?1")?;
        let mut clear_quotes = tx.prepare_cached("DELETE FROM quotes WHERE article = ?1")?;
        // One row per (kind, name, country); coordinates are filled in when first known.
        let mut entity = tx.prepare_cached(
            "INSERT INTO entities (kind, name, country, lat, lon, geonames_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (kind, name, country) DO UPDATE SET
                 lat = coalesce(entities.lat, excluded.lat),
                 lon = coalesce(entities.lon, excluded.lon),
                 geonames_id = coalesce(entities.geonames_id, excluded.geonames_id)
             RETURNING id",
        )?;
        let mut mention = tx.prepare_cached(
            "INSERT OR REPLACE INTO mentions (article, entity, count, forms) VALUES (?1, ?2, ?3, ?4)",
        )?;
        let mut quote = tx.prepare_cached(
            "INSERT OR REPLACE INTO quotes (article, seq, speaker, text) VALUES (?1, ?2, ?3, ?4)",
        )?;
        let mut tag =
            tx.prepare_cached("INSERT OR IGNORE INTO tags (article, tag) VALUES (?1, ?2)")?;
        let optional = |r: rusqlite::Result<i64>| match r {
            Ok(v) => Ok(Some(v)),
            Err(rusqlite::Error::QueryReturnedNoRows) => Ok(None),
            Err(e) => Err(e),
        };
        for r in records {
            // A lean record is read back from its JSON (the pipeline gives this sink whole
            // ones: `RecordSink::reads_whole_articles`).
            let a = r.whole().map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
            let a = &*a;
            let hash = record_hash(r);
            let keywords = serde_json::to_string(&a.keywords)
                .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
            let (lang, line) =
                (a.lang.as_ref().map(|l| l.code.as_str()), a.source.line.map(|l| l as i64));
            let written = upsert.query_row(
                params![
                    a.id.0,
                    a.received_at,
                    a.published,
                    a.url,
                    a.title,
                    a.text,
                    lang,
                    a.counts.words,
                    keywords,
                    a.fingerprint.exact,
                    a.source.name,
                    a.source.path,
                    line,
                    a.duplicate_of.as_ref().map(|d| d.0.as_str()),
                    a.similarity,
                    r.json,
                    a.author,
                    hash,
                ],
                |row| row.get::<_, i64>(0),
            );
            let Some(rowid) = optional(written)? else { continue }; // known, unchanged
            // A new article has no children yet; an updated one gets them rewritten.
            clear_tags.execute([rowid])?;
            clear_mentions.execute([rowid])?;
            clear_quotes.execute([rowid])?;
            let e = &a.entities;
            let people =
                e.persons.iter().map(|p| ("person", p.name.as_str(), &p.forms, p.count, None));
            let orgs = e
                .organizations
                .iter()
                .map(|o| ("organization", o.name.as_str(), &o.forms, o.count, None));
            let places = e
                .locations
                .iter()
                .map(|l| ("location", l.name.as_str(), &l.forms, l.count, Some(l)));
            for (kind, name, forms, count, place) in people.chain(orgs).chain(places) {
                let country = place.and_then(|p| p.country.as_deref()).unwrap_or("");
                let id: i64 = entity.query_row(
                    params![
                        kind,
                        name,
                        country,
                        place.and_then(|p| p.lat),
                        place.and_then(|p| p.lon),
                        place.and_then(|p| p.geonames_id),
                    ],
                    |row| row.get(0),
                )?;
                let forms = serde_json::to_string(forms)
                    .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
                mention.execute(params![rowid, id, count, forms])?;
            }
            for (i, q) in a.quotes.iter().enumerate() {
                quote.execute(params![rowid, i as i64, q.speaker, q.text])?;
            }
            for t in &a.tags {
                tag.execute(params![rowid, t])?;
            }
        }
    }
    tx.commit()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::{SearchQuery, Since, Store, StoreLocation};
    use copydesk_core::{Article, ArticleId, Delivery, Origin};

    /// A record with a person, a place (with coordinates), a quote and `tags`.
    pub(crate) fn record(id: &str, title: &str, text: &str, tags: &[&str]) -> Record {
        Record::new(Article {
            schema: 1,
            id: ArticleId(id.to_owned()),
            source: Origin { name: "test".into(), ..Origin::default() },
            url: None,
            published: Some("2026-11-20T10:00:00Z".into()),
            author: Some("Maria Okafor".into()),
            authors: Vec::new(),
            credits: Vec::new(),
            received_at: copydesk_core::now_rfc3339(),
            title: Some(title.to_owned()),
            dateline: None,
            text: text.to_owned(),
            extraction: None,
            lang: None,
            counts: Default::default(),
            fingerprint: Default::default(),
            entities: copydesk_core::Entities {
                persons: vec![copydesk_core::Entity {
                    name: "Maria Okafor".into(),
                    forms: vec!["Okafor".into()],
                    count: 2,
                }],
                organizations: vec![],
                locations: vec![copydesk_core::Place {
                    name: "Perth".into(),
                    forms: vec![],
                    count: 1,
                    country: Some("AU".into()),
                    lat: Some(-31.95),
                    lon: Some(115.86),
                    geonames_id: Some(2063523),
                }],
            },
            quotes: vec![copydesk_core::Quote {
                text: "We open on Friday.".into(),
                speaker: Some("Maria Okafor".into()),
            }],
            keywords: vec!["k1".into(), "k2".into()],
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
            meta: Default::default(),
            duplicate_of: None,
            similarity: None,
        })
    }

    /// The ids a search finds.
    async fn ids(store: &Store, q: SearchQuery) -> Vec<String> {
        store.search(&q).await.unwrap().into_iter().map(|h| h.id).collect()
    }

    async fn reader(path: &Path) -> Store {
        Store::open_read_only(&StoreLocation::Sqlite(path.to_owned())).await.unwrap()
    }

    async fn write(sink: &mut SqliteSink, records: Vec<Record>) -> Vec<Delivery> {
        let mut receipts = Vec::new();
        for r in records {
            let (ack, rx) = Ack::new();
            receipts.push(rx);
            sink.push(r, ack);
        }
        for ack in sink.flush().await.unwrap() {
            ack.ack();
        }
        receipts.into_iter().map(|mut r| r.try_recv().unwrap()).collect()
    }

    /// Every row of the store's tables, as text.
    fn dump(path: &Path) -> Vec<String> {
        let conn = open_store_read_only(path).unwrap();
        let mut rows = Vec::new();
        for table in ["articles", "entities", "mentions", "quotes", "tags"] {
            let mut stmt = conn.prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2")).unwrap();
            let n = stmt.column_count();
            let mut q = stmt.query([]).unwrap();
            while let Some(row) = q.next().unwrap() {
                let cols: Vec<rusqlite::types::Value> =
                    (0..n).map(|i| row.get(i).unwrap()).collect();
                rows.push(format!("{table}: {cols:?}"));
            }
        }
        rows
    }

    #[tokio::test]
    async fn search_by_author_matches_author_authors_and_credits() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store.db");
        let mut sink = SqliteSink::open(&path).unwrap();
        let mut credited = record("c", "Talks", "No talks, he said.", &[]).article().clone();
        credited.author = None;
        credited.authors = vec!["Parisa Hafezi".into()];
        credited.credits =
            vec![copydesk_core::Credit { role: "editing".into(), name: "Alex Richardson".into() }];
        let records = vec![record("a", "Bridge", "The bridge.", &[]), Record::new(credited)];
        write(&mut sink, records).await;
        drop(sink);
        let store = reader(&path).await;
        let by =
            |name: &str| SearchQuery { author: Some(name.into()), limit: 10, ..Default::default() };
        assert_eq!(ids(&store, by("maria okafor")).await, ["a"]);
        assert_eq!(ids(&store, by("OKAFOR")).await, ["a"]);
        assert_eq!(ids(&store, by("hafezi")).await, ["c"]);
        assert_eq!(ids(&store, by("Alex Richardson")).await, ["c"]);
        assert!(ids(&store, by("Tom Brandt")).await.is_empty());
    }

    #[tokio::test]
    async fn a_lean_record_is_stored_as_its_whole_article() {
        let dir = tempfile::tempdir().unwrap();
        let whole = record("a", "Harbour bridge reopens", "The bridge reopened.", &["transport"]);
        let mut article = whole.article().clone();
        article.duplicate_of = Some(ArticleId("earlier".into()));
        article.similarity = Some(0.9);
        article.meta.insert("section".into(), "city".into());
        let whole = Record::new(article.clone());
        let lean = Record::lean(article);
        assert!(lean.is_lean() && lean.article().text.is_empty());
        let (a, b) = (dir.path().join("whole.db"), dir.path().join("lean.db"));
        for (path, r) in [(&a, whole), (&b, lean)] {
            let mut sink = SqliteSink::open(path).unwrap();
            assert_eq!(write(&mut sink, vec![r]).await, [Delivery::Delivered]);
        }
        let rows = dump(&a);
        assert!(rows.iter().any(|r| r.contains("The bridge reopened.")), "{rows:#?}");
        assert!(rows.iter().any(|r| r.contains("Okafor")), "{rows:#?}");
        assert_eq!(rows, dump(&b));
    }

    #[tokio::test]
    async fn upsert_by_id_keeps_each_article_once_and_a_replay_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store.db");
        let mut sink = SqliteSink::open(&path).unwrap();
        let first = vec![
            record(
                "a",
                "Harbour bridge reopens",
                "The harbour bridge reopened on Friday.",
                &["transport"],
            ),
            record("b", "Wheat harvest", "Rain delays the wheat harvest.", &["farming"]),
        ];
        assert_eq!(write(&mut sink, first.clone()).await, [Delivery::Delivered; 2]);
        let conn = open_store_read_only(&path).unwrap();
        let received: String = conn
            .query_row("SELECT received_at FROM articles WHERE id = 'a'", [], |r| r.get(0))
            .unwrap();
        // A replay (after a crash): same content, later received_at: nothing changes.
        std::thread::sleep(std::time::Duration::from_millis(2));
        write(
            &mut sink,
            vec![record(
                "a",
                "Harbour bridge reopens",
                "The harbour bridge reopened on Friday.",
                &["transport"],
            )],
        )
        .await;
        let again: String = conn
            .query_row("SELECT received_at FROM articles WHERE id = 'a'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(received, again);
        // An update of the content replaces the article, its tags and its index entry.
        write(
            &mut sink,
            vec![record(
                "a",
                "Harbour bridge closes again",
                "The harbour bridge closed on Monday.",
                &["alerts"],
            )],
        )
        .await;
        let n: i64 = conn.query_row("SELECT count(*) FROM articles", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 2);
        let store = reader(&path).await;
        let q = |text: &str, tag: Option<&str>| SearchQuery {
            text: Some(text.into()),
            tag: tag.map(Into::into),
            limit: 10,
            ..Default::default()
        };
        assert_eq!(ids(&store, q("harbour", None)).await, ["a"]);
        assert_eq!(
            ids(&store, q("friday", None)).await,
            Vec::<String>::new(),
            "the old text left the index"
        );
        assert_eq!(ids(&store, q("monday", Some("alerts"))).await, ["a"]);
        assert_eq!(ids(&store, q("monday", Some("transport"))).await, Vec::<String>::new());
        // A change of the tags alone (a rules reload) is an update too.
        write(
            &mut sink,
            vec![record(
                "a",
                "Harbour bridge closes again",
                "The harbour bridge closed on Monday.",
                &["alerts", "bridges"],
            )],
        )
        .await;
        assert_eq!(ids(&store, q("monday", Some("bridges"))).await, ["a"]);
        assert_eq!(ids(&store, q("wheat OR harbour", None)).await.len(), 2);
        let hit = &store
            .search(&SearchQuery { text: Some("wheat".into()), limit: 1, ..Default::default() })
            .await
            .unwrap()[0];
        assert!(hit.snippet.contains("[wheat]"), "{}", hit.snippet);
        assert!(hit.record.starts_with("{\"schema\":1"));
        let s = store.stats(None, 5).await.unwrap();
        assert_eq!(s.articles, 2);
        assert_eq!(
            s.tags,
            [("alerts".to_owned(), 1), ("bridges".to_owned(), 1), ("farming".to_owned(), 1)]
        );
        let later = store.stats(Some(&Since::parse("2999-01-01").unwrap()), 5).await.unwrap();
        assert_eq!(later.articles, 0);
        // Entities, places and quotes are stored and searchable.
        let by = |entity: Option<&str>, country: Option<&str>| SearchQuery {
            entity: entity.map(Into::into),
            country: country.map(Into::into),
            limit: 10,
            ..Default::default()
        };
        assert_eq!(ids(&store, by(Some("maria okafor"), None)).await, ["b", "a"]);
        assert_eq!(ids(&store, by(None, Some("au"))).await, ["b", "a"]);
        assert_eq!(ids(&store, by(None, Some("FR"))).await, Vec::<String>::new());
        let (n_entities, lat): (i64, f64) = conn
            .query_row("SELECT count(*), max(lat) FROM entities", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((n_entities, lat), (2, -31.95), "one row per entity, shared by articles");
        let speaker: String =
            conn.query_row("SELECT speaker FROM quotes LIMIT 1", [], |r| r.get(0)).unwrap();
        assert_eq!(speaker, "Maria Okafor");
        let top = &store.stats(None, 5).await.unwrap().entities;
        assert_eq!(top[0], ("person".to_owned(), "Maria Okafor".to_owned(), 2));
        let o = store.overview(None, true, 5).await.unwrap();
        assert_eq!(o.stats.articles, 2);
        assert_eq!(o.bucket, "minute");
        assert_eq!(o.timeline.iter().map(|(_, n)| n).sum::<u64>(), 2);
        assert!(o.timeline.iter().all(|(t, _)| t.len() == 16), "{:?}", o.timeline);
        assert_eq!(o.countries, [("AU".to_owned(), 2)]);
        assert_eq!(o.places.len(), 1);
        assert_eq!((o.places[0].name.as_str(), o.places[0].articles), ("Perth", 2));
        assert_eq!(store.overview(None, false, 5).await.unwrap().timeline[0].0.len(), 13);
        // Language and paging filters.
        let page = |lang: Option<&str>, offset: usize| SearchQuery {
            lang: lang.map(Into::into),
            limit: 1,
            offset,
            ..Default::default()
        };
        assert_eq!(ids(&store, page(None, 0)).await, ["b"]);
        assert_eq!(ids(&store, page(None, 1)).await, ["a"]);
        assert_eq!(ids(&store, page(None, 2)).await, Vec::<String>::new());
        assert_eq!(ids(&store, page(Some("fr"), 0)).await, Vec::<String>::new());
        assert!(store.record_by_id("a").await.unwrap().unwrap().contains("\"id\":\"a\""));
        assert_eq!(store.record_by_id("nope").await.unwrap(), None);
    }

    #[tokio::test]
    async fn filters_without_a_text_query_list_the_newest_first() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store.db");
        let mut sink = SqliteSink::open(&path).unwrap();
        write(&mut sink, vec![record("old", "One", "First text.", &["x"])]).await;
        std::thread::sleep(std::time::Duration::from_millis(2));
        write(&mut sink, vec![record("new", "Two", "Second text.", &["x"])]).await;
        let store = reader(&path).await;
        let q = SearchQuery { tag: Some("x".into()), limit: 10, ..Default::default() };
        assert_eq!(ids(&store, q).await, ["new", "old"]);
        // Not FTS5 syntax, and still a query: see crate::query.
        let unclosed =
            SearchQuery { text: Some("\"second".into()), limit: 10, ..Default::default() };
        assert_eq!(store.search(&unclosed).await.unwrap().len(), 1);
    }

    #[test]
    fn not_a_store_and_newer_stores_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("other.db");
        Connection::open(&path).unwrap().execute_batch("CREATE TABLE t (x)").unwrap();
        let err = open_store_read_only(&path).unwrap_err();
        assert!(err.to_string().contains("not a copydesk store"), "{err}");
        let newer = dir.path().join("newer.db");
        drop(open_store(&newer).unwrap());
        Connection::open(&newer).unwrap().pragma_update(None, "user_version", 99).unwrap();
        assert!(open_store(&newer).unwrap_err().to_string().contains("99"));
    }
}
