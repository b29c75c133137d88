//! The NDJSON sink (stdout or a file) and the dead-letter output.
//!
//! Records are serialized into a buffer and written in batches: a batch ends when the input
//! queue is momentarily empty (so a record appears as soon as it is ready, even on a slow
//! trickle) or the buffer is large. After the batch is written and flushed, its acks are
//! resolved: an ack never runs ahead of the bytes it stands for.

use copydesk_core::{Ack, DeadLetter, Envelope, Item, Record, Rx, StageReport};
use serde::Serialize;
use tokio::io::{AsyncWrite, AsyncWriteExt};

/// Write once the buffer holds this much.
const BATCH_BYTES: usize = 256 << 10;
/// Or once this many records wait for their ack.
const BATCH_RECORDS: usize = 1024;

/// A failure that stops a sink.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SinkError {
    /// Writing or flushing failed.
    #[error("cannot write to {name}")]
    Write {
        /// The sink.
        name: String,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A record could not be serialized (a bug: records always serialize).
    #[error("cannot serialize a record")]
    Serialize(#[source] serde_json::Error),
    /// The SQLite store failed.
    #[error("store {path}: {source}")]
    Store {
        /// The store's file.
        path: std::path::PathBuf,
        /// Why.
        #[source]
        source: rusqlite::Error,
    },
    /// NATS: the stream, a publish or its confirmation.
    #[error("NATS: {0}")]
    Nats(String),
    /// The PostgreSQL store failed, or could not be opened.
    #[error("{0}")]
    Postgres(crate::StoreError),
    /// The store is not one this copydesk can use.
    #[error(
        "{path} is not a copydesk store this version can use (schema version {found}; this copydesk knows 1 to {})",
        crate::sqlite::STORE_VERSION
    )]
    StoreVersion {
        /// The store's file.
        path: std::path::PathBuf,
        /// The version found (0: not a copydesk store).
        found: i64,
    },
}

impl From<crate::StoreError> for SinkError {
    fn from(e: crate::StoreError) -> SinkError {
        SinkError::Postgres(e)
    }
}

impl SinkError {
    /// True when the reader of the output went away (`copydesk | head`): not worth an error.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, SinkError::Write { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

/// What a sink did.
pub type SinkReport = StageReport;

/// An NDJSON writer with batching.
#[derive(Debug)]
pub struct JsonlSink<W> {
    name: String,
    writer: W,
    buf: Vec<u8>,
    pending: Vec<Ack>,
    /// For a file: a second handle on it, to fsync each batch before its acks.
    sync: Option<std::sync::Arc<std::fs::File>>,
    /// For a rotating file: when and how to start a new one.
    rotating: Option<Rotating<W>>,
}

/// When a JSONL file sink starts a new file: the current one is renamed to
/// `STEM.YYYYMMDDTHHMMSSZ.EXT` (complete records only, fsynced) and a new one is opened under
/// the configured name. Checked after each written batch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Rotation {
    /// Once the file holds at least this many bytes.
    pub max_bytes: Option<u64>,
    /// Once the file is this old.
    pub max_age: Option<std::time::Duration>,
}

type Opener<W> =
    fn(&std::path::Path) -> std::io::Result<(W, Option<std::sync::Arc<std::fs::File>>, u64)>;

#[derive(Debug)]
struct Rotating<W> {
    path: std::path::PathBuf,
    rotation: Rotation,
    size: u64,
    opened: std::time::Instant,
    open: Opener<W>,
}

/// A boxed writer, so that sinks of different writers fit in one list.
pub type BoxedWriter = Box<dyn AsyncWrite + Unpin + Send>;

impl JsonlSink<BoxedWriter> {
    /// A sink appending to the file at `path` like [`JsonlSink::append_file`], that rotates
    /// it as `rotation` says.
    ///
    /// # Errors
    /// When the file cannot be opened.
    pub fn rotating_file(
        path: &std::path::Path,
        rotation: Rotation,
    ) -> std::io::Result<JsonlSink<BoxedWriter>> {
        fn open(
            p: &std::path::Path,
        ) -> std::io::Result<(BoxedWriter, Option<std::sync::Arc<std::fs::File>>, u64)> {
            let s = JsonlSink::append_file(p)?;
            let size = std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
            Ok((Box::new(s.writer), s.sync, size))
        }
        let (writer, sync, size) = open(path)?;
        let mut sink = JsonlSink::new(path.display().to_string(), writer);
        sink.sync = sync;
        if rotation != Rotation::default() {
            sink.rotating = Some(Rotating {
                path: path.to_owned(),
                rotation,
                size,
                opened: std::time::Instant::now(),
                open,
            });
        }
        Ok(sink)
    }
}

