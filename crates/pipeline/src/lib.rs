//! Wires copydesk's stages into a running pipeline: a source, a pool of workers that
//! normalize and tag, and a sink, connected by bounded queues; plus the shutdown and the
//! accounting that tie them together.
//!
//! Stage crates never know each other; this crate is the only one that depends on all of them.
//!
//! ```no_run
//! use copydesk_pipeline::{Config, run};
//! # async fn demo() -> anyhow::Result<()> {
//! let report = run(Config::default(), std::future::pending()).await?;
//! eprintln!("{} articles written", report.sink.forwarded);
//! # Ok(()) }
//! ```

mod config;
mod file;
mod http;
mod metrics;
mod reload;
mod replay;
mod run;
mod text;

pub use config::{Config, Input, Output, SinkTarget};
pub use file::{ServeConfig, interpolate};
pub use http::{HttpConfig, HttpSource};
pub use metrics::handle as metrics_handle;
pub use replay::{ReplayReport, replay};
pub use run::{
    BoxWriter, BrokerCheck, RunReport, Source, check_brokers, check_sinks, is_broken_pipe,
    open_sinks, run, run_source, run_sources, run_with,
};
pub use text::{counted, plural};
