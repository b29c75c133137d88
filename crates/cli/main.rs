//! The `copydesk` binary: command-line parsing, logging, signals and exit codes. Everything
//! else lives in the library crates; this file only wires the user's wishes to
//! `copydesk_pipeline::run`.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Parser, Subcommand, ValueEnum};
use copydesk_pipeline::{Config, RunReport};

/// copydesk: a streaming pipeline for news articles.
///
/// Reads articles from stdin (NDJSON, JSON text sequences, a JSON array, HTML or plain text,
/// detected automatically), normalizes them, tags them (keywords, your rules) and writes one
/// JSON record per article to stdout, in input order. Refused inputs are reported on stderr
/// (or written to --dead-letter) and never stop the run.
///
/// Exit codes: 0 every input written; 1 some inputs rejected or lost; 2 fatal error.
#[derive(Debug, Parser)]
#[command(name = "copydesk", version, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    pipe: PipeArgs,
    #[command(flatten)]
    log: LogArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read articles from stdin, write records to stdout (the default command).
    Pipe {
        #[command(flatten)]
        args: PipeArgs,
        #[command(flatten)]
        log: LogArgs,
    },
}

#[derive(Debug, Args)]
struct PipeArgs {
    /// Input format; `auto` sniffs the first bytes ({ NDJSON, RS JSON-seq, [ JSON array,
    /// <html HTML, anything else plain text).
    #[arg(long, value_enum, default_value_t = FormatArg::Auto)]
    format: FormatArg,
    /// Cut plain text into many articles: one per line, per blank-line separated block, or per
    /// NUL / RS (0x1E) separated record. Default: the whole input is one article.
    #[arg(long, value_enum, default_value_t = SplitArg::None)]
    split: SplitArg,
    /// Largest single input accepted, in bytes; larger ones are dead-lettered.
    #[arg(long, default_value_t = 16 << 20, value_name = "BYTES")]
    max_bytes: usize,
    /// Fold typographic quotes, dashes and ellipses to ASCII.
    #[arg(long)]
    ascii: bool,
    /// Tag rules file (TOML); see config/rules.toml.
    #[arg(long, value_name = "FILE")]
    rules: Option<PathBuf>,
    /// Keywords per article (0: none).
    #[arg(long, default_value_t = 10, value_name = "N")]
    keywords: usize,
    /// Do not tag entities (persons, organizations, places) and quotations.
    #[arg(long)]
    no_entities: bool,
    /// Skip normalize and tag: records carry the text as received.
    #[arg(long)]
    passthrough: bool,
    /// How many recent articles duplicates are looked for among (0: no duplicate detection).
    #[arg(long, default_value_t = 50_000, value_name = "N")]
    dup_window: usize,
    /// Forget articles older than this many seconds for duplicate detection (default: only
    /// the window's size limits it).
    #[arg(long, value_name = "SECONDS")]
    dup_max_age: Option<u64>,
    /// Minimum similarity (0..1, share of equal MinHash bins) of a near-duplicate.
    #[arg(long, default_value_t = 0.8, value_name = "F")]
    dup_threshold: f64,
    /// Worker threads for normalize and tag (default: one per core).
    #[arg(long, value_name = "N")]
    workers: Option<usize>,
    /// Let articles overtake each other on the output (faster with uneven articles).
    #[arg(long)]
    unordered: bool,
    /// Capacity of each queue between stages, in batches of up to 64 articles (also the
    /// reorder window). Bounds memory: a slow sink makes reading wait.
    #[arg(long, default_value_t = 16, value_name = "N")]
    queue: usize,
    /// Write refused inputs, with the reason and origin, as NDJSON to this file (appended).
    /// Default: a warning per refused input on stderr.
    #[arg(long, value_name = "PATH")]
    dead_letter: Option<PathBuf>,
    /// Print a summary to stderr at the end: inputs, records, rejected, bytes, MB/s, peak memory.
    #[arg(long)]
    stats: bool,
}

#[derive(Debug, Args)]
struct LogArgs {
    /// Log format on stderr (the level comes from RUST_LOG, default `warn`).
    #[arg(long, value_enum, default_value_t = LogFormat::Text, global = true)]
    log_format: LogFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Auto,
    Ndjson,
    JsonSeq,
    Json,
    Html,
    Text,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SplitArg {
    None,
    Line,
    Blank,
    Nul,
    Rs,
}

/// mimalloc: per-thread free lists without the system allocator's arena growth and trimming
/// (thousands of `mprotect` calls a run) — the pipeline allocates and frees every article's
/// strings on different threads.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (args, log) = match cli.command {
        Some(Command::Pipe { args, log }) => (args, log),
        None => (cli.pipe, cli.log),
    };
    init_logging(log.log_format);
    match pipe(args) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("copydesk: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal());
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().init(),
    }
}

