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

use crate::Since;
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
    pending: Vec<Record>,
    acks: Vec<Ack>,
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
            pending: Vec::new(),
            acks: Vec::new(),
        })
    }

    /// `sqlite:PATH`.
    pub fn name(&self) -> String {
        format!("sqlite:{}", self.path.display())
    }

    /// Queues a record for the next commit.
    pub fn push(&mut self, record: Record, ack: Ack) {
        self.pending.push(record);
        self.acks.push(ack);
    }

    /// True when the batch should be committed now.
    pub fn full(&self) -> bool {
        self.pending.len() >= BATCH_RECORDS
    }

    /// Commits what is queued in one transaction (on a blocking thread) and returns the acks
    /// of the records committed.
    ///
    /// # Errors
    /// When the transaction fails: nothing of the batch is stored, its acks are dropped
    /// (reported as errored), and the sink stops.
    pub async fn flush(&mut self) -> Result<Vec<Ack>, SinkError> {
        if self.pending.is_empty() {
            return Ok(Vec::new());
        }
        let records = std::mem::take(&mut self.pending);
        let acks = std::mem::take(&mut self.acks);
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
fn record_hash(r: &Record) -> i64 {
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

/// What `copydesk search` asks for. Every filter is optional; they combine with AND.
#[derive(Clone, Debug, Default)]
pub struct SearchQuery {
    /// Full-text query over title and text, as a person writes it: words (all must occur,
    /// punctuation and all: `COVID-19`), "phrases", AND/OR/NOT, prefix*, title:word,
    /// parentheses. [`fts_query`](crate::fts_query) makes it FTS5.
    pub text: Option<String>,
    /// Articles mentioning an entity with this canonical name (any kind; case-insensitive).
    pub entity: Option<String>,
    /// Articles mentioning a place in this country (ISO 3166-1 alpha-2).
    pub country: Option<String>,
    /// Articles by this person: a case-insensitive part of the record's `author`, of one of
    /// its `authors`, or of a name in its `credits`.
    pub author: Option<String>,
    /// Articles with this tag.
    pub tag: Option<String>,
    /// Articles in this language (ISO 639-1 code, as in the record's `lang.code`).
    pub lang: Option<String>,
    /// Articles received or published at or after this time.
    pub since: Option<Since>,
    /// At most this many results.
    pub limit: usize,
    /// Skip this many results first (the next page).
    pub offset: usize,
}

/// One search result.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// The article's id.
    pub id: String,
    /// Its title.
    pub title: Option<String>,
    /// When it was received.
    pub received_at: String,
    /// When it was published, when known.
    pub published: Option<String>,
    /// A snippet of the text around the matches (`[`…`]` mark them), or its start.
    pub snippet: String,
    /// The full record (JSON).
    pub record: String,
}

/// Runs a search: ranked by FTS5's bm25 when there is a text query, newest first otherwise.
///
/// A text query with nothing to search for (only punctuation or operators) finds nothing.
///
/// # Errors
/// When SQLite fails.
pub fn search(conn: &Connection, q: &SearchQuery) -> rusqlite::Result<Vec<Hit>> {
    let text = q.text.as_deref().map(crate::fts_query);
    if text.as_deref() == Some("") {
        return Ok(Vec::new());
    }
    let filters = "
        (?2 IS NULL OR EXISTS (SELECT 1 FROM mentions m JOIN entities e ON e.id = m.entity
                               WHERE m.article = a.rowid AND e.name = ?2 COLLATE NOCASE))
        AND (?3 IS NULL OR EXISTS (SELECT 1 FROM mentions m JOIN entities e ON e.id = m.entity
                               WHERE m.article = a.rowid AND e.country = upper(?3)))
        AND (?4 IS NULL OR EXISTS (SELECT 1 FROM tags t WHERE t.article = a.rowid AND t.tag = ?4))
        AND (?5 IS NULL OR a.received_at >= ?5 OR a.published >= ?5)
        AND (?7 IS NULL OR a.lang = lower(?7))
        AND (?9 IS NULL OR instr(lower(coalesce(a.author, '')), lower(?9)) > 0
             OR EXISTS (SELECT 1 FROM json_each(a.record, '$.authors') j
                        WHERE instr(lower(j.value), lower(?9)) > 0)
             OR EXISTS (SELECT 1 FROM json_each(a.record, '$.credits') j
                        WHERE instr(lower(json_extract(j.value, '$.name')), lower(?9)) > 0))";
    let sql = if text.is_some() {
        format!(
            "SELECT a.id, a.title, a.received_at, a.published,
                    snippet(articles_fts, 1, '[', ']', '…', 16), a.record
             FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
             WHERE articles_fts MATCH ?1 AND {filters}
             ORDER BY bm25(articles_fts, 5.0, 1.0) LIMIT ?6 OFFSET ?8"
        )
    } else {
        format!(
            "SELECT a.id, a.title, a.received_at, a.published, substr(a.text, 1, 160), a.record
             FROM articles a
             WHERE ?1 IS NULL AND {filters}
             ORDER BY a.received_at DESC, a.rowid DESC LIMIT ?6 OFFSET ?8"
        )
    };
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(
        params![
            text,
            q.entity,
            q.country,
            q.tag,
            q.since.as_ref().map(Since::as_str),
            q.limit.max(1) as i64,
            q.lang,
            q.offset as i64,
            q.author
        ],
        |r| {
            Ok(Hit {
                id: r.get(0)?,
                title: r.get(1)?,
                received_at: r.get(2)?,
                published: r.get(3)?,
                snippet: r.get::<_, String>(4)?.replace('\n', " "),
                record: r.get(5)?,
            })
        },
    )?;
    rows.collect()
}

/// The full record (JSON) of the article with this id, when the store has it.
///
/// # Errors
/// When SQLite fails.
pub fn record_by_id(conn: &Connection, id: &str) -> rusqlite::Result<Option<String>> {
    match conn.query_row("SELECT record FROM articles WHERE id = ?1", [id], |r| r.get(0)) {
        Ok(json) => Ok(Some(json)),
        Err(rusqlite::Error::QueryReturnedNoRows) => Ok(None),
        Err(e) => Err(e),
    }
}

/// What `copydesk stats` reports.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StoreStats {
    /// Articles in the period.
    pub articles: u64,
    /// Of which duplicates of an earlier article.
    pub duplicates: u64,
    /// First and last `received_at` in the period.
    pub first: Option<String>,
    /// See `first`.
    pub last: Option<String>,
    /// Articles per language, most first.
    pub languages: Vec<(String, u64)>,
    /// The most frequent tags (articles per tag).
    pub tags: Vec<(String, u64)>,
    /// The most mentioned entities: (kind, name, articles).
    pub entities: Vec<(String, String, u64)>,
    /// Articles per source name.
    pub sources: Vec<(String, u64)>,
}

