//! The article store as one interface: [`Store`] reads an SQLite file or a PostgreSQL database
//! with the same queries, for `copydesk search`, `copydesk stats` and the desk.
//!
//! Both stores have the same logical schema (`articles`, `tags`, `entities`, `mentions`,
//! `quotes`; see `sqlite.rs` and `postgres.rs`), so every query here is written once, in SQL
//! both understand, with `?N` parameters. Only full-text search differs, and only in a few
//! fragments ([`Dialect`]): FTS5's `MATCH`, `bm25` and `snippet` against a `tsvector` with
//! `@@`, `ts_rank` and `ts_headline`; the query itself is translated from one parse into each
//! language ([`crate::fts_query`], [`crate::ts_query`]).

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use copydesk_core::{Ack, Record};

use crate::Since;
use crate::postgres::{PgConfig, PgPool};

/// Records waiting for a store's next commit, with their acks (in the same order): a store
/// sink commits them as one transaction and only then hands the acks back.
#[derive(Debug, Default)]
pub(crate) struct Pending {
    records: Vec<Record>,
    acks: Vec<Ack>,
}

impl Pending {
    pub(crate) fn push(&mut self, record: Record, ack: Ack) {
        self.records.push(record);
        self.acks.push(ack);
    }

    /// True once `limit` records wait.
    pub(crate) fn full(&self, limit: usize) -> bool {
        self.records.len() >= limit
    }

    /// What waits, leaving nothing; `None` when nothing does.
    pub(crate) fn take(&mut self) -> Option<(Vec<Record>, Vec<Ack>)> {
        if self.records.is_empty() {
            return None;
        }
        Some((std::mem::take(&mut self.records), std::mem::take(&mut self.acks)))
    }
}

/// Where a store is: an SQLite file, or a PostgreSQL database (`postgres://…` or
/// `postgresql://…`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreLocation {
    /// The SQLite file.
    Sqlite(PathBuf),
    /// The PostgreSQL database.
    Postgres(Box<PgConfig>),
}

impl StoreLocation {
    /// A PostgreSQL URL (`postgres://…`, `postgresql://…`) or else the path of an SQLite file.
    ///
    /// # Errors
    /// When a PostgreSQL URL does not parse.
    pub fn parse(s: &str) -> Result<StoreLocation, StoreError> {
        if PgConfig::is_url(s) {
            Ok(StoreLocation::Postgres(Box::new(PgConfig::parse(s)?)))
        } else {
            Ok(StoreLocation::Sqlite(PathBuf::from(s)))
        }
    }
}

impl std::fmt::Display for StoreLocation {
    /// The file's path, or the database's URL without its password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreLocation::Sqlite(p) => write!(f, "{}", p.display()),
            StoreLocation::Postgres(c) => f.write_str(c.shown()),
        }
    }
}

impl std::str::FromStr for StoreLocation {
    type Err = StoreError;

    fn from_str(s: &str) -> Result<StoreLocation, StoreError> {
        StoreLocation::parse(s)
    }
}

/// A failure of a store read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// SQLite failed.
    #[error("store {store}: {error}")]
    Sqlite {
        /// The store.
        store: String,
        /// Why.
        error: rusqlite::Error,
    },
    /// PostgreSQL failed, or could not be reached.
    #[error("store {store}: {error}")]
    Postgres {
        /// The store (its URL without the password).
        store: String,
        /// Why.
        error: String,
    },
    /// Not a copydesk store, or one written by a newer copydesk.
    #[error(
        "{store} is not a copydesk store this version can use (schema version {found}; this copydesk knows 1 to {known})"
    )]
    Version {
        /// The store.
        store: String,
        /// The version found (0: not a copydesk store).
        found: i64,
        /// The newest version this build knows.
        known: i64,
    },
    /// A PostgreSQL URL that does not parse.
    #[error("invalid PostgreSQL URL {url}: {error}")]
    Url {
        /// The URL, without its password.
        url: String,
        /// Why.
        error: String,
    },
    /// The SQLite store's reader thread panicked.
    #[error("store {store}: the reader failed: {error}")]
    Reader {
        /// The store.
        store: String,
        /// Why.
        error: String,
    },
}