/// The name a rotated file gets: `out.jsonl` → `out.20261129T205012Z.jsonl` (with `.1`,
/// `.2`... before the extension when taken).
fn rotated_name(path: &std::path::Path) -> std::path::PathBuf {
    let stamp: String = copydesk_core::now_rfc3339()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(15)
        .collect::<String>()
        + "Z";
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("records");
    let ext =
        path.extension().and_then(|s| s.to_str()).map(|e| format!(".{e}")).unwrap_or_default();
    let mut n = 0;
    loop {
        let suffix = if n == 0 { String::new() } else { format!(".{n}") };
        let candidate = path.with_file_name(format!("{stem}.{stamp}{suffix}{ext}"));
        if !candidate.exists() {
            return candidate;
        }
        n += 1;
    }
}

impl JsonlSink<tokio::fs::File> {
    /// A sink appending to the file at `path` (created when missing) that makes every batch
    /// durable (`fdatasync`) before it acks it.
    ///
    /// # Errors
    /// When the file cannot be opened.
    pub fn append_file(path: &std::path::Path) -> std::io::Result<JsonlSink<tokio::fs::File>> {
        use std::io::{Read, Seek, SeekFrom, Write};
        let mut file =
            std::fs::OpenOptions::new().create(true).read(true).append(true).open(path)?;
        // A crash while writing can leave half a record at the end (it was never acked, so
        // it is written again): end it with a newline, so the next record starts a line.
        if file.metadata()?.is_file() && file.metadata()?.len() > 0 {
            let mut last = [0u8; 1];
            file.seek(SeekFrom::End(-1))?;
            file.read_exact(&mut last)?;
            if last[0] != b'\n' {
                tracing::warn!(path = %path.display(), "The output ended with a partial record (a crash while writing); it is closed off with a newline and the record is written again.");
                file.write_all(b"\n")?;
                file.sync_data()?;
            }
        }
        // A FIFO or a device (`/dev/stdout`) cannot be fsynced; only regular files are.
        let sync = if file.metadata()?.is_file() {
            Some(std::sync::Arc::new(file.try_clone()?))
        } else {
            None
        };
        let mut sink = JsonlSink::new(path.display().to_string(), tokio::fs::File::from_std(file));
        sink.sync = sync;
        Ok(sink)
    }
}

impl<W: AsyncWrite + Unpin> JsonlSink<W> {
    /// A sink named `name` writing to `writer`.
    pub fn new(name: impl Into<String>, writer: W) -> JsonlSink<W> {
        JsonlSink {
            name: name.into(),
            writer,
            buf: Vec::with_capacity(BATCH_BYTES + (64 << 10)),
            pending: Vec::new(),
            sync: None,
            rotating: None,
        }
    }

    /// The same sink over a boxed writer (to keep sinks of different writers in one list).
    pub fn boxed(self) -> JsonlSink<BoxedWriter>
    where
        W: Send + 'static,
    {
        JsonlSink {
            name: self.name,
            writer: Box::new(self.writer),
            buf: self.buf,
            pending: self.pending,
            sync: self.sync,
            rotating: None,
        }
    }

    /// Queues one record; written by the next [`JsonlSink::flush`].
    ///
    /// # Errors
    /// When the record does not serialize.
    pub fn push<T: Serialize>(&mut self, record: &T, ack: Ack) -> Result<(), SinkError> {
        serde_json::to_writer(&mut self.buf, record).map_err(SinkError::Serialize)?;
        self.buf.push(b'\n');
        self.pending.push(ack);
        Ok(())
    }

    /// Queues one already serialized record (one line of JSON, without the newline).
    pub fn push_line(&mut self, json: &str, ack: Ack) {
        self.buf.extend_from_slice(json.as_bytes());
        self.buf.push(b'\n');
        self.pending.push(ack);
    }

    fn full(&self) -> bool {
        self.buf.len() >= BATCH_BYTES || self.pending.len() >= BATCH_RECORDS
    }