fn config(args: &PipeArgs) -> anyhow::Result<Config> {
    let mut cfg = if args.passthrough { Config::passthrough() } else { Config::default() };
    cfg.input.format = match args.format {
        FormatArg::Auto => copydesk_ingest::InputFormat::Auto,
        FormatArg::Ndjson => copydesk_ingest::InputFormat::Ndjson,
        FormatArg::JsonSeq => copydesk_ingest::InputFormat::JsonSeq,
        FormatArg::Json => copydesk_ingest::InputFormat::JsonArray,
        FormatArg::Html => copydesk_ingest::InputFormat::Html,
        FormatArg::Text => copydesk_ingest::InputFormat::Text,
    };
    cfg.input.split = match args.split {
        SplitArg::None => copydesk_ingest::Split::None,
        SplitArg::Line => copydesk_ingest::Split::Line,
        SplitArg::Blank => copydesk_ingest::Split::Blank,
        SplitArg::Nul => copydesk_ingest::Split::Nul,
        SplitArg::Rs => copydesk_ingest::Split::Rs,
    };
    anyhow::ensure!(args.max_bytes > 0, "--max-bytes must be at least 1");
    cfg.input.max_bytes = args.max_bytes;
    if !args.passthrough {
        if let Some(n) = cfg.normalize.as_mut() {
            n.ascii = args.ascii;
        }
        let rules = match &args.rules {
            Some(path) => copydesk_tag::Rules::load(path)?,
            None => copydesk_tag::Rules::default(),
        };
        cfg.tag = Some(copydesk_tag::TaggerConfig {
            max_keywords: args.keywords,
            rules,
            entities: !args.no_entities,
        });
    }
    if let Some(w) = args.workers {
        anyhow::ensure!(w > 0, "--workers must be at least 1");
        cfg.workers = w;
    }
    anyhow::ensure!(
        (0.0..=1.0).contains(&args.dup_threshold),
        "--dup-threshold must be between 0 and 1"
    );
    cfg.duplicates = copydesk_tag::DuplicateConfig {
        window: args.dup_window,
        max_age: args.dup_max_age.map(std::time::Duration::from_secs),
        threshold: args.dup_threshold,
    };
    cfg.ordered = !args.unordered;
    anyhow::ensure!(args.queue > 0, "--queue must be at least 1");
    cfg.queue = args.queue;
    cfg.output.dead_letter = args.dead_letter.clone();
    Ok(cfg)
}

fn pipe(args: PipeArgs) -> anyhow::Result<ExitCode> {
    let cfg = config(&args)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let report = runtime.block_on(async {
        let shutdown = shutdown_signal()?;
        copydesk_pipeline::run(cfg, shutdown).await
    });
    let report = match report {
        Ok(r) => r,
        Err(e) if copydesk_pipeline::is_broken_pipe(&e) => return Ok(ExitCode::SUCCESS),
        Err(e) => return Err(e),
    };
    runtime.shutdown_background();
    if report.broken_pipe {
        // `copydesk | head`: the reader has what it wanted; nothing to report.
        return Ok(ExitCode::SUCCESS);
    }
    if args.stats || !report.all_delivered() {
        print_summary(&report, args.stats);
    }
    if report.all_delivered() { Ok(ExitCode::SUCCESS) } else { Ok(ExitCode::from(1)) }
}

/// Resolves on the first SIGINT or SIGTERM; a second one exits at once (what was not written
/// is reported lost; replayable sources deliver it again next start).
fn shutdown_signal() -> anyhow::Result<impl std::future::Future<Output = ()> + Send + 'static> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut int = signal(SignalKind::interrupt()).context("cannot listen for SIGINT")?;
    let mut term = signal(SignalKind::terminate()).context("cannot listen for SIGTERM")?;
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(async move {
        tokio::select! { _ = int.recv() => {}, _ = term.recv() => {} }
        _ = tx.send(());
        tokio::select! { _ = int.recv() => {}, _ = term.recv() => {} }
        eprintln!("copydesk: second signal, exiting at once");
        std::process::exit(130);
    });
    Ok(async move {
        _ = rx.await;
    })
}

fn print_summary(r: &RunReport, full: bool) {
    let s = &r.source;
    let secs = r.elapsed.as_secs_f64().max(1e-9);
    let mut line = format!(
        "copydesk: {} inputs, {} written, {} rejected, {} lost, {} duplicates",
        s.inputs + s.abandoned,
        s.delivered,
        s.rejected,
        s.errored + s.abandoned,
        r.duplicates
    );
    if full {
        let mb = s.bytes as f64 / 1e6;
        line.push_str(&format!(
            "; {mb:.2} MB in {secs:.3} s ({:.1} MB/s, {:.0} articles/s)",
            mb / secs,
            s.inputs as f64 / secs
        ));
        if let Some(rss) = r.peak_rss {
            line.push_str(&format!("; peak RSS {:.1} MB", rss as f64 / 1e6));
        }
    }
    eprintln!("{line}");
}
