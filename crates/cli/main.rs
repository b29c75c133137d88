//! The `copydesk` binary: command-line parsing, logging, signals and exit codes. Everything
//! else lives in the library crates; this file only wires the user's wishes to
//! `copydesk_pipeline::run`.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::sync::Arc;
use std::time::Duration;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use copydesk_ingest::{Completion, DirSource, InputFormat, SourceProgress, Split, WatchConfig};
use copydesk_pipeline::{Config, RunReport, SinkTarget, Source, counted};

/// copydesk: a streaming pipeline for news articles.
///
/// Reads articles from stdin (NDJSON, JSON text sequences, a JSON array, HTML, plain text,
/// RSS/Atom/RDF feeds, NITF, NewsML-G2, ninjs or WARC, gzipped or not, detected
/// automatically), normalizes them, tags them (keywords, your rules) and writes one
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
    /// Process the files in directories, then every file and line that arrives, until
    /// SIGINT/SIGTERM (or, with --once, until what is there is done).
    ///
    /// Spool mode (one article per file: .txt .html .htm .json .md): a file is read once it is
    /// complete (closed after writing, moved in, or unchanged for --quiet-ms) and recorded as
    /// done once its article is written. Tail mode (.jsonl .ndjson, and .txt with --split
    /// line|blank): appended lines are read as they arrive, complete lines only; rotation and
    /// truncation are followed. Progress is kept in a state store (--state), so a restart
    /// reads nothing done again and skips nothing unfinished.
    Watch {
        #[command(flatten)]
        args: WatchArgs,
        #[command(flatten)]
        log: LogArgs,
    },
    /// Run the sources and sinks of a configuration file until SIGINT/SIGTERM (or until every
    /// source has ended). See config/copydesk.toml.
    Serve {
        /// The configuration file (TOML).
        #[arg(long, short, value_name = "FILE")]
        config: PathBuf,
        /// Print a summary on stderr at the end.
        #[arg(long)]
        stats: bool,
        #[command(flatten)]
        log: LogArgs,
    },
    /// Validate a configuration file (paths, globs, rules, regexes, sinks) and exit: 0 when
    /// it is valid, 2 with the problem (and its line) when not.
    Check {
        /// The configuration file (TOML).
        #[arg(value_name = "FILE")]
        config: PathBuf,
        /// Also try the servers: connect to every NATS source and sink and PostgreSQL store
        /// (within 5 s each), look up the NATS stream and durable consumer and the store's
        /// schema version, and print a line for each (what a start would create, update or
        /// migrate); one that fails or would refuse to start exits 2.
        #[arg(long)]
        connect: bool,
        #[command(flatten)]
        log: LogArgs,
    },
    /// Search the store (SQLite or PostgreSQL): full text (ranked), entity, country, tag, time.
    Search {
        #[command(flatten)]
        args: SearchArgs,
        #[command(flatten)]
        log: LogArgs,
    },
    /// Counts, languages, top tags, entities and sources of the store over a period.
    Stats {
        #[command(flatten)]
        args: StatsArgs,
        #[command(flatten)]
        log: LogArgs,
    },
    /// Run the refused inputs of a dead-letter file through the pipeline again (after a fix:
    /// another --max-bytes, other rules, an input corrected in the file).
    ///
    /// Each dead letter not yet replayed is an input again, with its original origin: its raw
    /// input, or the file it names when it holds none (an empty or over-size one-article
    /// file). FILE is then rewritten atomically: what is now written is marked
    /// "replayed": "<time>" (and skipped next time), what is refused again keeps its input
    /// with the new reason, the rest stays as it was. Exit codes: 0 every dead letter is
    /// replayed; 1 some stay; 2 fatal error.
    Replay {
        /// The dead-letter file (NDJSON, as --dead-letter writes it).
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[command(flatten)]
        common: CommonArgs,
        #[command(flatten)]
        log: LogArgs,
    },
    /// Print the shell completion script for SHELL on stdout, e.g.
    /// `copydesk completions bash > ~/.local/share/bash-completion/completions/copydesk`.
    Completions {
        /// The shell.
        #[arg(value_enum, value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) on stdout, e.g. `copydesk man | man -l -`; with --dir,
    /// write copydesk.1 and a page per command (copydesk-watch.1, ...) into a folder.
    Man {
        /// Write the pages into this folder (created when missing) instead.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Serve the desk over the store (SQLite or PostgreSQL), read-only, until SIGINT/SIGTERM: search, the
    /// article view and the overview in a browser. (`serve` with a [ui] section adds the live
    /// wire.)
    Ui {
        #[command(flatten)]
        args: UiArgs,
        #[command(flatten)]
        log: LogArgs,
    },
}

/// The store `watch`, `search` and `stats` use when none is given.
const DEFAULT_DB: &str = "copydesk.db";

#[derive(Debug, Args)]
struct SearchArgs {
    /// Full-text query over title and text: words (all must occur; a word with punctuation,
    /// like COVID-19 or U.S., as written), "a phrase", AND, OR, NOT, prefix*, title:word,
    /// parentheses. Without it, the newest articles matching the filters.
    #[arg(value_name = "QUERY")]
    query: Option<String>,
    /// The store: an SQLite file, or a PostgreSQL URL (postgres://user@host/db).
    #[arg(long, default_value = DEFAULT_DB, value_name = "STORE")]
    db: copydesk_sink::StoreLocation,
    /// Only articles mentioning this entity (canonical name, case-insensitive).
    #[arg(long, value_name = "NAME")]
    entity: Option<String>,
    /// Only articles by this person: a part of the record's author, one of its authors or a
    /// name in its credit lines (case-insensitive; `Hafezi` finds Parisa Hafezi).
    #[arg(long, value_name = "NAME")]
    author: Option<String>,
    /// Only articles mentioning a place in this country (ISO 3166-1 alpha-2, e.g. IQ).
    #[arg(long, value_name = "CC")]
    country: Option<String>,
    /// Only articles with this tag.
    #[arg(long, value_name = "TAG")]
    tag: Option<String>,
    /// Only articles in this language (ISO 639-1 code, e.g. en).
    #[arg(long, value_name = "CODE")]
    lang: Option<String>,
    /// Only articles received or published at or after this time: an RFC 3339 date or date
    /// and time (2026-11-29, 2026-11-29T10:00:00Z) or a span back from now (90m, 24h, 7d, 2w).
    #[arg(long, value_name = "TIME")]
    since: Option<copydesk_sink::Since>,
    /// At most this many results.
    #[arg(long, default_value_t = 20, value_name = "N")]
    limit: usize,
    /// Print the full records as NDJSON instead of a listing.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
struct UiArgs {
    /// The store: an SQLite file, or a PostgreSQL URL (postgres://user@host/db).
    #[arg(long, default_value = DEFAULT_DB, value_name = "STORE")]
    db: copydesk_sink::StoreLocation,
    /// Address to listen on, HOST:PORT (port 0 picks a free one).
    #[arg(long, default_value = "127.0.0.1:8081", value_name = "ADDR")]
    listen: String,
    /// Token every request must bring: a browser opens /?token=TOKEN once, other clients
    /// send `Authorization: Bearer TOKEN`.
    #[arg(long, env = "COPYDESK_UI_TOKEN", hide_env_values = true, value_name = "TOKEN")]
    token: Option<String>,
}

#[derive(Debug, Args)]
struct StatsArgs {
    /// The store: an SQLite file, or a PostgreSQL URL (postgres://user@host/db).
    #[arg(long, default_value = DEFAULT_DB, value_name = "STORE")]
    db: copydesk_sink::StoreLocation,
    /// Only articles received at or after this time: an RFC 3339 date or date and time
    /// (2026-11-29, 2026-11-29T10:00:00Z) or a span back from now (90m, 24h, 7d, 2w).
    #[arg(long, value_name = "TIME")]
    since: Option<copydesk_sink::Since>,
    /// How many of each top list.
    #[arg(long, default_value_t = 10, value_name = "N")]
    top: usize,
    /// The same figures as one JSON object on stdout.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
struct PipeArgs {
    /// Input format; `auto` sniffs the first bytes ({ NDJSON or a pretty-printed JSON object,
    /// RS JSON-seq, [ JSON array, an XML root <rss>/<feed>/<rdf:RDF> feed, <nitf> NITF,
    /// <newsItem>/<newsMessage> NewsML-G2, WARC/1.x WARC, <html HTML, anything else plain
    /// text; gzip is decompressed first). `ninjs` reads every JSON object as IPTC ninjs.
    #[arg(long, default_value = "auto", value_parser = PossibleValuesParser::new(InputFormat::NAMES).try_map(|s| s.parse::<InputFormat>()))]
    format: InputFormat,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(Debug, Args)]
struct WatchArgs {
    /// Directories to watch.
    #[arg(required = true, value_name = "DIR")]
    dirs: Vec<PathBuf>,
    /// Process what is in the directories now, then exit.
    #[arg(long)]
    once: bool,
    /// The state store (SQLite). Default:
    /// $XDG_STATE_HOME/copydesk/watch-<hash of the directories>.sqlite
    /// (XDG_STATE_HOME defaults to ~/.local/state).
    #[arg(long, value_name = "PATH")]
    state: Option<PathBuf>,
    /// Only the top level of each directory.
    #[arg(long)]
    no_recursive: bool,
    /// Only files whose path below the watched directory matches this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    include: Vec<String>,
    /// Never files whose path below the watched directory matches this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Extensions of one-article files, comma-separated.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "txt,html,htm,json,md,xml,rss,atom,rdf,nitf,newsml,warc,gz",
        value_name = "EXTS"
    )]
    spool_ext: Vec<String>,
    /// Extensions of growing feeds, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "jsonl,ndjson", value_name = "EXTS")]
    tail_ext: Vec<String>,
    /// A spool file seen being written is read once unchanged for this long, in milliseconds.
    #[arg(long, default_value_t = 2000, value_name = "MS")]
    quiet_ms: u64,
    /// Full rescan period, in seconds: the safety net under inotify.
    #[arg(long, default_value_t = 30, value_name = "SECONDS")]
    rescan: u64,
    /// Close a tailed file's handle after this many seconds without new data.
    #[arg(long, default_value_t = 60, value_name = "SECONDS")]
    idle_close: u64,
    /// What to do with a spool file once its articles are written: keep, delete, or
    /// move:DIR.
    #[arg(long, default_value = "keep", value_name = "ACTION")]
    on_done: String,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(Debug, Args)]
struct CommonArgs {
    /// Cut plain text into many articles: one per line, per blank-line separated block, or per
    /// NUL / RS (0x1E) separated record. Default: the whole input is one article.
    #[arg(long, default_value = "none", value_parser = PossibleValuesParser::new(Split::NAMES).try_map(|s| s.parse::<Split>()))]
    split: Split,
    /// Where records go: `stdout`, `jsonl:PATH` (appended; fsynced before acks),
    /// `sqlite:PATH` (the store; upsert by id) or `postgres:URL` (the shared store, e.g.
    /// postgres:postgres://copydesk@db/news). Default: stdout for the pipe, sqlite:copydesk.db
    /// for watch.
    #[arg(long, value_name = "SINK")]
    sink: Option<String>,
    /// Print a line per article on stderr (id, language, words, title, origin).
    #[arg(long)]
    echo: bool,
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

/// mimalloc: per-thread free lists without the system allocator's arena growth and trimming
/// (thousands of `mprotect` calls a run) — the pipeline allocates and frees every article's
/// strings on different threads.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    no_huge_pages();
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Pipe { args, log }) => {
            init_logging(log.log_format);
            pipe(args)
        }
        Some(Command::Watch { args, log }) => {
            init_logging(log.log_format);
            watch(args)
        }
        Some(Command::Serve { config, stats, log }) => {
            init_logging(log.log_format);
            serve(&config, stats)
        }
        Some(Command::Check { config, connect, log }) => {
            init_logging(log.log_format);
            check(&config, connect)
        }
        Some(Command::Search { args, log }) => {
            init_logging(log.log_format);
            search(&args)
        }
        Some(Command::Stats { args, log }) => {
            init_logging(log.log_format);
            stats(&args)
        }
        Some(Command::Replay { file, common, log }) => {
            init_logging(log.log_format);
            replay(&file, &common)
        }
        Some(Command::Completions { shell }) => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "copydesk", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man { dir }) => man(dir.as_deref()),
        Some(Command::Ui { args, log }) => {
            init_logging(log.log_format);
            ui(args)
        }
        None => {
            init_logging(cli.log.log_format);
            pipe(cli.pipe)
        }
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("copydesk: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// Turns transparent huge pages off for this process, first thing (the allocator's regions
/// reserved before `main` included: mimalloc advises huge pages for them). Where the system
/// allows them, every 2 MiB region the allocator touched anew was zeroed whole: the entity
/// gazetteers' 10 MB became 40 MB of huge pages, and on a VM whose host takes back idle memory
/// (this one) a first run after a pause spent 100-200 ms of its start faulting them in (now
/// ~40 ms); during a run, the pipeline frees each article's buffers on another thread than
/// the one that allocated them and keeps touching new regions (`clear_page` was 4.5 % of the
/// 100 MB bench). (mimalloc's `MIMALLOC_ALLOW_THP=0` does the same, set in the environment.)
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    if let Err(err) = rustix::thread::disable_transparent_huge_pages(true) {
        // An old kernel or a sandbox that refuses prctl: only slower.
        eprintln!("copydesk: cannot turn transparent huge pages off ({err}); going on");
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

fn config(args: &CommonArgs, default_sink: &str) -> anyhow::Result<Config> {
    let mut cfg = if args.passthrough { Config::passthrough() } else { Config::default() };
    let sink = args.sink.as_deref().unwrap_or(default_sink);
    cfg.output.sinks = vec![match sink.split_once(':') {
        _ if sink == "stdout" || sink == "-" => SinkTarget::Stdout,
        Some(("jsonl", path)) if !path.is_empty() => {
            SinkTarget::Jsonl(PathBuf::from(path), copydesk_sink::Rotation::default())
        }
        Some(("sqlite", path)) if !path.is_empty() => SinkTarget::Sqlite(PathBuf::from(path)),
        _ if copydesk_sink::PgConfig::is_url(sink) => {
            SinkTarget::Postgres(copydesk_sink::PgConfig::parse(sink)?)
        }
        Some(("postgres", url)) if !url.is_empty() => {
            SinkTarget::Postgres(copydesk_sink::PgConfig::parse(url)?)
        }
        _ => anyhow::bail!(
            "--sink {sink:?}: expected `stdout`, `jsonl:PATH`, `sqlite:PATH` or `postgres:URL`"
        ),
    }];
    cfg.output.echo = args.echo;
    cfg.input.split = args.split;
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
    let mut cfg = config(&args.common, "stdout")?;
    cfg.input.format = args.format;
    execute(cfg, Source::Stdin, args.common.stats, None)
}

fn watch(args: WatchArgs) -> anyhow::Result<ExitCode> {
    let cfg = config(&args.common, &format!("sqlite:{DEFAULT_DB}"))?;
    let completion = match args.on_done.split_once(':') {
        _ if args.on_done == "keep" => Completion::Keep,
        _ if args.on_done == "delete" => Completion::Delete,
        Some(("move", dir)) if !dir.is_empty() => Completion::Move(PathBuf::from(dir)),
        _ => anyhow::bail!("--on-done {:?}: expected keep, delete or move:DIR", args.on_done),
    };
    anyhow::ensure!(args.rescan > 0, "--rescan must be at least 1 second");
    let wcfg = WatchConfig {
        dirs: args.dirs,
        state: args.state,
        once: args.once,
        recursive: !args.no_recursive,
        include: args.include,
        exclude: args.exclude,
        spool_ext: args.spool_ext,
        tail_ext: args.tail_ext,
        split: cfg.input.split,
        quiet: Duration::from_millis(args.quiet_ms),
        rescan: Duration::from_secs(args.rescan),
        idle_close: Duration::from_secs(args.idle_close),
        max_bytes: cfg.input.max_bytes,
        completion,
        on_resolved: None,
        ..WatchConfig::default()
    };
    let source = DirSource::new(wcfg)?;
    tracing::info!(state = %source.state_path().display(), "Watching.");
    let bar = (args.once && std::io::stderr().is_terminal()).then(|| source.progress());
    // A batch run ends with its summary.
    execute(cfg, Source::Dir(Box::new(source)), args.common.stats || args.once, bar)
}

fn execute(
    cfg: Config,
    source: Source,
    stats: bool,
    progress: Option<Arc<SourceProgress>>,
) -> anyhow::Result<ExitCode> {
    execute_all(cfg, vec![source], stats, progress, false)
}

/// The runtime a pipeline runs on (the entity tables loading meanwhile, when they are used).
fn pipeline_runtime(cfg: &Config) -> anyhow::Result<tokio::runtime::Runtime> {
    if cfg.tag.as_ref().is_some_and(|t| t.entities) {
        copydesk_tag::preload_entities();
    }
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

fn execute_all(
    cfg: Config,
    sources: Vec<Source>,
    stats: bool,
    progress: Option<Arc<SourceProgress>>,
    serving: bool,
) -> anyhow::Result<ExitCode> {
    let runtime = pipeline_runtime(&cfg)?;
    let bar = progress.map(progress_bar);
    let report = runtime.block_on(async {
        let shutdown = shutdown_signal()?;
        if serving {
            // A service must survive SIGHUP (`systemctl reload`): with a rules file the
            // pipeline reloads it; without one there is nothing to reload.
            let mut hup = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup())
                .context("cannot listen for SIGHUP")?;
            let has_rules = cfg.rules_path.is_some();
            tokio::spawn(async move {
                while hup.recv().await.is_some() {
                    if !has_rules {
                        tracing::warn!(
                            "SIGHUP: no [tag] rules file is configured; nothing to reload."
                        );
                    }
                }
            });
        }
        copydesk_pipeline::run_sources(cfg, sources, shutdown).await
    });
    if let Some((bar, stop)) = bar {
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        _ = bar.join();
        eprintln!(); // below the finished progress line
    }
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
    if stats || !report.all_delivered() {
        print_summary(&report, stats);
    }
    if report.all_delivered() { Ok(ExitCode::SUCCESS) } else { Ok(ExitCode::from(1)) }
}

fn replay(file: &std::path::Path, args: &CommonArgs) -> anyhow::Result<ExitCode> {
    anyhow::ensure!(
        args.dead_letter.is_none(),
        "--dead-letter: replay keeps what is refused again in {}",
        file.display()
    );
    anyhow::ensure!(args.split == Split::None, "--split: a dead letter is one input");
    let cfg = config(args, "stdout")?;
    let runtime = pipeline_runtime(&cfg)?;
    let r = runtime.block_on(async {
        let shutdown = shutdown_signal()?;
        copydesk_pipeline::replay(cfg, file, shutdown).await
    })?;
    runtime.shutdown_background();
    if args.stats {
        print_summary(&r.run, true);
    }
    let mut line = format!(
        "copydesk: replay {}: {}, {} replayed, {} refused again",
        file.display(),
        counted(r.letters, "dead letter"),
        r.replayed,
        r.refused
    );
    for (n, what) in [
        (r.lost, "lost"),
        (r.not_replayable, "not replayable (input not kept whole)"),
        (r.earlier, "replayed earlier"),
        (r.unreadable, "lines not dead letters"),
    ] {
        if n > 0 {
            line.push_str(&format!(", {n} {what}"));
        }
    }
    eprintln!("{line}");
    Ok(if r.all_replayed() { ExitCode::SUCCESS } else { ExitCode::from(1) })
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

fn serve(path: &std::path::Path, stats: bool) -> anyhow::Result<ExitCode> {
    let c = copydesk_pipeline::ServeConfig::load(path)?;
    for w in &c.warnings {
        tracing::warn!(config = %path.display(), "{w}");
    }
    tracing::info!(
        config = %path.display(),
        sources = c.sources.len(),
        sinks = c.config.output.sinks.len(),
        "Serving."
    );
    execute_all(c.config, c.sources, stats, None, true)
}

fn check(path: &std::path::Path, connect: bool) -> anyhow::Result<ExitCode> {
    // Nothing is left created or changed on disk: sources are validated, not built; what
    // `serve` opens at start is opened without a write, or created and removed (a store of a
    // newer version, a read-only file, a missing folder are found now rather than at start).
    // Brokers are tried with --connect only: a configuration can be checked where they cannot
    // be reached (a build host, CI).
    let c = copydesk_pipeline::ServeConfig::check(path)?;
    for w in &c.warnings {
        eprintln!("copydesk: warning: {}: {w}", path.display());
    }
    copydesk_pipeline::check_sinks(&c.config.output.sinks)?;
    if connect {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .context("cannot start the async runtime")?;
        let brokers = runtime.block_on(copydesk_pipeline::check_brokers(
            &c.config.output.sinks,
            &c.nats_sources,
            Duration::from_secs(5),
        ));
        let mut failed = 0;
        for b in &brokers {
            match &b.result {
                Ok(what) => println!("{}: {}: {what}", path.display(), b.label),
                Err(why) => {
                    failed += 1;
                    eprintln!("copydesk: {}: {}: {why}", path.display(), b.label);
                }
            }
        }
        anyhow::ensure!(
            failed == 0,
            "{}: {} of {} failed",
            path.display(),
            failed,
            counted(brokers.len(), "broker")
        );
    }
    println!(
        "{}: ok ({}, {}{})",
        path.display(),
        counted(c.source_count, "source"),
        counted(c.config.output.sinks.len(), "sink"),
        c.rules_path.map(|p| format!(", rules {}", p.display())).unwrap_or_default()
    );
    Ok(ExitCode::SUCCESS)
}

/// Runs a store read on a runtime of its own (`search`, `stats`).
fn read_store<T>(
    location: &copydesk_sink::StoreLocation,
    read: impl AsyncFnOnce(copydesk_sink::Store) -> Result<T, copydesk_sink::StoreError>,
) -> anyhow::Result<T> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async {
        let store = copydesk_sink::Store::open_read_only(location).await?;
        anyhow::Ok(read(store).await?)
    })
}

fn search(args: &SearchArgs) -> anyhow::Result<ExitCode> {
    use std::io::Write;
    let q = copydesk_sink::SearchQuery {
        text: args.query.clone(),
        entity: args.entity.clone(),
        country: args.country.clone(),
        author: args.author.clone(),
        tag: args.tag.clone(),
        lang: args.lang.clone(),
        since: args.since.clone(),
        limit: args.limit,
        offset: 0,
    };
    let postgres = matches!(args.db, copydesk_sink::StoreLocation::Postgres(_));
    let hits =
        read_store(&args.db, async |store| store.search(&q).await).with_context(|| match &args
            .query
        {
            Some(text) if postgres => {
                format!("search {text:?} (as a tsquery: {})", copydesk_sink::ts_query(text))
            }
            Some(text) => format!("search {text:?} (as FTS5: {})", copydesk_sink::fts_query(text)),
            None => "search".to_owned(),
        })?;
    let mut out = std::io::stdout().lock();
    for h in &hits {
        let r = if args.json {
            writeln!(out, "{}", h.record)
        } else {
            let when = h.published.as_deref().unwrap_or(&h.received_at);
            let title = h.title.as_deref().unwrap_or("(no title)");
            writeln!(out, "{}  {when}  {title}\n    {}", h.id, h.snippet)
        };
        if r.is_err() {
            break; // `| head`
        }
    }
    if hits.is_empty() {
        eprintln!("copydesk: no matching articles");
    }
    Ok(ExitCode::SUCCESS)
}

fn ui(args: UiArgs) -> anyhow::Result<ExitCode> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async {
        // Not a store (or a newer one): said now, not at the first page.
        drop(copydesk_sink::Store::open_read_only(&args.db).await?);
        let cfg = copydesk_desk::DeskConfig {
            listen: args.listen,
            token: args.token.filter(|t| !t.is_empty()),
            store: Some(args.db.clone()),
        };
        let desk = copydesk_desk::Desk::bind(cfg, None).await?;
        eprintln!("copydesk: the desk on {} (store {}, read-only)", desk.url(), args.db);
        let stop = tokio_util::sync::CancellationToken::new();
        let shutdown = shutdown_signal()?;
        let trigger = stop.clone();
        tokio::spawn(async move {
            shutdown.await;
            trigger.cancel();
        });
        desk.run(stop).await
    })?;
    runtime.shutdown_background();
    Ok(ExitCode::SUCCESS)
}

