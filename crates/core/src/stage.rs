//! Plumbing between stages: the [`Envelope`] that carries an item with its [`Ack`] and span,
//! bounded channels, per-stage counters, and [`spawn_parallel_map`], which runs a pure function on a
//! pool of worker threads (never on the async reactor) and, by default, keeps input order.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;

use tokio::sync::oneshot;
use tracing::Span;

use crate::{Ack, DeadLetter};

/// An item on its way through the pipeline, with its acknowledgement token and the article's
/// root span (child spans of every stage hang below it).
#[derive(Debug)]
pub struct Envelope<T> {
    /// The payload.
    pub item: T,
    /// Resolved by the stage that ends the item's journey.
    pub ack: Ack,
    /// The article's root span.
    pub span: Span,
    /// When the source read the item (for the end-to-end latency).
    pub born: std::time::Instant,
}

impl<T> Envelope<T> {
    /// Wraps `item` with its token and span.
    pub fn new(item: T, ack: Ack, span: Span) -> Envelope<T> {
        Envelope { item, ack, span, born: std::time::Instant::now() }
    }

    /// The same envelope around another item.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Envelope<U> {
        Envelope { item: f(self.item), ack: self.ack, span: self.span, born: self.born }
    }
}

/// What flows between stages: an item, or the dead letter it became. Refused inputs travel on
/// to the sink, which writes them to the dead-letter output and rejects their ack, so every
/// input ends in exactly one place.
pub type Item<T> = Result<T, Box<DeadLetter>>;

/// Envelopes travel in batches: one queue operation (and at most one thread wake-up) per
/// batch rather than per article. Sources cut a batch whenever input pauses, so batching
/// never delays a record on a slow stream.
pub type Batch<T> = Vec<Envelope<T>>;

/// Sending half of a bounded stage queue of batches.
pub type Tx<T> = async_channel::Sender<Batch<T>>;
/// Receiving half of a bounded stage queue (clone it to share one queue among workers).
pub type Rx<T> = async_channel::Receiver<Batch<T>>;

/// A bounded stage queue of `capacity` batches. Senders wait when it is full: backpressure,
/// never loss.
pub fn channel<T>(capacity: usize) -> (Tx<T>, Rx<T>) {
    async_channel::bounded(capacity.max(1))
}

/// Counters one stage reports when it ends.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StageReport {
    /// Items taken from the input queue.
    pub received: u64,
    /// Items passed on (or written, for a sink).
    pub forwarded: u64,
    /// Items refused (dead-lettered).
    pub rejected: u64,
    /// Items lost (panics, failed writes).
    pub errored: u64,
}

impl std::ops::AddAssign for StageReport {
    fn add_assign(&mut self, o: StageReport) {
        self.received += o.received;
        self.forwarded += o.forwarded;
        self.rejected += o.rejected;
        self.errored += o.errored;
    }
}

/// How [`spawn_parallel_map`] runs.
#[derive(Clone, Copy, Debug)]
pub struct MapOptions {
    /// Worker threads (at least 1).
    pub workers: usize,
    /// Keep input order on the output (a bounded reorder window) or let batches overtake.
    pub ordered: bool,
    /// With `ordered`: how many batches may be in flight at once; bounds the reorder memory.
    pub window: usize,
}

#[derive(Default)]
struct Counters {
    received: AtomicU64,
    forwarded: AtomicU64,
    errored: AtomicU64,
}

impl Counters {
    fn report(&self) -> StageReport {
        StageReport {
            received: self.received.load(Ordering::Relaxed),
            forwarded: self.forwarded.load(Ordering::Relaxed),
            rejected: 0,
            errored: self.errored.load(Ordering::Relaxed),
        }
    }

    fn count(&self, n_in: usize, n_out: usize) {
        self.received.fetch_add(n_in as u64, Ordering::Relaxed);
        self.forwarded.fetch_add(n_out as u64, Ordering::Relaxed);
        self.errored.fetch_add((n_in - n_out) as u64, Ordering::Relaxed);
    }
}

