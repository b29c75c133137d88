//! Shared types of copydesk: the records that travel between stages, the acknowledgement
//! token that travels with each of them, and the plumbing that connects stages.
//!
//! Every stage crate (`ingest`, `normalize`, `tag`, `sink`) depends on this crate and on
//! nothing else of copydesk; only `copydesk-pipeline` wires them together.
//!
//! ```
//! use copydesk_core::{Ack, Delivery};
//!
//! let (ack, mut receipt) = Ack::new();
//! ack.ack();
//! assert_eq!(receipt.try_recv().unwrap(), Delivery::Delivered);
//! ```

mod ack;
pub mod auth;
pub mod chars;
mod json;
pub mod probe;
mod record;
mod stage;

pub use ack::{Ack, AckReceiver, Delivery};
pub use chars::in_mark_block;
pub use record::{
    Article, ArticleId, Body, Counts, Credit, Dateline, DeadLetter, Entities, Entity, Extraction,
    Fingerprint, Format, InputMeta, Lang, MINHASH_BINS, NOT_DUPLICATE_SUFFIX, Origin, Place, Quote,
    RawArticle, Record, SCHEMA_VERSION, content_hash, looks_like_html, minhash_similarity,
    now_rfc3339,
};
pub use stage::{
    Batch, Envelope, Item, MapOptions, Rx, StageReport, Tx, channel, spawn_parallel_map,
};