impl StoreError {
    /// True when the store does not exist (yet): an SQLite file not created, a PostgreSQL
    /// database without copydesk's tables, or one that cannot be reached.
    pub fn is_unavailable(&self) -> bool {
        match self {
            StoreError::Version { found: 0, .. } => true,
            StoreError::Sqlite { error, .. } => matches!(
                error.sqlite_error_code(),
                Some(rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::SystemIoFailure)
            ),
            StoreError::Postgres { .. } => true,
            _ => false,
        }
    }
}

/// An open store, for reading: cheap to clone (an SQLite connection behind a lock, or a
/// PostgreSQL connection pool).
#[derive(Clone, Debug)]
pub enum Store {
    /// A read-only SQLite connection.
    Sqlite {
        /// The file.
        path: PathBuf,
        /// The connection; queries run on a blocking thread.
        conn: Arc<Mutex<rusqlite::Connection>>,
    },
    /// A PostgreSQL pool.
    Postgres(PgPool),
}

/// How the two stores differ in SQL: placeholders and full-text search.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    /// The statement as the backend takes it: `?N` becomes `$N` for PostgreSQL.
    fn sql(self, sql: &str) -> String {
        match self {
            Dialect::Sqlite => sql.to_owned(),
            Dialect::Postgres => {
                let mut out = String::with_capacity(sql.len());
                let mut chars = sql.chars().peekable();
                while let Some(c) = chars.next() {
                    let parameter = c == '?' && chars.peek().is_some_and(char::is_ascii_digit);
                    out.push(if parameter { '$' } else { c });
                }
                out
            }
        }
    }

    /// The search query in the backend's language, `None` when there is nothing to search.
    fn text_query(self, text: &str) -> Option<String> {
        let q = match self {
            Dialect::Sqlite => crate::fts_query(text),
            Dialect::Postgres => crate::ts_query(text),
        };
        (!q.is_empty()).then_some(q)
    }

    /// Whether the record of `articles a` names the person `?9` (a part of a name, in any
    /// case) as its `author`, among its `authors`, or in its `credits`: read from the record's
    /// JSON with each database's JSON functions.
    fn author_filter(self) -> &'static str {
        match self {
            Dialect::Sqlite => {
                "instr(lower(coalesce(a.author, '')), lower(?9)) > 0
                 OR EXISTS (SELECT 1 FROM json_each(a.record, '$.authors') j
                            WHERE instr(lower(j.value), lower(?9)) > 0)
                 OR EXISTS (SELECT 1 FROM json_each(a.record, '$.credits') j
                            WHERE instr(lower(json_extract(j.value, '$.name')), lower(?9)) > 0)"
            }
            Dialect::Postgres => {
                "strpos(lower(coalesce(a.author, '')), lower(?9)) > 0
                 OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(a.record::jsonb -> 'authors') j
                            WHERE strpos(lower(j), lower(?9)) > 0)
                 OR EXISTS (SELECT 1 FROM jsonb_array_elements(a.record::jsonb -> 'credits') j
                            WHERE strpos(lower(j ->> 'name'), lower(?9)) > 0)"
            }
        }
    }

    /// `FROM … WHERE` of a full-text search over `articles a` (the query is `?1`), its
    /// ranking and its snippet of the text (matches in `[`…`]`).
    fn full_text(self) -> (&'static str, &'static str, &'static str) {
        match self {
            // bm25 with the title weighing five times the text.
            Dialect::Sqlite => (
                "articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
                 WHERE articles_fts MATCH ?1",
                "bm25(articles_fts, 5.0, 1.0)",
                "snippet(articles_fts, 1, '[', ']', '…', 16)",
            ),
            // ts_rank with the same ratio: weight A (title) 1.0, B (text) 0.2.
            Dialect::Postgres => (
                "articles a, CAST(?1 AS tsquery) q WHERE a.fts @@ q",
                "ts_rank('{0, 0, 0.2, 1.0}', a.fts, q) DESC, a.rowid",
                "ts_headline('pg_catalog.simple', a.text, q,
                             'StartSel=[, StopSel=], MaxWords=16, MinWords=6, MaxFragments=1')",
            ),
        }
    }
}

/// A statement parameter.
#[derive(Clone, Debug)]
pub(crate) enum Param {
    Text(Option<String>),
    Int(i64),
}

/// A value read from a row.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Cell {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
}

