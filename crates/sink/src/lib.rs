//! Sinks of copydesk (NDJSON to stdout or a file, the SQLite store): they write records durably and only then resolve each article's
//! [`Ack`]; refused inputs go to the dead-letter output and their acks are rejected.
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
mod query;
mod sqlite;

pub use jsonl::{
    BoxedWriter, DeadLetterOutput, JsonlSink, RecordSink, Rotation, SinkError, SinkReport, run,
};
pub use nats::NatsSink;
pub use query::{Since, SinceError, fts_query};
pub use sqlite::{
    Hit, Overview, PlaceCount, STORE_VERSION, SearchQuery, SqliteSink, StoreStats, open_store,
    open_store_read_only, overview, record_by_id, search, stats,
};
