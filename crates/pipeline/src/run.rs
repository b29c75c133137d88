//! Running a pipeline: source → workers (normalize, tag) → sink, with shutdown and a report.

use std::future::Future;
use std::io::Read;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use anyhow::Context;
use copydesk_core::{
    Item, MapOptions, RawArticle, Record, StageReport, channel, spawn_parallel_map,
};
use copydesk_ingest::{DirSource, FramingConfig, SourceProgress, SourceReport, StreamSource};
use copydesk_normalize::{normalize, passthrough};
use copydesk_sink::{DeadLetterOutput, JsonlSink, RecordSink, SinkError, SqliteSink};
use copydesk_tag::{DuplicateConfig, DuplicateIndex, Tagger};
use tokio::io::AsyncWrite;
use tokio_util::sync::CancellationToken;

use crate::Config;
use crate::SinkTarget;

/// What a run did, stage by stage.
#[derive(Debug, Clone, Copy, Default)]
pub struct RunReport {
    /// The source: inputs read and how each ended.
    pub source: SourceReport,
    /// The normalize+tag workers.
    pub work: StageReport,
    /// The sink: records written, dead letters.
    pub sink: StageReport,
    /// Records marked as duplicates of an earlier article.
    pub duplicates: u64,
    /// Wall time of the run.
    pub elapsed: Duration,
    /// Peak resident memory of the process, in bytes, when known.
    pub peak_rss: Option<u64>,
    /// True when the output's reader went away (`| head`); the run stopped early on purpose.
    pub broken_pipe: bool,
}

impl RunReport {
    /// True when every input was written (none rejected, none lost).
    pub fn all_delivered(&self) -> bool {
        self.source.rejected == 0 && self.source.errored == 0 && self.source.abandoned == 0
    }
}

/// Where a run reads articles from.
#[derive(Debug)]
pub enum Source {
    /// Standard input.
    Stdin,
    /// Directories, spooled and tailed (`copydesk watch`).
    Dir(Box<DirSource>),
    /// HTTP ingest (`POST /articles`).
    Http(Box<crate::HttpSource>),
    /// A NATS JetStream durable pull consumer.
    Nats(Box<copydesk_ingest::NatsSource>),
}

/// A writer behind a JSONL sink.
pub type BoxWriter = Box<dyn AsyncWrite + Unpin + Send>;