impl Cell {
    fn text(&self) -> Option<String> {
        match self {
            Cell::Text(s) => Some(s.clone()),
            Cell::Int(i) => Some(i.to_string()),
            Cell::Real(r) => Some(r.to_string()),
            Cell::Null => None,
        }
    }

    fn string(&self) -> String {
        self.text().unwrap_or_default()
    }

    fn count(&self) -> u64 {
        match self {
            Cell::Int(i) => (*i).max(0) as u64,
            Cell::Real(r) => r.max(0.0) as u64,
            _ => 0,
        }
    }

    fn real(&self) -> f64 {
        match self {
            Cell::Int(i) => *i as f64,
            Cell::Real(r) => *r,
            _ => 0.0,
        }
    }
}

type Rows = Vec<Vec<Cell>>;

/// What `copydesk search` asks for. Every filter is optional; they combine with AND.
#[derive(Clone, Debug, Default)]
pub struct SearchQuery {
    /// Full-text query over title and text, as a person writes it: words (all must occur,
    /// punctuation and all: `COVID-19`), "phrases", AND/OR/NOT, prefix*, title:word,
    /// parentheses. [`fts_query`](crate::fts_query) and [`ts_query`](crate::ts_query)
    /// translate it.
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

/// What the desk's overview shows of a period: the [`Store::stats`], the articles per minute
/// (per hour over periods longer than a day), and the countries and places mentioned.
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

/// The period filter of `stats` and `overview` (`?1`: the start, or NULL for all).
const PERIOD: &str = "(?1 IS NULL OR a.received_at >= ?1)";

impl Store {
    /// Opens a store for reading only (search, stats, the desk), while pipelines may be
    /// writing it.
    ///
    /// # Errors
    /// When the store does not exist, cannot be reached, or is not a copydesk store of a
    /// known version.
    pub async fn open_read_only(location: &StoreLocation) -> Result<Store, StoreError> {
        match location {
            StoreLocation::Sqlite(path) => {
                let path = path.clone();
                let p = path.clone();
                let conn = tokio::task::spawn_blocking(move || crate::open_store_read_only(&p))
                    .await
                    .map_err(|e| StoreError::Reader {
                        store: path.display().to_string(),
                        error: e.to_string(),
                    })?
                    .map_err(|e| match e {
                        crate::SinkError::StoreVersion { path, found } => StoreError::Version {
                            store: path.display().to_string(),
                            found,
                            known: crate::STORE_VERSION,
                        },
                        crate::SinkError::Store { path, source } => {
                            StoreError::Sqlite { store: path.display().to_string(), error: source }
                        }
                        other => StoreError::Reader {
                            store: path.display().to_string(),
                            error: other.to_string(),
                        },
                    })?;
                Ok(Store::Sqlite { path, conn: Arc::new(Mutex::new(conn)) })
            }
            StoreLocation::Postgres(cfg) => Ok(Store::Postgres(PgPool::open_read_only(cfg).await?)),
        }
    }

    fn dialect(&self) -> Dialect {
        match self {
            Store::Sqlite { .. } => Dialect::Sqlite,
            Store::Postgres(_) => Dialect::Postgres,
        }
    }

    /// Runs one statement (`?N` parameters) and returns its rows.
    async fn rows(&self, sql: &str, params: Vec<Param>) -> Result<Rows, StoreError> {
        let sql = self.dialect().sql(sql);
        match self {
            Store::Sqlite { path, conn } => {
                let (conn, store) = (conn.clone(), path.display().to_string());
                let name = store.clone();
                tokio::task::spawn_blocking(move || {
                    let conn = conn.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                    sqlite_rows(&conn, &sql, &params)
                        .map_err(|error| StoreError::Sqlite { store: name, error })
                })
                .await
                .map_err(|e| StoreError::Reader { store, error: e.to_string() })?
            }
            Store::Postgres(pool) => pool.rows(&sql, &params).await,
        }
    }

