//! Sources of copydesk: they turn byte streams into [`RawArticle`]s (or dead letters), send
//! them downstream with an acknowledgement token each, and account for every one.
//!
//! This crate knows the record types of `copydesk-core` and nothing of the other stages.
//!
//! ```
//! use copydesk_ingest::{Framer, FramingConfig};
//!
//! let input = "{\"id\":\"a1\",\"text\":\"Hello\"}\n{\"text\":\"World\"}\n";
//! let items: Vec<_> = Framer::new(input.as_bytes(), FramingConfig::default()).collect();
//! assert_eq!(items.len(), 2);
//! ```
//!
//! [`RawArticle`]: copydesk_core::RawArticle

mod formats;
mod framing;
mod nats;
mod source;
mod state;
mod watch;

pub use formats::{Skip, Skipped};
pub use framing::{Framer, FramingConfig, InputFormat, Split, decode, parse_json_article, sniff};
pub use nats::{NatsConnect, NatsSource, NatsSourceConfig, consumer_changes, subject_covers};
pub use source::{IngestError, SourceProgress, SourceReport, StreamSource};
pub use state::{DoneFile, FileKey, Mark, STATE_VERSION, StateError, StateStore, TailCheckpoint};
pub use watch::{Completion, DirSource, Resolved, SPOOL_EXT, WatchConfig, WatchError};