fn stats(args: &StatsArgs) -> anyhow::Result<ExitCode> {
    let s = read_store(&args.db, async |store| store.stats(args.since.as_ref(), args.top).await)?;
    if args.json {
        println!("{}", s.to_json());
        return Ok(ExitCode::SUCCESS);
    }
    let list = |items: &[(String, u64)]| {
        items.iter().map(|(k, n)| format!("{k} {n}")).collect::<Vec<_>>().join(", ")
    };
    println!("articles     {} ({})", s.articles, counted(s.duplicates, "duplicate"));
    if let (Some(first), Some(last)) = (&s.first, &s.last) {
        println!("received     {first} .. {last}");
    }
    println!("languages    {}", list(&s.languages));
    println!("sources      {}", list(&s.sources));
    println!("top tags     {}", if s.tags.is_empty() { "-".to_owned() } else { list(&s.tags) });
    if s.entities.is_empty() {
        println!("top entities -");
    } else {
        println!("top entities");
        for (kind, name, n) in &s.entities {
            println!("  {n:>6}  {name} ({kind})");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The manual pages, made from the command-line definitions: `copydesk.1` on stdout, or it
/// and a page per command into `dir`.
fn man(dir: Option<&std::path::Path>) -> anyhow::Result<ExitCode> {
    let cmd = <Cli as clap::CommandFactory>::command();
    match dir {
        None => clap_mangen::Man::new(cmd).render(&mut std::io::stdout().lock()),
        Some(dir) => std::fs::create_dir_all(dir).and_then(|()| clap_mangen::generate_to(cmd, dir)),
    }
    .with_context(|| match dir {
        Some(d) => format!("cannot write the manual pages into {}", d.display()),
        None => "cannot write the manual page".to_owned(),
    })?;
    Ok(ExitCode::SUCCESS)
}

/// A progress line on stderr with live counts, for `watch --once` on a terminal; it stays,
/// complete, above the summary. Returns the drawing thread and the flag that stops it.
fn progress_bar(
    progress: Arc<SourceProgress>,
) -> (std::thread::JoinHandle<()>, Arc<std::sync::atomic::AtomicBool>) {
    use std::sync::atomic::Ordering::Relaxed;
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flag = stop.clone();
    let handle = std::thread::spawn(move || {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} [{elapsed_precise}] {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        let line = || {
            progress_line(
                progress.files_done.load(Relaxed),
                progress.files_total.load(Relaxed),
                progress.inputs.load(Relaxed),
                progress.bytes.load(Relaxed),
            )
        };
        while !flag.load(Relaxed) {
            bar.set_message(line());
            bar.tick();
            std::thread::sleep(Duration::from_millis(100));
        }
        bar.finish_with_message(line());
    });
    (handle, stop)
}

/// `12/40 files (30%), 345 articles, 5.6 MB`: files done of those the first scan found (the
/// total is 0 until that scan is over: `12 files done, ...` then).
fn progress_line(done: u64, total: u64, articles: u64, bytes: u64) -> String {
    let files = if total == 0 {
        format!("{} done", counted(done, "file"))
    } else {
        // Files that arrived after the scan count in the total too.
        let total = total.max(done);
        format!("{done}/{} ({}%)", counted(total, "file"), done * 100 / total)
    };
    format!("{files}, {}, {:.1} MB", counted(articles, "article"), bytes as f64 / 1e6)
}

fn print_summary(r: &RunReport, full: bool) {
    let s = &r.source;
    let secs = r.elapsed.as_secs_f64().max(1e-9);
    let files = if s.files > 0 { format!("{}, ", counted(s.files, "file")) } else { String::new() };
    let mut again =
        if s.redelivered > 0 { format!(", {} redelivered", s.redelivered) } else { String::new() };
    if s.skipped.total() > 0 {
        let reasons: Vec<String> =
            s.skipped.iter().map(|(why, n)| format!("{n} {}", why.name())).collect();
        again.push_str(&format!(", {} skipped ({})", s.skipped.total(), reasons.join(", ")));
    }
    let mut line = format!(
        "copydesk: {files}{}, {} written, {} rejected, {} lost, {}{again}",
        counted(s.inputs + s.abandoned, "input"),
        s.delivered,
        s.rejected,
        s.errored + s.abandoned,
        counted(r.duplicates, "duplicate")
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

#[cfg(test)]
mod tests {
    use super::progress_line;

    #[test]
    fn the_progress_line_has_a_total_and_a_percentage_once_the_scan_is_over() {
        assert_eq!(progress_line(3, 0, 3, 1_500_000), "3 files done, 3 articles, 1.5 MB");
        assert_eq!(
            progress_line(12, 40, 345, 5_600_000),
            "12/40 files (30%), 345 articles, 5.6 MB"
        );
        assert_eq!(progress_line(1, 1, 1, 0), "1/1 file (100%), 1 article, 0.0 MB");
        assert_eq!(progress_line(5, 4, 5, 0), "5/5 files (100%), 5 articles, 0.0 MB");
    }
}