    /// Runs a search: ranked by relevance when there is a text query (FTS5's bm25, or
    /// PostgreSQL's `ts_rank`, the title weighing five times the text), newest first
    /// otherwise.
    ///
    /// A text query with nothing to search for (only punctuation or operators) finds nothing.
    ///
    /// # Errors
    /// When the store fails.
    pub async fn search(&self, q: &SearchQuery) -> Result<Vec<Hit>, StoreError> {
        let dialect = self.dialect();
        let text = match q.text.as_deref() {
            Some(t) => match dialect.text_query(t) {
                Some(q) => Some(q),
                None => return Ok(Vec::new()),
            },
            None => None,
        };
        let filters = format!(
            "
            (?2 IS NULL OR EXISTS (SELECT 1 FROM mentions m JOIN entities e ON e.id = m.entity
                                   WHERE m.article = a.rowid AND lower(e.name) = lower(?2)))
            AND (?3 IS NULL OR EXISTS (SELECT 1 FROM mentions m JOIN entities e ON e.id = m.entity
                                   WHERE m.article = a.rowid AND e.country = upper(?3)))
            AND (?4 IS NULL OR EXISTS (SELECT 1 FROM tags t WHERE t.article = a.rowid AND t.tag = ?4))
            AND (?5 IS NULL OR a.received_at >= ?5 OR a.published >= ?5)
            AND (?7 IS NULL OR a.lang = lower(?7))
            AND (?9 IS NULL OR {})",
            dialect.author_filter()
        );
        let sql = if text.is_some() {
            let (from, rank, snippet) = dialect.full_text();
            format!(
                "SELECT a.id, a.title, a.received_at, a.published, {snippet}, a.record
                 FROM {from} AND {filters}
                 ORDER BY {rank} LIMIT ?6 OFFSET ?8"
            )
        } else {
            format!(
                "SELECT a.id, a.title, a.received_at, a.published, substr(a.text, 1, 160), a.record
                 FROM articles a
                 WHERE ?1 IS NULL AND {filters}
                 ORDER BY a.received_at DESC, a.rowid DESC LIMIT ?6 OFFSET ?8"
            )
        };
        let params = vec![
            Param::Text(text),
            Param::Text(q.entity.clone()),
            Param::Text(q.country.clone()),
            Param::Text(q.tag.clone()),
            Param::Text(q.since.as_ref().map(|s| s.as_str().to_owned())),
            Param::Int(q.limit.max(1) as i64),
            Param::Text(q.lang.clone()),
            Param::Int(q.offset as i64),
            Param::Text(q.author.clone()),
        ];
        let rows = self.rows(&sql, params).await?;
        Ok(rows
            .into_iter()
            .map(|r| Hit {
                id: r[0].string(),
                title: r[1].text(),
                received_at: r[2].string(),
                published: r[3].text(),
                snippet: r[4].string().replace('\n', " "),
                record: r[5].string(),
            })
            .collect())
    }

    /// The full record (JSON) of the article with this id, when the store has it.
    ///
    /// # Errors
    /// When the store fails.
    pub async fn record_by_id(&self, id: &str) -> Result<Option<String>, StoreError> {
        let rows = self
            .rows("SELECT record FROM articles WHERE id = ?1", vec![Param::Text(Some(id.into()))])
            .await?;
        Ok(rows.into_iter().next().and_then(|r| r[0].text()))
    }

    /// The `top` values of `key` with the most `counted` over `from` (`FROM` what, `WHERE`
    /// the period `?1`), most first, ties by value.
    async fn top(
        &self,
        key: &str,
        counted: &str,
        from: &str,
        since: &Option<String>,
        top: i64,
    ) -> Result<Vec<(String, u64)>, StoreError> {
        let sql =
            format!("SELECT {key}, {counted} FROM {from} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?2");
        let rows = self.rows(&sql, vec![Param::Text(since.clone()), Param::Int(top)]).await?;
        Ok(rows.into_iter().map(|r| (r[0].string(), r[1].count())).collect())
    }

