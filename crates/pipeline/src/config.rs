//! The pipeline's configuration, validated when built: a `Config` cannot hold an invalid
//! regex or rules file.

use std::path::PathBuf;
use std::time::Duration;

use copydesk_ingest::{InputFormat, Split};
use copydesk_normalize::NormalizeConfig;
use copydesk_tag::{DuplicateConfig, TaggerConfig};

/// Where articles come from.
#[derive(Debug, Clone)]
pub struct Input {
    /// Format, or `Auto` to sniff.
    pub format: InputFormat,
    /// How plain text is cut into articles.
    pub split: Split,
    /// Largest input accepted, in bytes.
    pub max_bytes: usize,
}

impl Default for Input {
    fn default() -> Input {
        Input { format: InputFormat::Auto, split: Split::None, max_bytes: 16 << 20 }
    }
}

/// Where records go.
#[derive(Debug, Clone)]
pub struct Output {
    /// The sinks: every article goes to each.
    pub sinks: Vec<SinkTarget>,
    /// NDJSON file for refused inputs; `None`: logged and counted only.
    pub dead_letter: Option<PathBuf>,
    /// A line per article on stderr.
    pub echo: bool,
}

impl Default for Output {
    fn default() -> Output {
        Output { sinks: vec![SinkTarget::Stdout], dead_letter: None, echo: false }
    }
}

/// A sink for records.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum SinkTarget {
    /// NDJSON on standard output.
    #[default]
    Stdout,
    /// NDJSON appended to a file, fsynced before every ack, rotated as configured.
    Jsonl(PathBuf, copydesk_sink::Rotation),
    /// The SQLite store (upsert by id, FTS5).
    Sqlite(PathBuf),
    /// The PostgreSQL store (upsert by id, shared by many instances, `tsvector` search).
    Postgres(copydesk_sink::PgConfig),
    /// A NATS JetStream subject (`{lang}` in it is the article's language).
    Nats {
        /// The server.
        connect: copydesk_ingest::NatsConnect,
        /// The stream (created over the subject's pattern when missing).
        stream: String,
        /// The subject template.
        subject: String,
    },
}

/// Everything a pipeline run needs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Input settings.
    pub input: Input,
    /// Normalize settings; `None` passes text through as received.
    pub normalize: Option<NormalizeConfig>,
    /// Tag settings; `None` skips tagging.
    pub tag: Option<TaggerConfig>,
    /// Duplicate detection (window 0: off; always off with pass-through).
    pub duplicates: DuplicateConfig,
    /// Output settings.
    pub output: Output,
    /// Worker threads for normalize and tag.
    pub workers: usize,
    /// Keep input order on the output.
    pub ordered: bool,
    /// Capacity of each queue between stages, in batches of up to 64 articles (also the
    /// reorder window).
    pub queue: usize,
    /// How long the stages may take to drain after a shutdown signal.
    pub drain_deadline: Duration,
    /// Serve `/metrics`, `/health` and `/ready` on this address (`HOST:PORT`, a host name
    /// resolved when binding) while running.
    pub metrics_listen: Option<String>,
    /// Record Prometheus metrics (`serve`, whose HTTP ingest and `[metrics]` endpoint render
    /// them). Off for `copydesk` in a pipe and `watch`, which have nowhere to show them:
    /// installing the recorder calibrates a clock against the TSC in a busy loop of half a
    /// millisecond or more (up to 200 ms when the clock is noisy), at every start.
    pub metrics: bool,
    /// The rules file to reload on SIGHUP and when it changes (`serve`).
    pub rules_path: Option<PathBuf>,
    /// Serve the desk (the web view of the live stream and the store) while running
    /// (`serve`'s `[ui]`).
    pub ui: Option<copydesk_desk::DeskConfig>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            normalize: Some(NormalizeConfig::default()),
            tag: Some(TaggerConfig::default()),
            ..Config::passthrough()
        }
    }
}

impl Config {
    /// Settings that pass text through without normalizing or tagging (and without the cost
    /// of compiling their rules at start-up).
    pub fn passthrough() -> Config {
        Config {
            input: Input::default(),
            normalize: None,
            tag: None,
            duplicates: DuplicateConfig::default(),
            output: Output::default(),
            workers: std::thread::available_parallelism().map_or(2, usize::from),
            ordered: true,
            queue: 16,
            drain_deadline: Duration::from_secs(30),
            metrics_listen: None,
            metrics: false,
            rules_path: None,
            ui: None,
        }
    }
}
