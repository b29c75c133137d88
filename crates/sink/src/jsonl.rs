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
}

impl<W: AsyncWrite + Unpin> JsonlSink<W> {
    /// A sink named `name` writing to `writer`.
    pub fn new(name: impl Into<String>, writer: W) -> JsonlSink<W> {
        JsonlSink {
            name: name.into(),
            writer,
            buf: Vec::with_capacity(BATCH_BYTES + (64 << 10)),
            pending: Vec::new(),
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
        let res = async {
            self.writer.write_all(&self.buf).await?;
            self.writer.flush().await
        }
        .await;
        self.buf.clear();
        let acks = std::mem::take(&mut self.pending);
        match res {
            Ok(()) => Ok(acks),
            Err(source) => Err(SinkError::Write { name: self.name.clone(), source }),
        }
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

/// Writes every record of `rx` to `sink` and every dead letter to `dead`, resolving acks
/// after the bytes are flushed; returns when `rx` is closed and drained.
///
/// # Errors
/// When a write fails: the sink stops (the acks it held report errored) and the error says
/// where.
pub async fn run<W, D>(
    mut sink: JsonlSink<W>,
    mut dead: DeadLetterOutput<D>,
    rx: Rx<Item<Record>>,
) -> Result<SinkReport, SinkError>
where
    W: AsyncWrite + Unpin,
    D: AsyncWrite + Unpin,
{
    let mut report = SinkReport::default();
    while let Ok(batch) = rx.recv().await {
        for env in batch {
            take(&mut sink, &mut dead, env, &mut report)?;
        }
        while !sink.full() {
            match rx.try_recv() {
                Ok(batch) => {
                    for env in batch {
                        take(&mut sink, &mut dead, env, &mut report)?;
                    }
                }
                Err(_) => break,
            }
        }
        for ack in sink.flush().await? {
            ack.ack();
            report.forwarded += 1;
        }
        if let DeadLetterOutput::Jsonl(d) = &mut dead {
            for ack in d.flush().await? {
                ack.reject();
                report.rejected += 1;
            }
        }
    }
    Ok(report)
}

fn take<W, D>(
    sink: &mut JsonlSink<W>,
    dead: &mut DeadLetterOutput<D>,
    env: Envelope<Item<Record>>,
    report: &mut SinkReport,
) -> Result<(), SinkError>
where
    W: AsyncWrite + Unpin,
    D: AsyncWrite + Unpin,
{
    report.received += 1;
    let Envelope { item, ack, span } = env;
    match item {
        Ok(record) => {
            sink.push_line(&record.json, ack);
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
            received_at: "t".into(),
            title: None,
            text: text.into(),
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
        .map_err(|(e, _)| e)
        .unwrap()
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
