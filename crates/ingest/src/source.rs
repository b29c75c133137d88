//! The stream source: reads a byte stream (stdin, or any `Read`) on a thread of its own, frames
//! it into inputs, sends them downstream with an [`Ack`] each, and counts how every one of them
//! ended. A stream cannot be replayed, so here acks drive the exit code and the final report;
//! replayable sources (directories) use them to advance checkpoints.

use std::io::{BufReader, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;

use copydesk_core::{Ack, AckReceiver, Batch, Delivery, Envelope, Item, RawArticle, Tx};
use tokio::sync::oneshot;
use tokio_util::sync::CancellationToken;

use crate::formats::{Skip, Skipped};
use crate::framing::{Framer, FramingConfig};

/// Errors that stop a source.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IngestError {
    /// Reading the stream failed.
    #[error("cannot read {source_name}")]
    Read {
        /// Name of the source.
        source_name: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The reader thread could not be started or died.
    #[error("the reader thread of {0} failed")]
    Thread(String),
    /// The file watcher could not start.
    #[error("cannot watch {0}")]
    Watch(String),
    /// NATS: the server, the stream or the consumer.
    #[error("NATS: {0}")]
    Nats(String),
    /// The state store failed.
    #[error(transparent)]
    State(Box<crate::state::StateError>),
}

/// What a source did, counted when it ends.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SourceReport {
    /// Inputs sent downstream (articles and dead letters).
    pub inputs: u64,
    /// Bytes read.
    pub bytes: u64,
    /// Inputs written by the sink.
    pub delivered: u64,
    /// Inputs refused (dead-lettered).
    pub rejected: u64,
    /// Inputs lost on the way (panics, failed writes, shutdown).
    pub errored: u64,
    /// Inputs read but never sent because a shutdown closed the queues first (a stream cannot
    /// give them back; a replayable source reads them again next start).
    pub abandoned: u64,
    /// Files read: spool files, and tailed files when first seen (directory sources; 0 for
    /// streams).
    pub files: u64,
    /// Messages a broker delivered more than once (after an instance died or a nak).
    pub redelivered: u64,
    /// Inputs read and deliberately not made articles (WARC records that are not HTML
    /// responses...), per reason.
    pub skipped: Skipped,
}

impl std::ops::AddAssign for SourceReport {
    fn add_assign(&mut self, o: SourceReport) {
        self.inputs += o.inputs;
        self.bytes += o.bytes;
        self.delivered += o.delivered;
        self.rejected += o.rejected;
        self.errored += o.errored;
        self.abandoned += o.abandoned;
        self.files += o.files;
        self.redelivered += o.redelivered;
        self.skipped += o.skipped;
    }
}

/// Live counters of a running source, for progress display.
#[derive(Debug, Default)]
pub struct SourceProgress {
    /// Bytes read so far.
    pub bytes: AtomicU64,
    /// Inputs sent so far.
    pub inputs: AtomicU64,
    /// Inputs read but not sent because of a shutdown.
    pub abandoned: AtomicU64,
    /// Files read: spool files, and tailed files when first seen (directory sources).
    pub files: AtomicU64,
    /// Files the run is through with (directory sources): spool files whose articles are all
    /// resolved and recorded, or that an earlier run did; tailed files once read to their end.
    pub files_done: AtomicU64,
    /// Files a `--once` run found in its directories (its first scan): the total of its
    /// progress; 0 until that scan is over.
    pub files_total: AtomicU64,
    /// Inputs whose acks are resolved (delivered, rejected or errored); `inputs - resolved`
    /// is what a checkpoint is waiting for.
    pub resolved: AtomicU64,
    /// Messages a broker delivered more than once.
    pub redelivered: AtomicU64,
    /// Inputs read and deliberately not made articles, per [`Skip`](crate::Skip) reason.
    pub skipped: [AtomicU64; Skip::ALL.len()],
}

impl SourceProgress {
    /// Adds skip counts.
    pub fn add_skipped(&self, s: &Skipped) {
        for (why, n) in s.iter() {
            self.skipped[Skip::ALL.iter().position(|x| *x == why).unwrap_or(0)]
                .fetch_add(n, Ordering::Relaxed);
        }
    }

    /// The skip counts so far.
    pub fn skipped(&self) -> Skipped {
        Skipped(std::array::from_fn(|i| self.skipped[i].load(Ordering::Relaxed)))
    }
}

/// A source that frames one byte stream.
#[derive(Debug)]
pub struct StreamSource<R> {
    reader: R,
    cfg: FramingConfig,
    progress: Arc<SourceProgress>,
}