    /// Writes and flushes what is queued, then returns the acks of the records written (for
    /// the caller to resolve).
    ///
    /// # Errors
    /// When writing fails; the queued acks are dropped, i.e. reported as errored.
    pub async fn flush(&mut self) -> Result<Vec<Ack>, SinkError> {
        if self.pending.is_empty() {
            return Ok(Vec::new());
        }
        let sync = self.sync.clone();
        let res = async {
            self.writer.write_all(&self.buf).await?;
            self.writer.flush().await?;
            if let Some(file) = sync {
                tokio::task::spawn_blocking(move || file.sync_data())
                    .await
                    .map_err(|e| std::io::Error::other(format!("the fsync task failed: {e}")))??;
            }
            Ok::<(), std::io::Error>(())
        }
        .await;
        let written = self.buf.len() as u64;
        self.buf.clear();
        let acks = std::mem::take(&mut self.pending);
        match res {
            Ok(()) => {
                self.rotate_if_due(written)
                    .map_err(|source| SinkError::Write { name: self.name.clone(), source })?;
                Ok(acks)
            }
            Err(source) => Err(SinkError::Write { name: self.name.clone(), source }),
        }
    }

    /// After a batch is written and synced: renames the file away and opens a new one when
    /// it is big or old enough. Failing to rotate fails the sink: better to stop than to
    /// write to a file a shipper no longer expects.
    fn rotate_if_due(&mut self, written: u64) -> std::io::Result<()> {
        let Some(r) = self.rotating.as_mut() else { return Ok(()) };
        r.size += written;
        let big = r.rotation.max_bytes.is_some_and(|m| r.size >= m);
        let old = r.rotation.max_age.is_some_and(|a| r.opened.elapsed() >= a);
        if !(big || old) {
            return Ok(());
        }
        let dest = rotated_name(&r.path);
        std::fs::rename(&r.path, &dest)?;
        if let Some(dir) = r.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::File::open(dir)?.sync_all()?;
        }
        let (writer, sync, size) = (r.open)(&r.path)?;
        (r.size, r.opened) = (size, std::time::Instant::now());
        tracing::info!(path = %r.path.display(), rotated = %dest.display(), "Rotated the output file.");
        self.writer = writer;
        self.sync = sync;
        Ok(())
    }

    /// The underlying writer (tests read what was written).
    pub fn into_inner(self) -> W {
        self.writer
    }
}

/// Where refused inputs go.
#[derive(Debug)]
pub enum DeadLetterOutput<W = tokio::fs::File> {
    /// Logged (a warning with the reason and origin) and counted only.
    LogOnly,
    /// Written as NDJSON.
    Jsonl(JsonlSink<W>),
}

/// Where records are written.
#[derive(Debug)]
pub enum RecordSink<W> {
    /// NDJSON to a writer (stdout, a file).
    Jsonl(JsonlSink<W>),
    /// The SQLite store.
    Sqlite(crate::SqliteSink),
    /// The PostgreSQL store.
    Postgres(crate::PostgresSink),
    /// A NATS JetStream subject.
    Nats(crate::NatsSink),
}

impl<W> From<JsonlSink<W>> for RecordSink<W> {
    fn from(s: JsonlSink<W>) -> RecordSink<W> {
        RecordSink::Jsonl(s)
    }
}

impl<W: AsyncWrite + Unpin> RecordSink<W> {
    fn push(&mut self, record: Record, ack: Ack) {
        match self {
            RecordSink::Jsonl(s) => s.push_line(&record.json, ack),
            RecordSink::Sqlite(s) => s.push(record, ack),
            RecordSink::Postgres(s) => s.push(record, ack),
            RecordSink::Nats(s) => s.push(&record, ack),
        }
    }

    fn full(&self) -> bool {
        match self {
            RecordSink::Jsonl(s) => s.full(),
            RecordSink::Sqlite(s) => s.full(),
            RecordSink::Postgres(s) => s.full(),
            RecordSink::Nats(s) => s.full(),
        }
    }

    /// Whether the sink reads more of a record than its JSON and the fields a lean record
    /// keeps ([`Record::lean`]): the store's columns and tables are filled from the whole
    /// article. The pipeline makes lean records when no sink does.
    pub fn reads_whole_articles(&self) -> bool {
        matches!(self, RecordSink::Sqlite(_) | RecordSink::Postgres(_))
    }

    /// Whether the sink can write now: `false` while a PostgreSQL store cannot be reached
    /// (its articles wait). `None` for sinks that are always ready.
    pub fn reachable(&self) -> Option<std::sync::Arc<std::sync::atomic::AtomicBool>> {
        match self {
            RecordSink::Postgres(s) => Some(s.reachable()),
            _ => None,
        }
    }

    /// The sink's name in logs and metrics (`stdout`, a file's path, `sqlite:PATH`,
    /// `postgres:URL`).
    pub fn name(&self) -> String {
        match self {
            RecordSink::Jsonl(s) => s.name.clone(),
            RecordSink::Sqlite(s) => s.name(),
            RecordSink::Postgres(s) => s.name(),
            RecordSink::Nats(s) => s.name(),
        }
    }

