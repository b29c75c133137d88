//! The desk: a small web application served by copydesk itself, to look at the stream and the
//! store rather than read NDJSON.
//!
//! - **Live wire**: the articles as the pipeline hands them to its sinks, over server-sent
//!   events ([`Wire`]). The pipeline only ever *offers* an article to the wire: a slow or
//!   absent browser drops view events (counted in `copydesk_desk_events_dropped_total`),
//!   never articles, and never slows the pipeline.
//! - **Article view**, **search** and **overview** read the store (an SQLite file or a
//!   PostgreSQL database), read-only, with the store's own queries (`copydesk_sink::Store`):
//!   one query implementation for the command line and the desk.
//!
//! Every asset (HTML, CSS, JavaScript, the map's country outlines) is compiled into the
//! binary; the page loads nothing from elsewhere, and every answer carries a restrictive
//! `Content-Security-Policy`. The JSON endpoints are documented in `docs/desk.md`.
//!
//! ```no_run
//! # async fn demo() -> anyhow::Result<()> {
//! use copydesk_desk::{Desk, DeskConfig};
//! let cfg = DeskConfig { store: Some("copydesk.db".parse()?), ..DeskConfig::default() };
//! let desk = Desk::bind(cfg, None).await?;
//! eprintln!("open {}", desk.url());
//! desk.run(tokio_util::sync::CancellationToken::new()).await?;
//! # Ok(()) }
//! ```

mod assets;
mod highlight;
mod server;
mod wire;

pub use highlight::{Segment, paragraphs};
pub use server::{Desk, DeskConfig};
pub use wire::{Wire, summary};