impl<R: Read + Send + 'static> StreamSource<R> {
    /// A source reading `reader` with the given framing.
    pub fn new(reader: R, cfg: FramingConfig) -> StreamSource<R> {
        StreamSource { reader, cfg, progress: Arc::default() }
    }

    /// Live counters, readable while the source runs.
    pub fn progress(&self) -> Arc<SourceProgress> {
        self.progress.clone()
    }

    /// Reads until end of stream or `shutdown`, sending every input to `tx`; then waits until
    /// every sent input is resolved, and reports.
    ///
    /// On `shutdown` the source stops at the next input boundary and closes `tx` at once
    /// (everything already queued is still processed); a read blocked on a silent pipe is
    /// abandoned rather than waited for.
    ///
    /// # Errors
    /// When reading fails; everything read before is still processed and resolved.
    pub async fn run(
        self,
        tx: Tx<Item<RawArticle>>,
        shutdown: CancellationToken,
    ) -> Result<SourceReport, IngestError> {
        let name = self.cfg.source.clone();
        let progress = self.progress.clone();
        // Receipts travel in input order to the collector; bounded like every queue here.
        let (ack_tx, ack_rx) = async_channel::bounded::<Vec<AckReceiver>>(1024);
        let (done_tx, mut done_rx) = oneshot::channel::<std::io::Result<()>>();
        let (thread_tx, thread_ack_tx, token) = (tx.clone(), ack_tx.clone(), shutdown.clone());
        let reader = self.reader;
        let cfg = self.cfg;
        thread::Builder::new()
            .name(format!("read-{name}"))
            .spawn(move || {
                let result = read_loop(reader, cfg, &thread_tx, &thread_ack_tx, &token, &progress);
                _ = done_tx.send(result);
            })
            .map_err(|_| IngestError::Thread(name.clone()))?;
        let collector = tokio::spawn(collect(ack_rx, self.progress.clone()));

        let result = tokio::select! {
            r = &mut done_rx => r.map_err(|_| IngestError::Thread(name.clone())),
            () = shutdown.cancelled() => {
                tracing::info!(source = %name, "Shutdown: stopping reading.");
                // A reader that is reading stops at the next input and sends what it has read.
                // One blocked on a silent pipe never gets there (it has handed its batch over
                // before blocking): after a grace period both queues are closed under it. What
                // it already sent is still received; what it would send later is counted as
                // abandoned.
                match tokio::time::timeout(SHUTDOWN_GRACE, &mut done_rx).await {
                    Ok(r) => r.map_err(|_| IngestError::Thread(name.clone())),
                    Err(_) => {
                        tx.close();
                        ack_tx.close();
                        Ok(Ok(()))
                    }
                }
            }
        };
        drop((tx, ack_tx));
        let mut report = collector.await.map_err(|_| IngestError::Thread(name.clone()))?;
        report.bytes = self.progress.bytes.load(Ordering::Relaxed);
        report.inputs = self.progress.inputs.load(Ordering::Relaxed);
        report.abandoned = self.progress.abandoned.load(Ordering::Relaxed);
        report.skipped = self.progress.skipped();
        match result? {
            Ok(()) => Ok(report),
            Err(source) => Err(IngestError::Read { source_name: name, source }),
        }
    }
}

/// How long a shutdown waits for the reader thread to stop by itself before closing the
/// queues under it (it only fails to when blocked on a pipe that sends nothing).
const SHUTDOWN_GRACE: std::time::Duration = std::time::Duration::from_millis(250);

/// A batch is handed over at this many inputs...
const BATCH_ITEMS: usize = 64;
/// ...or this many bytes, or whenever the next input would need a read that may block.
const BATCH_BYTES: u64 = 256 << 10;