/// Applies `f` to every item of `rx` on `opts.workers` threads and sends the results to `tx`;
/// the returned handle resolves when `rx` is closed and drained and every result is sent. The
/// function runs inside a `stage` child span of the article's span. A panic in `f` costs only
/// that item: its ack is dropped (so it counts as errored), the worker goes on.
///
/// With `opts.ordered`, output order equals input order: a sequencer hands each batch to the
/// pool together with a one-shot slot for its result and queues the slot, in order, to a
/// collector; the slot queue's capacity (`opts.window`) bounds how far workers run ahead.
/// Because results go to one-shot slots rather than a shared queue, a slow batch can never be
/// stuck behind the batches that overtook it.
///
/// Spawns the sequencer and collector on the current Tokio runtime and the workers as threads.
pub fn spawn_parallel_map<I, O, F>(
    stage: &'static str,
    rx: Rx<I>,
    tx: Tx<O>,
    opts: MapOptions,
    f: F,
) -> tokio::task::JoinHandle<StageReport>
where
    I: Send + 'static,
    O: Send + 'static,
    F: Fn(I) -> O + Send + Sync + 'static,
{
    let f = Arc::new(f);
    let counters = Arc::new(Counters::default());
    let workers = opts.workers.max(1);
    if !opts.ordered {
        let mut handles = Vec::with_capacity(workers);
        for n in 0..workers {
            let (rx, tx, f, c) = (rx.clone(), tx.clone(), f.clone(), counters.clone());
            handles.push(spawn_worker(stage, n, move || {
                while let Ok(batch) = rx.recv_blocking() {
                    let n_in = batch.len();
                    let out = apply(stage, &*f, batch);
                    let n_out = out.len();
                    if tx.send_blocking(out).is_err() {
                        c.count(n_in, 0);
                        continue;
                    }
                    c.count(n_in, n_out);
                }
            }));
        }
        drop((rx, tx));
        return tokio::task::spawn_blocking(move || {
            for h in handles {
                _ = h.join();
            }
            counters.report()
        });
    }

    type Slot<O> = oneshot::Sender<Batch<O>>;
    let (jobs_tx, jobs_rx) = async_channel::bounded::<(Batch<I>, Slot<O>)>(workers * 2);
    let (order_tx, order_rx) = async_channel::bounded::<(usize, _)>(opts.window.max(1));
    let mut handles = Vec::with_capacity(workers);
    for n in 0..workers {
        let (jobs_rx, f) = (jobs_rx.clone(), f.clone());
        handles.push(spawn_worker(stage, n, move || {
            while let Ok((batch, slot)) = jobs_rx.recv_blocking() {
                let out = apply(stage, &*f, batch);
                // The collector only goes away when the pipeline is torn down.
                _ = slot.send(out);
            }
        }));
    }
    drop(jobs_rx);
    let sequencer = tokio::spawn(async move {
        while let Ok(batch) = rx.recv().await {
            let (slot_tx, slot_rx) = oneshot::channel();
            let n = batch.len();
            // Cannot fail while the collector runs; if it does, the batch's acks report it.
            if order_tx.send((n, slot_rx)).await.is_ok() {
                _ = jobs_tx.send((batch, slot_tx)).await;
            }
        }
    });
    let c = counters;
    tokio::spawn(async move {
        while let Ok((n_in, slot)) = order_rx.recv().await {
            match slot.await {
                Ok(out) => {
                    let n_out = out.len();
                    if out.is_empty() || tx.send(out).await.is_ok() {
                        c.count(n_in, n_out);
                    } else {
                        c.count(n_in, 0);
                    }
                }
                Err(_) => c.count(n_in, 0),
            }
        }
        _ = sequencer.await;
        // Workers end once the sequencer has dropped the job queue.
        _ = tokio::task::spawn_blocking(move || {
            for h in handles {
                _ = h.join();
            }
        })
        .await;
        c.report()
    })
}