    async fn flush(&mut self) -> Result<Vec<Ack>, SinkError> {
        match self {
            RecordSink::Jsonl(s) => s.flush().await,
            RecordSink::Sqlite(s) => s.flush().await,
            RecordSink::Postgres(s) => s.flush().await,
            RecordSink::Nats(s) => s.flush().await,
        }
    }
}

/// Writes every record of `rx` to `sink` and every dead letter to `dead`, resolving acks
/// after the bytes are flushed (or committed); returns when `rx` is closed and drained.
///
/// # Errors
/// When a write fails: the sink stops (the acks it held report errored) and the error says
/// where.
pub async fn run<W, D>(
    sink: impl Into<RecordSink<W>>,
    mut dead: DeadLetterOutput<D>,
    rx: Rx<Item<Record>>,
) -> Result<SinkReport, SinkError>
where
    W: AsyncWrite + Unpin,
    D: AsyncWrite + Unpin,
{
    let mut sink = sink.into();
    let name = sink.name();
    let written = metrics::counter!("copydesk_sink_records_total", "sink" => name.clone());
    let bytes = metrics::counter!("copydesk_sink_bytes_total", "sink" => name.clone());
    let stage = format!("sink:{name}");
    let received = metrics::counter!("copydesk_stage_received_total", "stage" => stage.clone());
    let forwarded = metrics::counter!("copydesk_stage_forwarded_total", "stage" => stage.clone());
    let rejected = metrics::counter!("copydesk_stage_rejected_total", "stage" => stage);
    let latency = metrics::histogram!("copydesk_latency_seconds", "sink" => name);
    let dead_letters = metrics::counter!("copydesk_dead_letters_total");
    let mut report = SinkReport::default();
    // When each pending record was read, in push order (the order flush returns acks in).
    let mut borns: Vec<std::time::Instant> = Vec::new();
    let mut pending_bytes = 0u64;
    while let Ok(batch) = rx.recv().await {
        let rejected_before = report.rejected;
        let received_before = report.received;
        for env in batch {
            if let Ok(r) = &env.item {
                pending_bytes += r.json.len() as u64 + 1;
            }
            take(&mut sink, &mut dead, env, &mut report, &mut borns)?;
        }
        // A flood of refused inputs is written in batches too, not buffered without bound.
        while !sink.full() && !matches!(&dead, DeadLetterOutput::Jsonl(d) if d.full()) {
            match rx.try_recv() {
                Ok(batch) => {
                    for env in batch {
                        if let Ok(r) = &env.item {
                            pending_bytes += r.json.len() as u64 + 1;
                        }
                        take(&mut sink, &mut dead, env, &mut report, &mut borns)?;
                    }
                }
                Err(_) => break,
            }
        }
        let acks = sink.flush().await?;
        written.increment(acks.len() as u64);
        forwarded.increment(acks.len() as u64);
        bytes.increment(std::mem::take(&mut pending_bytes));
        for born in borns.drain(..) {
            latency.record(born.elapsed().as_secs_f64());
        }
        for ack in acks {
            ack.ack();
            report.forwarded += 1;
        }
        if let DeadLetterOutput::Jsonl(d) = &mut dead {
            for ack in d.flush().await? {
                ack.reject();
                report.rejected += 1;
            }
        }
        dead_letters.increment(report.rejected - rejected_before);
        rejected.increment(report.rejected - rejected_before);
        received.increment(report.received - received_before);
    }
    Ok(report)
}

fn take<W, D>(
    sink: &mut RecordSink<W>,
    dead: &mut DeadLetterOutput<D>,
    env: Envelope<Item<Record>>,
    report: &mut SinkReport,
    borns: &mut Vec<std::time::Instant>,
) -> Result<(), SinkError>
where
    W: AsyncWrite + Unpin,
    D: AsyncWrite + Unpin,
{
    report.received += 1;
    let Envelope { item, ack, span, born } = env;
    match item {
        Ok(record) => {
            borns.push(born);
            sink.push(record, ack);
            Ok(())
        }
        Err(letter) => {
            log_dead_letter(&span, &letter);
            match dead {
                DeadLetterOutput::LogOnly => {
                    ack.reject();
                    report.rejected += 1;
                    Ok(())
                }
                DeadLetterOutput::Jsonl(d) => d.push(&*letter, ack),
            }
        }
    }
}