/// Runs the pipeline from stdin to the configured sinks until end of input or `shutdown`.
///
/// # Errors
/// When a stage fails for a reason other than bad data (a write error, a read error).
pub async fn run(
    cfg: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<RunReport> {
    run_sources(cfg, vec![Source::Stdin], shutdown).await
}

/// Runs the pipeline from `source` to the configured sinks (`cfg.output.sinks`) until the
/// source ends or `shutdown`.
///
/// # Errors
/// When a stage fails for a reason other than bad data, or a sink cannot be opened.
pub async fn run_source(
    cfg: Config,
    source: Source,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<RunReport> {
    run_sources(cfg, vec![source], shutdown).await
}

/// Runs the pipeline from every source to every sink: an article goes to every sink and its
/// ack resolves when all have written it. Runs until every source ends or `shutdown`.
///
/// # Errors
/// When a stage fails for a reason other than bad data, or a sink cannot be opened.
pub async fn run_sources(
    cfg: Config,
    sources: Vec<Source>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<RunReport> {
    let feeds = sources
        .into_iter()
        .map(|s| match s {
            Source::Stdin => Feed::Reader(Box::new(std::io::stdin())),
            Source::Dir(d) => Feed::Dir(d),
            Source::Http(h) => Feed::Http(h),
            Source::Nats(n) => Feed::Nats(n),
        })
        .collect();
    let sinks = open_sinks(&cfg.output.sinks).await?;
    run_graph(cfg, feeds, sinks, shutdown).await
}

/// Opens every sink (a failure names the sink).
///
/// # Errors
/// When a file or store cannot be opened.
pub async fn open_sinks(targets: &[SinkTarget]) -> anyhow::Result<Vec<RecordSink<BoxWriter>>> {
    let mut sinks = Vec::new();
    for t in targets {
        sinks.push(match t {
            SinkTarget::Stdout => RecordSink::Jsonl(JsonlSink::new(
                "stdout",
                Box::new(tokio::io::stdout()) as BoxWriter,
            )),
            SinkTarget::Jsonl(path, rotation) => RecordSink::Jsonl(
                JsonlSink::rotating_file(path, *rotation)
                    .with_context(|| format!("cannot open the output file {}", path.display()))?,
            ),
            SinkTarget::Sqlite(path) => RecordSink::Sqlite(SqliteSink::open(path)?),
            SinkTarget::Postgres(pg) => {
                RecordSink::Postgres(copydesk_sink::PostgresSink::open(pg).await?)
            }
            SinkTarget::Nats { connect, stream, subject } => {
                let client = connect.connect().await.map_err(|e| anyhow::anyhow!("{e}"))?;
                RecordSink::Nats(copydesk_sink::NatsSink::new(client, stream, subject).await?)
            }
        });
    }
    anyhow::ensure!(!sinks.is_empty(), "no sink configured");
    Ok(sinks)
}

/// Checks the sinks, leaving nothing behind: an existing store must be one this copydesk
/// can use, an existing file writable (opened without a write), a missing one creatable
/// (created and removed). Brokers are not contacted: [`check_brokers`] tries them.
///
/// # Errors
/// The first sink that would fail, and why.
pub fn check_sinks(targets: &[SinkTarget]) -> anyhow::Result<()> {
    for t in targets {
        match t {
            SinkTarget::Stdout | SinkTarget::Nats { .. } | SinkTarget::Postgres(_) => {}
            SinkTarget::Jsonl(path, _) => {
                if let Ok(m) = std::fs::metadata(path) {
                    anyhow::ensure!(
                        !m.permissions().readonly(),
                        "the output file {} is read-only",
                        path.display()
                    );
                }
                copydesk_core::probe::file(path, false).map_err(|e| {
                    anyhow::anyhow!("cannot open the output file {}: {e}", path.display())
                })?;
            }
            SinkTarget::Sqlite(path) => {
                if path.exists() {
                    copydesk_sink::open_store_read_only(path)?;
                }
                copydesk_core::probe::file(path, true).map_err(|e| {
                    anyhow::anyhow!("cannot open the store {}: {e}", path.display())
                })?;
            }
        }
    }
    Ok(())
}

/// One broker a configuration names, as [`check_brokers`] found it.
#[derive(Debug)]
pub struct BrokerCheck {
    /// Which one: `[[source]] 2 nats://127.0.0.1:4222`.
    pub label: String,
    /// What a start would find, create or update; or why it would fail.
    pub result: Result<String, String>,
}

/// Tries every broker of a configuration at once, each within `deadline`, changing nothing:
/// a NATS source's server, stream and durable consumer (what a start would create, update
/// or refuse: [`copydesk_ingest::NatsSource::probe`]); a NATS sink's server and stream
/// (whose subjects must take the sink's subject); a PostgreSQL store's server and schema
/// version ([`copydesk_sink::probe_postgres`]).
pub async fn check_brokers(
    sinks: &[SinkTarget],
    sources: &[(usize, copydesk_ingest::NatsSourceConfig)],
    deadline: Duration,
) -> Vec<BrokerCheck> {
    let within = async |label: String, probe: Probe<'_>| {
        let result = match tokio::time::timeout(deadline, probe).await {
            Ok(r) => r,
            Err(_) => Err(format!("no answer within {} s", deadline.as_secs_f64())),
        };
        BrokerCheck { label, result }
    };
    let mut checks = Vec::new();
    for (n, cfg) in sources {
        let label = format!("[[source]] {n} {}", cfg.connect.servers.join(","));
        checks.push(within(label, Box::pin(copydesk_ingest::NatsSource::probe(cfg))));
    }
    for (i, t) in sinks.iter().enumerate() {
        if let SinkTarget::Nats { connect, stream, subject } = t {
            let label = format!("[[sink]] {} {}", i + 1, connect.servers.join(","));
            let pattern = subject.replace("{lang}", "*");
            let probe = async move { connect.probe_stream(stream, &pattern).await };
            checks.push(within(label, Box::pin(probe)));
        }
        if let SinkTarget::Postgres(pg) = t {
            let label = format!("[[sink]] {} {}", i + 1, pg.shown());
            checks.push(within(label, Box::pin(copydesk_sink::probe_postgres(pg))));
        }
    }
    futures::future::join_all(checks).await
}

type Probe<'a> = std::pin::Pin<Box<dyn Future<Output = Result<String, String>> + Send + 'a>>;

enum Feed {
    Reader(Box<dyn Read + Send>),
    Dir(Box<DirSource>),
    Http(Box<crate::HttpSource>),
    Nats(Box<copydesk_ingest::NatsSource>),
    Items(crate::replay::Inputs),
}

/// Runs the pipeline from inputs given in advance (`replay`) to the configured sinks.
pub(crate) async fn run_inputs(
    cfg: Config,
    inputs: crate::replay::Inputs,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<RunReport> {
    let sinks = open_sinks(&cfg.output.sinks).await?;
    run_graph(cfg, vec![Feed::Items(inputs)], sinks, shutdown).await
}

/// Runs the pipeline from `input` to `output` until end of input or `shutdown`: the source
/// stops, every other stage drains its queue, the sink flushes, and the report says how every
/// input ended. Stages that have not drained by `cfg.drain_deadline` after the shutdown signal
/// are abandoned (their inputs count as lost).
///
/// # Errors
/// When a stage fails for a reason other than bad data (a write error, a read error), or
/// the dead-letter file cannot be opened.
pub async fn run_with<R, W>(
    cfg: Config,
    input: R,
    output: W,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<RunReport>
where
    R: Read + Send + 'static,
    W: AsyncWrite + Unpin + Send + 'static,
{
    let sink = RecordSink::Jsonl(JsonlSink::new("output", Box::new(output) as BoxWriter));
    run_graph(cfg, vec![Feed::Reader(Box::new(input))], vec![sink], shutdown).await
}

/// A running source: its task, its name in metrics and its live counters.
struct Running {
    task: tokio::task::JoinHandle<anyhow::Result<SourceReport>>,
    name: String,
    progress: Arc<SourceProgress>,
}

fn spawn_feed(
    feed: Feed,
    cfg: &Config,
    tx: copydesk_core::Tx<Item<RawArticle>>,
    token: CancellationToken,
) -> Running {
    match feed {
        Feed::Reader(r) => {
            let framing = FramingConfig {
                source: "stdin".to_owned(),
                path: None,
                format: cfg.input.format,
                split: cfg.input.split,
                max_bytes: cfg.input.max_bytes,
                // JSON is parsed on the worker pool, not on the reader thread.
                defer_json: true,
            };
            let src = StreamSource::new(r, framing);
            let progress = src.progress();
            let run = src.run(tx, token);
            let task = tokio::spawn(async move { run.await.map_err(anyhow::Error::new) });
            Running { task, name: "stdin".into(), progress }
        }
        Feed::Dir(d) => {
            let (progress, name) = (d.progress(), d.name());
            let run = d.run(tx, token);
            let task = tokio::spawn(async move { run.await.map_err(anyhow::Error::new) });
            Running { task, name, progress }
        }
        Feed::Http(h) => {
            let progress = h.progress();
            Running { task: tokio::spawn(h.run(tx, token)), name: "http".into(), progress }
        }
        Feed::Items(inputs) => {
            let progress = inputs.progress();
            let task = tokio::spawn(crate::replay::send(inputs, tx, token));
            Running { task, name: "replay".into(), progress }
        }
        Feed::Nats(n) => {
            let progress = n.progress();
            let run = n.run(tx, token.clone());
            // It fails only at start (no server, a consumer it cannot use): the others stop
            // too, so that the start fails rather than running without it.
            let task = tokio::spawn(async move {
                let result = run.await;
                if result.is_err() {
                    token.cancel();
                }
                result.map_err(anyhow::Error::new)
            });
            Running { task, name: "nats".into(), progress }
        }
    }
}

async fn run_graph(
    cfg: Config,
    feeds: Vec<Feed>,
    sinks: Vec<RecordSink<BoxWriter>>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<RunReport> {
    let started = Instant::now();
    let dead = match &cfg.output.dead_letter {
        Some(path) => DeadLetterOutput::Jsonl(
            JsonlSink::append_file(path)
                .with_context(|| format!("cannot open the dead-letter file {}", path.display()))?,
        ),
        None => DeadLetterOutput::LogOnly,
    };

    let token = CancellationToken::new();
    let (raw_tx, raw_rx) = channel::<Item<RawArticle>>(cfg.queue);
    let (out_tx, out_rx) = channel::<Item<Record>>(cfg.queue);

    if cfg.metrics || cfg.metrics_listen.is_some() {
        crate::metrics::handle();
    }
    // Queue depths, read through weak senders (they never keep a queue open).
    type Depth = Arc<dyn Fn() -> usize + Send + Sync>;
    fn depth<T: Send + 'static>(tx: &copydesk_core::Tx<T>) -> Depth {
        let weak = tx.downgrade();
        Arc::new(move || weak.upgrade().map_or(0, |t| t.len()))
    }
    let mut queues: Vec<(String, Depth)> =
        vec![("raw".to_owned(), depth(&raw_tx)), ("work".to_owned(), depth(&out_tx))];
    // `/ready` reports the sinks that can be unreachable (a PostgreSQL store).
    let readiness: crate::http::SinkReadiness =
        Arc::new(sinks.iter().filter_map(|s| s.reachable().map(|r| (s.name(), r))).collect());
    // Listening sockets are bound before anything runs: a taken port fails the start.
    let mut feeds = feeds;
    for f in &mut feeds {
        if let Feed::Http(h) = f {
            h.set_sinks(readiness.clone());
            h.bind().await?;
        }
    }
    // The desk (`[ui]`): its live wire is offered every record in output order, by the
    // duplicate step below, and never makes it wait.
    let (wire, desk) = match &cfg.ui {
        Some(ui) => {
            let wire = copydesk_desk::Wire::new();
            let desk = copydesk_desk::Desk::bind(ui.clone(), Some(wire.clone())).await?;
            eprintln!("copydesk: the desk on {}", desk.url());
            (Some(wire), Some(tokio::spawn(desk.run(token.clone()))))
        }
        None => (None, None),
    };
    let running: Vec<Running> =
        feeds.into_iter().map(|f| spawn_feed(f, &cfg, raw_tx.clone(), token.clone())).collect();
    drop(raw_tx);
    let watched: Vec<(String, Arc<SourceProgress>)> =
        running.iter().map(|r| (r.name.clone(), r.progress.clone())).collect();
    let sources: Vec<_> = running.into_iter().map(|r| r.task).collect();

    // The tagger sits behind a lock so that a reload (SIGHUP, or the rules file changing)
    // swaps it between two articles; workers take a reference per article.
    let tagger = cfg.tag.clone().map(|t| Arc::new(RwLock::new(Arc::new(Tagger::new(t)))));
    let reloader = match (&tagger, &cfg.rules_path, &cfg.tag) {
        (Some(t), Some(path), Some(tcfg)) => Some(tokio::spawn(crate::reload::watch_rules(
            path.clone(),
            tcfg.max_keywords,
            tcfg.entities,
            t.clone(),
        ))),
        _ => None,
    };
    let ncfg = cfg.normalize.clone();
    let opts = MapOptions { workers: cfg.workers, ordered: cfg.ordered, window: cfg.queue };
    // Lean records (`Record::lean`) unless a sink reads whole articles: an article's parts are
    // then freed on the worker that made them, not on a sink's thread.
    let lean = !sinks.iter().any(RecordSink::reads_whole_articles);
    let work = spawn_parallel_map("work", raw_rx, out_tx, opts, move |item: Item<RawArticle>| {
        let raw = copydesk_ingest::decode(item?)?;
        let article = match &ncfg {
            Some(c) => normalize(raw, c),
            None => passthrough(raw),
        }
        .map_err(|e| Box::new(e.into_dead_letter()))?;
        let article = match &tagger {
            Some(t) => {
                let current = t.read().map_or_else(|p| p.into_inner().clone(), |g| g.clone());
                current.tag(article)
            }
            None => article,
        };
        Ok(if lean { Record::lean(article) } else { Record::new(article) })
    });

    // One queue per sink. Dead letters go to the first sink's runner only (it owns the
    // dead-letter output); records go to every sink, with the ack split among them.
    let mut sink_txs = Vec::new();
    let mut sink_tasks = Vec::new();
    let mut dead = Some(dead);
    for sink in sinks {
        let (tx, rx) = channel::<Item<Record>>(cfg.queue);
        queues.push((format!("sink:{}", sink.name()), depth(&tx)));
        sink_txs.push(tx);
        let dead = dead.take().unwrap_or(DeadLetterOutput::LogOnly);
        let token = token.clone();
        let run = copydesk_sink::run(sink, dead, rx);
        sink_tasks.push(tokio::spawn(async move {
            let result = run.await;
            if result.is_err() {
                // Nowhere to write: stop reading rather than process input for nothing.
                token.cancel();
            }
            result
        }));
    }

    // Duplicates are decided in one place, in output order: the first article wins.
    let mut index = DuplicateIndex::new(if cfg.normalize.is_some() {
        cfg.duplicates
    } else {
        DuplicateConfig { window: 0, ..cfg.duplicates }
    });
    let echo = cfg.output.echo;
    let dedup = tokio::spawn(async move {
        let mut duplicates = 0u64;
        let dup_counter = ::metrics::counter!("copydesk_duplicates_total");
        // The workers' tally, counted where their output arrives (in order, in one place).
        let received = ::metrics::counter!("copydesk_stage_received_total", "stage" => "work");
        let records = ::metrics::counter!("copydesk_stage_forwarded_total", "stage" => "work");
        let dead = ::metrics::counter!("copydesk_stage_rejected_total", "stage" => "work");
        while let Ok(mut batch) = out_rx.recv().await {
            let ok = batch.iter().filter(|e| e.item.is_ok()).count() as u64;
            received.increment(batch.len() as u64);
            records.increment(ok);
            dead.increment(batch.len() as u64 - ok);
            let before = duplicates;
            for env in &mut batch {
                let span = &env.span;
                if let Ok(record) = &mut env.item
                    && let Some((of, similarity)) = index.check(record.article())
                {
                    tracing::trace!(parent: span, duplicate_of = %of, similarity, "Duplicate.");
                    record.set_duplicate(of, similarity);
                    duplicates += 1;
                }
                if echo && let Ok(record) = &env.item {
                    eprintln!("{}", echo_line(record.article()));
                }
                if let (Some(wire), Ok(record)) = (&wire, &env.item) {
                    wire.publish(&record.article().id.0, &record.json);
                }
            }
            dup_counter.increment(duplicates - before);
            if !fan_out(batch, &sink_txs).await {
                break; // a sink stopped; the acks of what it did not take report the loss
            }
        }
        duplicates
    });

    // Live counters into the metrics, every second and once at the end. The queue depths
    // are read through weak senders, which still hold the queue's memory: they are dropped
    // at the shutdown signal (or a failure), so that batches left in a queue whose reader
    // is gone are dropped too and their acks resolve as lost.
    let sample_sources = move || {
        for (name, p) in &watched {
            crate::metrics::sample_source(name, p);
        }
    };
    let sampler = {
        let (sample_sources, token) = (sample_sources.clone(), token.clone());
        tokio::spawn(async move {
            loop {
                sample_sources();
                for (name, q) in &queues {
                    ::metrics::gauge!("copydesk_queue_batches", "queue" => name.clone())
                        .set(q() as f64);
                }
                tokio::select! {
                    () = token.cancelled() => break,
                    () = tokio::time::sleep(Duration::from_secs(1)) => {}
                }
            }
            drop(queues);
        })
    };
    let metrics_server = match &cfg.metrics_listen {
        Some(addr) => Some(crate::http::serve_metrics(addr, token.clone(), readiness).await?),
        None => None,
    };

    // Under systemd (Type=notify), say that the pipeline is up; a no-op elsewhere.
    _ = sd_notify::notify(&[sd_notify::NotifyState::Ready]);

    // The shutdown signal only stops the sources; everything else drains.
    let signal = {
        let token = token.clone();
        tokio::spawn(async move {
            shutdown.await;
            tracing::info!("Shutdown requested: stopping the sources, draining the rest.");
            _ = sd_notify::notify(&[sd_notify::NotifyState::Stopping]);
            token.cancel();
        })
    };

    let all = async {
        let mut sinks = Vec::new();
        for t in sink_tasks {
            sinks.push(t.await.context("a sink task failed")?);
        }
        let duplicates = dedup.await.context("the duplicate step failed")?;
        let work = work.await.context("the worker pool failed")?;
        let mut reports = Vec::new();
        for s in sources {
            reports.push(s.await.context("a source task failed")?);
        }
        anyhow::Ok((reports, work, sinks, duplicates))
    };
    tokio::pin!(all);
    let (sources, work, sinks, duplicates) = tokio::select! {
        r = &mut all => r?,
        () = async { token.cancelled().await; tokio::time::sleep(cfg.drain_deadline).await } => {
            anyhow::bail!(
                "the pipeline did not drain within {:?} of the shutdown signal; \
                 undelivered inputs are lost (a replayable source delivers them again)",
                cfg.drain_deadline
            );
        }
    };
    signal.abort();
    sampler.abort();
    sample_sources();
    if let Some(r) = reloader {
        r.abort();
    }
    if let Some(m) = metrics_server {
        m.abort();
    }
    if let Some(d) = desk {
        d.abort();
    }

    let mut report =
        RunReport { work, duplicates, elapsed: started.elapsed(), ..Default::default() };
    for (i, sink) in sinks.into_iter().enumerate() {
        match sink {
            // The report counts the first sink (every sink writes the same articles).
            Ok(s) if i == 0 => report.sink = s,
            Ok(_) => {}
            Err(e) if e.is_broken_pipe() => report.broken_pipe = true,
            Err(e) => return Err(anyhow::Error::new(e)),
        }
    }
    for s in sources {
        report.source += s.context("a source failed")?;
    }
    report.peak_rss = peak_rss();
    Ok(report)
}

/// Sends a batch to every sink: records to all (their acks split), dead letters to the
/// first. False when a sink's queue is closed.
async fn fan_out(
    batch: copydesk_core::Batch<Item<Record>>,
    txs: &[copydesk_core::Tx<Item<Record>>],
) -> bool {
    if txs.len() == 1 {
        return txs[0].send(batch).await.is_ok();
    }
    let mut per_sink: Vec<copydesk_core::Batch<Item<Record>>> =
        (0..txs.len()).map(|_| Vec::with_capacity(batch.len())).collect();
    for env in batch {
        let copydesk_core::Envelope { item, ack, span, born } = env;
        let envelope = |item, ack, span| copydesk_core::Envelope { item, ack, span, born };
        match item {
            Err(letter) => per_sink[0].push(envelope(Err(letter), ack, span)),
            Ok(record) => {
                let mut parts = ack.split(txs.len()).into_iter();
                let (last, others) = per_sink.split_last_mut().expect("two sinks or more");
                for (b, part) in others.iter_mut().zip(parts.by_ref()) {
                    b.push(envelope(Ok(record.clone()), part, span.clone()));
                }
                if let Some(part) = parts.next() {
                    last.push(envelope(Ok(record), part, span));
                }
            }
        }
    }
    let mut ok = true;
    for (tx, b) in txs.iter().zip(per_sink) {
        if !b.is_empty() && tx.send(b).await.is_err() {
            ok = false;
        }
    }
    ok
}

/// One line about an article for `--echo`: id, language, words, title, origin, duplicate.
fn echo_line(a: &copydesk_core::Article) -> String {
    let lang = a.lang.as_ref().map_or("?", |l| l.code.as_str());
    let title = a.title.as_deref().unwrap_or("(no title)");
    let title: String = if title.chars().count() > 70 {
        title.chars().take(69).chain(std::iter::once('…')).collect()
    } else {
        title.to_owned()
    };
    let origin = match (&a.source.path, a.source.line) {
        (Some(p), Some(l)) => format!("{p}:{l}"),
        (Some(p), None) => p.clone(),
        (None, Some(l)) => format!("{}:{l}", a.source.name),
        (None, None) => a.source.name.clone(),
    };
    let dup = a.duplicate_of.as_ref().map(|d| format!(" (duplicate of {d})")).unwrap_or_default();
    let words = a.counts.words;
    let noun = crate::plural(words, "word");
    format!("copydesk: {} {lang} {words:>5} {noun:<5}  {title}  <- {origin}{dup}", a.id)
}

/// Peak resident set size of this process (Linux `VmHWM`).
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Whether a sink error is a closed pipe (kept for callers matching on `anyhow` errors).
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.downcast_ref::<SinkError>().is_some_and(SinkError::is_broken_pipe)
}

#[cfg(test)]
mod tests {
    use std::io::Read;
    use std::pin::Pin;
    use std::sync::{Arc, Mutex};
    use std::task::{Context, Poll};

    use super::*;

    /// An output whose bytes the test can read after the run.
    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);

    impl AsyncWrite for Shared {
        fn poll_write(
            self: Pin<&mut Self>,
            _: &mut Context<'_>,
            b: &[u8],
        ) -> Poll<std::io::Result<usize>> {
            self.0.lock().unwrap().extend_from_slice(b);
            Poll::Ready(Ok(b.len()))
        }
        fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
            Poll::Ready(Ok(()))
        }
        fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
            Poll::Ready(Ok(()))
        }
    }

    impl Shared {
        fn lines(&self) -> Vec<serde_json::Value> {
            let bytes = self.0.lock().unwrap().clone();
            String::from_utf8(bytes)
                .unwrap()
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect()
        }
    }

    /// Every input is accounted for exactly once, whatever happens to it: written, rejected
    /// (bad JSON, no text) or lost; and the source's tally matches what reached the output.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn every_input_is_resolved_exactly_once() {
        let mut input = String::new();
        let (mut good, mut bad) = (0, 0);
        for i in 0..2_000u32 {
            match i % 13 {
                3 => {
                    input.push_str("{\"text\": oops\n");
                    bad += 1;
                }
                7 => {
                    input.push_str("{\"text\": \"\\u200b \"}\n");
                    bad += 1;
                }
                _ => {
                    input.push_str(&format!("{{\"id\":\"n{i}\",\"text\":\"Story {i}.\"}}\n"));
                    good += 1;
                }
            }
        }
        let out = Shared::default();
        let cfg = Config { workers: 3, queue: 2, ..Config::default() };
        let report =
            run_with(cfg, std::io::Cursor::new(input), out.clone(), std::future::pending())
                .await
                .unwrap();
        let s = report.source;
        assert_eq!(s.inputs, 2_000);
        assert_eq!((s.delivered, s.rejected, s.errored, s.abandoned), (good, bad, 0, 0));
        assert_eq!(report.sink.forwarded, good);
        let lines = out.lines();
        assert_eq!(lines.len() as u64, good);
        // In input order.
        let ids: Vec<u32> =
            lines.iter().map(|l| l["id"].as_str().unwrap()[1..].parse().unwrap()).collect();
        assert!(ids.windows(2).all(|w| w[0] < w[1]));
    }

    /// An endless source (a producer that never closes the pipe).
    struct Endless(u64);
    impl Read for Endless {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let line = format!("{{\"id\":\"e{}\",\"text\":\"Story.\"}}\n", self.0);
            self.0 += 1;
            let n = line.len().min(buf.len());
            buf[..n].copy_from_slice(&line.as_bytes()[..n]);
            Ok(n)
        }
    }

    /// A shutdown stops the source; everything it read is sent and resolved; the run returns.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn shutdown_drains_and_accounts_for_everything() {
        let out = Shared::default();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let cfg = Config { workers: 2, queue: 2, ..Config::default() };
        let watcher = out.clone();
        let trigger = tokio::spawn(async move {
            // Stop once some records are out (a condition, not a fixed sleep).
            let deadline = Instant::now() + Duration::from_secs(60);
            while watcher.0.lock().unwrap().iter().filter(|b| **b == b'\n').count() < 500 {
                assert!(Instant::now() < deadline, "no output within the deadline");
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
            _ = stop_tx.send(());
        });
        let report = run_with(cfg, Endless(0), out.clone(), async {
            _ = stop_rx.await;
        })
        .await
        .unwrap();
        trigger.await.unwrap();
        let s = report.source;
        assert!(s.inputs >= 500);
        assert_eq!(s.delivered + s.rejected + s.errored, s.inputs, "every sent input resolved");
        // A reader that keeps reading stops at an input boundary and sends what it read.
        assert_eq!((s.abandoned, s.errored), (0, 0));
        assert_eq!(out.lines().len() as u64, s.delivered);
    }
}