fn spawn_worker(
    stage: &'static str,
    n: usize,
    body: impl FnOnce() + Send + 'static,
) -> thread::JoinHandle<()> {
    thread::Builder::new()
        .name(format!("{stage}-{n}"))
        .spawn(body)
        .unwrap_or_else(|e| panic!("cannot start a {stage} worker thread: {e}"))
}

/// Runs `f` on every item of a batch inside the stage span. An item whose `f` panicked is
/// left out (its envelope, and with it the ack, is dropped: the item counts as errored).
fn apply<I, O>(stage: &'static str, f: &dyn Fn(I) -> O, batch: Batch<I>) -> Batch<O> {
    let mut out = Vec::with_capacity(batch.len());
    for Envelope { item, ack, span, born } in batch {
        let child = tracing::info_span!(parent: &span, "stage", stage);
        match catch_unwind(AssertUnwindSafe(|| child.in_scope(|| f(item)))) {
            Ok(o) => out.push(Envelope { item: o, ack, span, born }),
            Err(panic) => {
                let msg = panic
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".to_owned());
                tracing::error!(parent: &span, stage, panic = %msg, "A worker panicked; the article is lost.");
                drop(ack);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Delivery;

    async fn run_map(ordered: bool, n: u64) -> (Vec<u64>, Vec<Delivery>, StageReport) {
        let (in_tx, in_rx) = channel::<u64>(4);
        let (out_tx, out_rx) = channel::<u64>(4);
        let opts = MapOptions { workers: 3, ordered, window: 8 };
        let map = spawn_parallel_map("test", in_rx, out_tx, opts, |x: u64| {
            if x % 7 == 3 {
                panic!("boom on {x}");
            }
            // Uneven work so that workers overtake each other.
            if x.is_multiple_of(5) {
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            x * 10
        });
        let feeder = tokio::spawn(async move {
            let mut receipts = Vec::new();
            // Batches of uneven sizes, 1 to 5 items.
            let mut x = 0;
            while x < n {
                let mut batch = Vec::new();
                for _ in 0..(1 + x % 5).min(n - x) {
                    let (ack, r) = Ack::new();
                    receipts.push(r);
                    batch.push(Envelope::new(x, ack, Span::none()));
                    x += 1;
                }
                in_tx.send(batch).await.unwrap();
            }
            receipts
        });
        let mut got = Vec::new();
        while let Ok(batch) = out_rx.recv().await {
            for env in batch {
                got.push(env.item);
                env.ack.ack();
            }
        }
        let report = map.await.unwrap();
        let mut statuses = Vec::new();
        for r in feeder.await.unwrap() {
            statuses.push(r.await.unwrap());
        }
        (got, statuses, report)
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn ordered_map_keeps_order_and_survives_panics() {
        let (got, statuses, report) = run_map(true, 200).await;
        let want: Vec<u64> = (0..200).filter(|x| x % 7 != 3).map(|x| x * 10).collect();
        assert_eq!(got, want);
        let errored = statuses.iter().filter(|s| **s == Delivery::Errored).count();
        assert_eq!(errored, (0..200).filter(|x| x % 7 == 3).count());
        assert_eq!(report.received, 200);
        assert_eq!(report.forwarded as usize, want.len());
        assert_eq!(report.errored as usize, errored);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn unordered_map_delivers_everything_once() {
        let (mut got, statuses, report) = run_map(false, 200).await;
        got.sort_unstable();
        let want: Vec<u64> = (0..200).filter(|x| x % 7 != 3).map(|x| x * 10).collect();
        assert_eq!(got, want);
        assert_eq!(statuses.len(), 200);
        assert_eq!(report.received, 200);
        assert_eq!(report.forwarded as usize + report.errored as usize, 200);
    }
}