impl StoreStats {
    /// The same figures as one JSON object (`copydesk stats --json`): `articles`,
    /// `duplicates`, `first` and `last` (`null` when the period is empty), `languages`,
    /// `sources` and `tags` as objects of name → articles (most first), and `entities` as an
    /// array of `{kind, name, articles}` (most first).
    pub fn to_json(&self) -> serde_json::Value {
        let map = |items: &[(String, u64)]| {
            items
                .iter()
                .map(|(k, n)| (k.clone(), serde_json::Value::from(*n)))
                .collect::<serde_json::Map<_, _>>()
        };
        serde_json::json!({
            "articles": self.articles,
            "duplicates": self.duplicates,
            "first": self.first,
            "last": self.last,
            "languages": map(&self.languages),
            "sources": map(&self.sources),
            "tags": map(&self.tags),
            "entities": self
                .entities
                .iter()
                .map(|(kind, name, n)| serde_json::json!({"kind": kind, "name": name, "articles": n}))
                .collect::<Vec<_>>(),
        })
    }
}

/// Counts, top tags and top entities of the articles received since `since` (all when
/// `None`), `top` of each list.
///
/// # Errors
/// When SQLite fails.
pub fn stats(conn: &Connection, since: Option<&Since>, top: usize) -> rusqlite::Result<StoreStats> {
    let since = since.map(Since::as_str);
    let top = top.max(1) as i64;
    let period = "(?1 IS NULL OR a.received_at >= ?1)";
    let (articles, duplicates, first, last) = conn.query_row(
        &format!(
            "SELECT count(*), count(a.duplicate_of), min(a.received_at), max(a.received_at)
             FROM articles a WHERE {period}"
        ),
        params![since],
        |r| Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)? as u64, r.get(2)?, r.get(3)?)),
    )?;
    let pairs = |sql: &str| -> rusqlite::Result<Vec<(String, u64)>> {
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt.query_map(params![since, top], |r| {
            Ok((r.get::<_, Option<String>>(0)?.unwrap_or_default(), r.get::<_, i64>(1)? as u64))
        })?;
        rows.collect()
    };
    let languages = pairs(&format!(
        "SELECT coalesce(a.lang, '?'), count(*) FROM articles a WHERE {period}
         GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?2"
    ))?;
    let tags = pairs(&format!(
        "SELECT t.tag, count(*) FROM tags t JOIN articles a ON a.rowid = t.article
         WHERE {period} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?2"
    ))?;
    let sources = pairs(&format!(
        "SELECT a.source_name, count(*) FROM articles a WHERE {period}
         GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?2"
    ))?;
    let mut stmt = conn.prepare(&format!(
        "SELECT e.kind, e.name, count(*) FROM mentions m
         JOIN entities e ON e.id = m.entity JOIN articles a ON a.rowid = m.article
         WHERE {period} GROUP BY e.id ORDER BY 3 DESC, 2 LIMIT ?2"
    ))?;
    let entities = stmt
        .query_map(params![since, top], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? as u64)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(StoreStats { articles, duplicates, first, last, languages, tags, entities, sources })
}

