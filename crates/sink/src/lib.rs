//! Sinks of copydesk (NDJSON to stdout or a file, the SQLite store, the PostgreSQL store, NATS):
//! they write records durably and only then resolve each article's [`Ack`]; refused inputs go
//! to the dead-letter output and their acks are rejected. The two stores are read through one
//! interface, [`Store`] (search, stats, the desk's overview).
//!
//! ```no_run
//! use copydesk_sink::{DeadLetterOutput, JsonlSink, run};
//! # async fn demo(rx: copydesk_core::Rx<copydesk_core::Item<copydesk_core::Record>>) {
//! let sink = JsonlSink::new("stdout", tokio::io::stdout());
//! let report = run(sink, DeadLetterOutput::<tokio::fs::File>::LogOnly, rx).await;
//! # }
//! ```
//!
//! [`Ack`]: copydesk_core::Ack

mod jsonl;
mod nats;
mod postgres;
mod query;
mod sqlite;
mod store;

pub use jsonl::{
    BoxedWriter, DeadLetterOutput, JsonlSink, RecordSink, Rotation, SinkError, SinkReport, run,
};
pub use nats::NatsSink;
pub use postgres::{PG_STORE_VERSION, PgConfig, PgPool, PostgresSink, probe as probe_postgres};
pub use query::{Since, SinceError, fts_query, ts_query, tsvector, words};
pub use sqlite::{STORE_VERSION, SqliteSink, open_store, open_store_read_only};
pub use store::{
    Hit, Overview, PlaceCount, SearchQuery, Store, StoreError, StoreLocation, StoreStats,
};