fn log_dead_letter(span: &tracing::Span, d: &DeadLetter) {
    tracing::warn!(
        parent: span,
        stage = %d.stage,
        reason = %d.reason,
        source = %d.source.name,
        path = d.source.path.as_deref().unwrap_or(""),
        line = d.source.line.unwrap_or(0),
        "Rejected an input."
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use copydesk_core::{Delivery, Origin, RawArticle, channel};
    use tracing::Span;

    fn article(text: &str) -> Record {
        Record::new(copydesk_core::Article {
            schema: 1,
            id: copydesk_core::ArticleId(text.to_owned()),
            source: Origin::default(),
            url: None,
            published: None,
            author: None,
            authors: Vec::new(),
            credits: Vec::new(),
            received_at: "t".into(),
            title: None,
            dateline: None,
            text: text.into(),
            extraction: None,
            lang: None,
            counts: Default::default(),
            fingerprint: Default::default(),
            entities: Default::default(),
            quotes: vec![],
            keywords: vec![],
            tags: vec![],
            meta: Default::default(),
            duplicate_of: None,
            similarity: None,
        })
    }

    #[tokio::test]
    async fn acks_follow_writes_and_dead_letters_are_rejected() {
        let (tx, rx) = channel(16);
        let mut receipts = Vec::new();
        for i in 0..5 {
            let (ack, r) = Ack::new();
            receipts.push(r);
            let item = if i == 2 {
                let raw = RawArticle::new("x", Origin::default());
                Err(Box::new(DeadLetter::new("ingest", "bad", raw.origin, &raw.body, None)))
            } else {
                Ok(article(&format!("a{i}")))
            };
            tx.send(vec![Envelope::new(item, ack, Span::none())]).await.unwrap();
        }
        drop(tx);
        let sink = JsonlSink::new("mem", Vec::new());
        let dead = DeadLetterOutput::Jsonl(JsonlSink::new("dlq", Vec::new()));
        let report = run(sink, dead, rx).await.unwrap();
        assert_eq!((report.received, report.forwarded, report.rejected), (5, 4, 1));
        let got: Vec<Delivery> = receipts.into_iter().map(|mut r| r.try_recv().unwrap()).collect();
        assert_eq!(got[2], Delivery::Rejected);
        assert_eq!(got.iter().filter(|d| **d == Delivery::Delivered).count(), 4);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_rotating_file_starts_a_new_file_after_the_size_limit_and_loses_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.jsonl");
        let rotation = Rotation { max_bytes: Some(300), max_age: None };
        let mut sink = JsonlSink::rotating_file(&path, rotation).unwrap();
        for batch in 0..10 {
            for i in 0..3 {
                sink.push_line(
                    &format!("{{\"n\":\"{batch}-{i}\",\"pad\":\"{}\"}}", "x".repeat(40)),
                    Ack::detached(),
                );
            }
            sink.flush().await.unwrap();
        }
        let mut files: Vec<_> =
            std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        assert!(files.len() >= 4, "{files:?}");
        assert!(files.iter().all(|f| f.extension().unwrap() == "jsonl"));
        let mut lines = Vec::new();
        for f in &files {
            let text = std::fs::read_to_string(f).unwrap();
            assert!(text.is_empty() || text.ends_with('\n'), "{f:?} ends with a whole record");
            lines.extend(text.lines().map(str::to_owned));
        }
        assert_eq!(lines.len(), 30, "every record once across the files");
        let rotated = files.iter().filter(|f| *f != &path).count();
        assert_eq!(rotated, files.len() - 1);
    }

    /// A writer that fails.
    struct Broken;
    impl AsyncWrite for Broken {
        fn poll_write(
            self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
            _: &[u8],
        ) -> std::task::Poll<std::io::Result<usize>> {
            std::task::Poll::Ready(Err(std::io::ErrorKind::BrokenPipe.into()))
        }
        fn poll_flush(
            self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
        ) -> std::task::Poll<std::io::Result<()>> {
            std::task::Poll::Ready(Ok(()))
        }
        fn poll_shutdown(
            self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
        ) -> std::task::Poll<std::io::Result<()>> {
            std::task::Poll::Ready(Ok(()))
        }
    }

    #[tokio::test]
    async fn failed_writes_never_ack() {
        let (tx, rx) = channel(4);
        let (ack, mut r) = Ack::new();
        tx.send(vec![Envelope::new(Ok(article("a")), ack, Span::none())]).await.unwrap();
        drop(tx);
        let err = run(JsonlSink::new("broken", Broken), DeadLetterOutput::<Vec<u8>>::LogOnly, rx)
            .await
            .unwrap_err();
        assert!(err.is_broken_pipe());
        assert_eq!(r.try_recv().unwrap(), Delivery::Errored);
    }
}