/// A place the articles of a period mention, with its coordinates.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceCount {
    /// Canonical name.
    pub name: String,
    /// ISO 3166-1 alpha-2 code of its country (empty when unknown).
    pub country: String,
    /// Latitude (WGS 84).
    pub lat: f64,
    /// Longitude (WGS 84).
    pub lon: f64,
    /// Articles mentioning it.
    pub articles: u64,
}

/// What the desk's overview shows of a period: the [`stats`], the articles per minute (per
/// hour over periods longer than a day), and the countries and places mentioned.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Overview {
    /// Counts and top lists.
    pub stats: StoreStats,
    /// `minute` or `hour`: the width of a `timeline` bucket.
    pub bucket: &'static str,
    /// Articles received per bucket, oldest first: (`2026-11-29T10:05` or `2026-11-29T10`,
    /// articles); buckets without articles are left out.
    pub timeline: Vec<(String, u64)>,
    /// Countries by the articles mentioning a place in them, most first.
    pub countries: Vec<(String, u64)>,
    /// Places with coordinates by the articles mentioning them, most first.
    pub places: Vec<PlaceCount>,
}

/// The [`Overview`] of the articles received since `since` (all when `None`): `top` of each
/// list (places: ten times as many, for the map), and the timeline per minute when the period
/// starts within the last day (`minutes`), per hour otherwise.
///
/// # Errors
/// When SQLite fails.
pub fn overview(
    conn: &Connection,
    since: Option<&Since>,
    minutes: bool,
    top: usize,
) -> rusqlite::Result<Overview> {
    let stats = stats(conn, since, top)?;
    let since = since.map(Since::as_str);
    let top = top.max(1) as i64;
    let period = "(?1 IS NULL OR a.received_at >= ?1)";
    let (bucket, width) = if minutes { ("minute", 16) } else { ("hour", 13) };
    let mut stmt = conn.prepare(&format!(
        "SELECT substr(a.received_at, 1, {width}), count(*) FROM articles a WHERE {period}
         GROUP BY 1 ORDER BY 1"
    ))?;
    let timeline = stmt
        .query_map(params![since], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))?
        .collect::<rusqlite::Result<_>>()?;
    let places_of = "FROM mentions m JOIN entities e ON e.id = m.entity
         JOIN articles a ON a.rowid = m.article
         WHERE e.kind = 'location' AND {period}";
    let mut stmt = conn.prepare(&format!(
        "SELECT e.country, count(DISTINCT a.rowid) {} AND e.country != ''
         GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?2",
        places_of.replace("{period}", period)
    ))?;
    let countries = stmt
        .query_map(params![since, top], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare(&format!(
        "SELECT e.name, e.country, e.lat, e.lon, count(*) {} AND e.lat IS NOT NULL
         AND e.lon IS NOT NULL GROUP BY e.id ORDER BY 5 DESC, 1 LIMIT ?2",
        places_of.replace("{period}", period)
    ))?;
    let places = stmt
        .query_map(params![since, top * 10], |r| {
            Ok(PlaceCount {
                name: r.get(0)?,
                country: r.get(1)?,
                lat: r.get(2)?,
                lon: r.get(3)?,
                articles: r.get::<_, i64>(4)? as u64,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Overview { stats, bucket, timeline, countries, places })
}

#[cfg(test)]
mod tests {
    use super::*;
    use copydesk_core::{Article, ArticleId, Delivery, Origin};

    fn record(id: &str, title: &str, text: &str, tags: &[&str]) -> Record {
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
        let conn = open_store_read_only(&path).unwrap();
        let by = |name: &str| {
            let q = SearchQuery { author: Some(name.into()), limit: 10, ..Default::default() };
            search(&conn, &q).unwrap().into_iter().map(|h| h.id).collect::<Vec<_>>()
        };
        assert_eq!(by("maria okafor"), ["a"]);
        assert_eq!(by("OKAFOR"), ["a"]);
        assert_eq!(by("hafezi"), ["c"]);
        assert_eq!(by("Alex Richardson"), ["c"]);
        assert!(by("Tom Brandt").is_empty());
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
        let q = |text: &str, tag: Option<&str>| {
            let q = SearchQuery {
                text: Some(text.into()),
                tag: tag.map(Into::into),
                limit: 10,
                ..Default::default()
            };
            search(&conn, &q).unwrap().into_iter().map(|h| h.id).collect::<Vec<_>>()
        };
        assert_eq!(q("harbour", None), ["a"]);
        assert_eq!(q("friday", None), Vec::<String>::new(), "the old text left the index");
        assert_eq!(q("monday", Some("alerts")), ["a"]);
        assert_eq!(q("monday", Some("transport")), Vec::<String>::new());
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
        assert_eq!(q("monday", Some("bridges")), ["a"]);
        assert_eq!(q("wheat OR harbour", None).len(), 2);
        let hit = &search(
            &conn,
            &SearchQuery { text: Some("wheat".into()), limit: 1, ..Default::default() },
        )
        .unwrap()[0];
        assert!(hit.snippet.contains("[wheat]"), "{}", hit.snippet);
        assert!(hit.record.starts_with("{\"schema\":1"));
        let s = stats(&conn, None, 5).unwrap();
        assert_eq!(s.articles, 2);
        assert_eq!(
            s.tags,
            [("alerts".to_owned(), 1), ("bridges".to_owned(), 1), ("farming".to_owned(), 1)]
        );
        let later = stats(&conn, Some(&Since::parse("2999-01-01").unwrap()), 5).unwrap();
        assert_eq!(later.articles, 0);
        // Entities, places and quotes are stored and searchable.
        let by = |entity: Option<&str>, country: Option<&str>| {
            let q = SearchQuery {
                entity: entity.map(Into::into),
                country: country.map(Into::into),
                limit: 10,
                ..Default::default()
            };
            search(&conn, &q).unwrap().into_iter().map(|h| h.id).collect::<Vec<_>>()
        };
        assert_eq!(by(Some("maria okafor"), None), ["b", "a"]);
        assert_eq!(by(None, Some("au")), ["b", "a"]);
        assert_eq!(by(None, Some("FR")), Vec::<String>::new());
        let (n_entities, lat): (i64, f64) = conn
            .query_row("SELECT count(*), max(lat) FROM entities", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((n_entities, lat), (2, -31.95), "one row per entity, shared by articles");
        let speaker: String =
            conn.query_row("SELECT speaker FROM quotes LIMIT 1", [], |r| r.get(0)).unwrap();
        assert_eq!(speaker, "Maria Okafor");
        let top = &stats(&conn, None, 5).unwrap().entities;
        assert_eq!(top[0], ("person".to_owned(), "Maria Okafor".to_owned(), 2));
        let o = overview(&conn, None, true, 5).unwrap();
        assert_eq!(o.stats.articles, 2);
        assert_eq!(o.bucket, "minute");
        assert_eq!(o.timeline.iter().map(|(_, n)| n).sum::<u64>(), 2);
        assert!(o.timeline.iter().all(|(t, _)| t.len() == 16), "{:?}", o.timeline);
        assert_eq!(o.countries, [("AU".to_owned(), 2)]);
        assert_eq!(o.places.len(), 1);
        assert_eq!((o.places[0].name.as_str(), o.places[0].articles), ("Perth", 2));
        assert_eq!(overview(&conn, None, false, 5).unwrap().timeline[0].0.len(), 13);
        // Language and paging filters.
        let page = |lang: Option<&str>, offset: usize| {
            let q =
                SearchQuery { lang: lang.map(Into::into), limit: 1, offset, ..Default::default() };
            search(&conn, &q).unwrap().into_iter().map(|h| h.id).collect::<Vec<_>>()
        };
        assert_eq!(page(None, 0), ["b"]);
        assert_eq!(page(None, 1), ["a"]);
        assert_eq!(page(None, 2), Vec::<String>::new());
        assert_eq!(page(Some("fr"), 0), Vec::<String>::new());
        assert!(record_by_id(&conn, "a").unwrap().unwrap().contains("\"id\":\"a\""));
        assert_eq!(record_by_id(&conn, "nope").unwrap(), None);
    }

    #[tokio::test]
    async fn filters_without_a_text_query_list_the_newest_first() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store.db");
        let mut sink = SqliteSink::open(&path).unwrap();
        write(&mut sink, vec![record("old", "One", "First text.", &["x"])]).await;
        std::thread::sleep(std::time::Duration::from_millis(2));
        write(&mut sink, vec![record("new", "Two", "Second text.", &["x"])]).await;
        let conn = open_store_read_only(&path).unwrap();
        let q = SearchQuery { tag: Some("x".into()), limit: 10, ..Default::default() };
        let ids: Vec<String> = search(&conn, &q).unwrap().into_iter().map(|h| h.id).collect();
        assert_eq!(ids, ["new", "old"]);
        // Not FTS5 syntax, and still a query: see crate::query.
        let unclosed =
            SearchQuery { text: Some("\"second".into()), limit: 10, ..Default::default() };
        assert_eq!(search(&conn, &unclosed).unwrap().len(), 1);
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