    /// Counts, top tags and top entities of the articles received since `since` (all when
    /// `None`), `top` of each list.
    ///
    /// # Errors
    /// When the store fails.
    pub async fn stats(&self, since: Option<&Since>, top: usize) -> Result<StoreStats, StoreError> {
        let since = since.map(|s| s.as_str().to_owned());
        let top = top.max(1) as i64;
        let totals = self
            .rows(
                &format!(
                    "SELECT count(*), count(a.duplicate_of), min(a.received_at), max(a.received_at)
                     FROM articles a WHERE {PERIOD}"
                ),
                vec![Param::Text(since.clone())],
            )
            .await?;
        let t = totals.first().cloned().unwrap_or_else(|| vec![Cell::Null; 4]);
        let articles = format!("articles a WHERE {PERIOD}");
        let languages =
            self.top("coalesce(a.lang, '?')", "count(*)", &articles, &since, top).await?;
        let tagged = format!("tags t JOIN articles a ON a.rowid = t.article WHERE {PERIOD}");
        let tags = self.top("t.tag", "count(*)", &tagged, &since, top).await?;
        let sources = self.top("a.source_name", "count(*)", &articles, &since, top).await?;
        let entities = self
            .rows(
                &format!(
                    "SELECT e.kind, e.name, count(*) FROM mentions m
                     JOIN entities e ON e.id = m.entity JOIN articles a ON a.rowid = m.article
                     WHERE {PERIOD} GROUP BY e.id, e.kind, e.name ORDER BY 3 DESC, 2, 1 LIMIT ?2"
                ),
                vec![Param::Text(since.clone()), Param::Int(top)],
            )
            .await?
            .into_iter()
            .map(|r| (r[0].string(), r[1].string(), r[2].count()))
            .collect();
        Ok(StoreStats {
            articles: t[0].count(),
            duplicates: t[1].count(),
            first: t[2].text(),
            last: t[3].text(),
            languages,
            tags,
            entities,
            sources,
        })
    }

    /// The [`Overview`] of the articles received since `since` (all when `None`): `top` of
    /// each list (places: ten times as many, for the map), and the timeline per minute when
    /// the period starts within the last day (`minutes`), per hour otherwise.
    ///
    /// # Errors
    /// When the store fails.
    pub async fn overview(
        &self,
        since: Option<&Since>,
        minutes: bool,
        top: usize,
    ) -> Result<Overview, StoreError> {
        let stats = self.stats(since, top).await?;
        let since = since.map(|s| s.as_str().to_owned());
        let top = top.max(1) as i64;
        let (bucket, width) = if minutes { ("minute", 16) } else { ("hour", 13) };
        let timeline = self
            .rows(
                &format!(
                    "SELECT substr(a.received_at, 1, {width}), count(*) FROM articles a
                     WHERE {PERIOD} GROUP BY 1 ORDER BY 1"
                ),
                vec![Param::Text(since.clone())],
            )
            .await?
            .into_iter()
            .map(|r| (r[0].string(), r[1].count()))
            .collect();
        let places_of = format!(
            "mentions m JOIN entities e ON e.id = m.entity
             JOIN articles a ON a.rowid = m.article
             WHERE e.kind = 'location' AND {PERIOD}"
        );
        let located = format!("{places_of} AND e.country != ''");
        let countries =
            self.top("e.country", "count(DISTINCT a.rowid)", &located, &since, top).await?;
        let places = self
            .rows(
                &format!(
                    "SELECT e.name, e.country, e.lat, e.lon, count(*) FROM {places_of}
                     AND e.lat IS NOT NULL AND e.lon IS NOT NULL
                     GROUP BY e.id, e.name, e.country, e.lat, e.lon ORDER BY 5 DESC, 1, 2 LIMIT ?2"
                ),
                vec![Param::Text(since), Param::Int(top * 10)],
            )
            .await?
            .into_iter()
            .map(|r| PlaceCount {
                name: r[0].string(),
                country: r[1].string(),
                lat: r[2].real(),
                lon: r[3].real(),
                articles: r[4].count(),
            })
            .collect();
        Ok(Overview { stats, bucket, timeline, countries, places })
    }
}

/// Runs one statement on SQLite.
fn sqlite_rows(conn: &rusqlite::Connection, sql: &str, params: &[Param]) -> rusqlite::Result<Rows> {
    use rusqlite::types::Value;
    let mut stmt = conn.prepare(sql)?;
    let n = stmt.column_count();
    let values: Vec<Value> = params
        .iter()
        .map(|p| match p {
            Param::Text(Some(s)) => Value::Text(s.clone()),
            Param::Text(None) => Value::Null,
            Param::Int(i) => Value::Integer(*i),
        })
        .collect();
    let mut rows = stmt.query(rusqlite::params_from_iter(values))?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let mut cells = Vec::with_capacity(n);
        for i in 0..n {
            cells.push(match row.get::<_, Value>(i)? {
                Value::Null | Value::Blob(_) => Cell::Null,
                Value::Integer(v) => Cell::Int(v),
                Value::Real(v) => Cell::Real(v),
                Value::Text(v) => Cell::Text(v),
            });
        }
        out.push(cells);
    }
    Ok(out)
}