fn read_loop<R: Read>(
    reader: R,
    cfg: FramingConfig,
    tx: &Tx<Item<RawArticle>>,
    ack_tx: &async_channel::Sender<Vec<AckReceiver>>,
    shutdown: &CancellationToken,
    progress: &SourceProgress,
) -> std::io::Result<()> {
    let name = cfg.source.clone();
    let mut framer = Framer::new(BufReader::with_capacity(256 << 10, reader), cfg);
    let mut sent_bytes = 0;
    let mut batch: Batch<Item<RawArticle>> = Vec::with_capacity(BATCH_ITEMS);
    let mut receipts = Vec::with_capacity(BATCH_ITEMS);
    // Hands the batch over; false when the queues were closed by shutdown (the dropped acks
    // then report the batch as errored).
    let hand_over = |batch: &mut Batch<Item<RawArticle>>, receipts: &mut Vec<AckReceiver>| {
        if batch.is_empty() {
            return true;
        }
        let n = batch.len() as u64;
        if ack_tx.send_blocking(std::mem::take(receipts)).is_err() {
            // Shut down while framing: never sent.
            progress.abandoned.fetch_add(n, Ordering::Relaxed);
            batch.clear();
            return false;
        }
        progress.inputs.fetch_add(n, Ordering::Relaxed);
        tx.send_blocking(std::mem::take(batch)).is_ok()
    };
    let mut batch_bytes = 0;
    let mut counted_skips = Skipped::default();
    loop {
        if !framer.next_is_buffered() && !hand_over(&mut batch, &mut receipts) {
            break;
        }
        let Some(item) = framer.next() else { break };
        let skipped = framer.skipped();
        if skipped != counted_skips {
            progress.add_skipped(&minus(skipped, counted_skips));
            counted_skips = skipped;
        }
        let item = item?;
        let read = framer.bytes_read();
        progress.bytes.fetch_add(read - sent_bytes, Ordering::Relaxed);
        batch_bytes += read - sent_bytes;
        sent_bytes = read;
        let line = match &item {
            Ok(raw) => raw.origin.line,
            Err(dead) => dead.source.line,
        };
        let span = tracing::info_span!("article", source = %name, line);
        let (ack, receipt) = Ack::new();
        receipts.push(receipt);
        batch.push(Envelope::new(item, ack, span));
        if shutdown.is_cancelled() {
            break; // what was read goes out with the last batch below
        }
        if (batch.len() >= BATCH_ITEMS || batch_bytes >= BATCH_BYTES)
            && !hand_over(&mut batch, &mut receipts)
        {
            break;
        }
        if batch.is_empty() {
            batch_bytes = 0;
        }
    }
    hand_over(&mut batch, &mut receipts);
    progress.bytes.fetch_add(framer.bytes_read() - sent_bytes, Ordering::Relaxed);
    progress.add_skipped(&minus(framer.skipped(), counted_skips));
    Ok(())
}

/// The counts of `a` not in `b` (`b` counted earlier).
fn minus(a: Skipped, b: Skipped) -> Skipped {
    Skipped(std::array::from_fn(|i| a.0[i].saturating_sub(b.0[i])))
}

async fn collect(
    rx: async_channel::Receiver<Vec<AckReceiver>>,
    progress: Arc<SourceProgress>,
) -> SourceReport {
    let mut report = SourceReport::default();
    while let Ok(receipts) = rx.recv().await {
        for receipt in receipts {
            match receipt.await {
                Ok(Delivery::Delivered) => report.delivered += 1,
                Ok(Delivery::Rejected) => report.rejected += 1,
                Ok(Delivery::Errored) | Err(_) => report.errored += 1,
            }
            progress.resolved.fetch_add(1, Ordering::Relaxed);
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use copydesk_core::channel;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn every_input_is_resolved_and_counted() {
        let input = "{\"text\":\"a\"}\nbad\n{\"text\":\"b\"}\n{\"text\":\"c\"}\n";
        let (tx, rx) = channel(2);
        let src = StreamSource::new(std::io::Cursor::new(input), FramingConfig::default());
        let run = tokio::spawn(src.run(tx, CancellationToken::new()));
        let mut n = 0;
        while let Ok(batch) = rx.recv().await {
            for env in batch {
                n += 1;
                match env.item {
                    Ok(raw) if *raw.body == *b"c" => drop(env.ack), // lost
                    Ok(_) => env.ack.ack(),
                    Err(_) => env.ack.reject(),
                }
            }
        }
        let report = run.await.unwrap().unwrap();
        assert_eq!(n, 4);
        assert_eq!(
            report,
            SourceReport {
                inputs: 4,
                bytes: input.len() as u64,
                delivered: 2,
                rejected: 1,
                errored: 1,
                abandoned: 0,
                files: 0,
                redelivered: 0,
                skipped: Skipped::default(),
            }
        );
    }

    /// A reader that never ends, like a terminal nobody types into.
    struct Endless;
    impl Read for Endless {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let line = b"plain line\n";
            let n = line.len().min(buf.len());
            buf[..n].copy_from_slice(&line[..n]);
            Ok(n)
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn shutdown_closes_the_queue_and_resolves_everything_sent() {
        let cfg = FramingConfig { split: crate::Split::Line, ..Default::default() };
        let (tx, rx) = channel(8);
        let token = CancellationToken::new();
        let run = tokio::spawn(StreamSource::new(Endless, cfg).run(tx, token.clone()));
        let mut n = 0u64;
        while let Ok(batch) = rx.recv().await {
            for env in batch {
                n += 1;
                env.ack.ack();
                if n == 100 {
                    token.cancel();
                }
            }
        }
        let report = run.await.unwrap().unwrap();
        assert!(n >= 100);
        assert_eq!(report.delivered, n);
        assert_eq!(report.delivered + report.errored, report.inputs);
    }
}
