//! The acknowledgement token that travels with every article.
//!
//! The source that produced an article keeps the receiving half; the stage that ends the
//! article's journey resolves the token. Dropping a token without resolving it reports
//! [`Delivery::Errored`], so a panic, a closed channel or a forgotten branch can never make a
//! source believe an article was written (this deliberately differs from Vector, where an
//! event dropped without a status counts as delivered).

use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use tokio::sync::oneshot;

/// How an article's journey ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Delivery {
    /// Durably written by the sink (or deliberately filtered).
    Delivered,
    /// Permanently refused (bad data): written to the dead-letter output; never retried.
    Rejected,
    /// Lost on the way (a panic, a failed write, a shutdown): may be retried by the source.
    Errored,
}

/// The receiving half of an [`Ack`], kept by the source.
pub type AckReceiver = oneshot::Receiver<Delivery>;

/// One article's acknowledgement token. Resolve it exactly once with [`Ack::ack`] or
/// [`Ack::reject`]; dropping it means [`Delivery::Errored`].
#[must_use = "resolve with ack()/reject(); dropping it means Errored"]
#[derive(Debug)]
pub struct Ack(Option<Inner>);

#[derive(Debug)]
enum Inner {
    Source(oneshot::Sender<Delivery>),
    Part(Arc<Parts>),
}

/// The shared state of an ack split among several sinks.
#[derive(Debug)]
struct Parts {
    remaining: AtomicUsize,
    /// The worst status so far: 0 delivered, 1 rejected, 2 errored.
    worst: AtomicU8,
    whole: Mutex<Option<Ack>>,
}

impl Ack {
    /// A new token and the receiver its resolution arrives on.
    pub fn new() -> (Ack, AckReceiver) {
        let (tx, rx) = oneshot::channel();
        (Ack(Some(Inner::Source(tx))), rx)
    }

    /// Splits the token into `n` parts, one per sink an article goes to. The whole resolves
    /// when every part has: delivered if all were, errored if any was (or was dropped),
    /// rejected otherwise.
    pub fn split(self, n: usize) -> Vec<Ack> {
        if n <= 1 {
            return vec![self];
        }
        let parts = Arc::new(Parts {
            remaining: AtomicUsize::new(n),
            worst: AtomicU8::new(0),
            whole: Mutex::new(Some(self)),
        });
        (0..n).map(|_| Ack(Some(Inner::Part(parts.clone())))).collect()
    }

    /// A token nobody listens to, for tests and tools that do not track delivery.
    pub fn detached() -> Ack {
        Ack(None)
    }

    /// The article was durably written (or deliberately filtered).
    pub fn ack(mut self) {
        self.resolve(Delivery::Delivered);
    }

    /// The article was refused for good and written to the dead-letter output.
    pub fn reject(mut self) {
        self.resolve(Delivery::Rejected);
    }

    /// The article was lost; the source may deliver it again.
    pub fn fail(mut self) {
        self.resolve(Delivery::Errored);
    }

    fn resolve(&mut self, status: Delivery) {
        match self.0.take() {
            // The source may have stopped listening (e.g. stdin after shutdown): nothing to do.
            Some(Inner::Source(tx)) => _ = tx.send(status),
            Some(Inner::Part(parts)) => {
                let rank = match status {
                    Delivery::Delivered => 0,
                    Delivery::Rejected => 1,
                    Delivery::Errored => 2,
                };
                parts.worst.fetch_max(rank, Ordering::AcqRel);
                if parts.remaining.fetch_sub(1, Ordering::AcqRel) == 1 {
                    let whole = parts
                        .whole
                        .lock()
                        .map(|mut w| w.take())
                        .unwrap_or_else(|p| p.into_inner().take());
                    if let Some(mut whole) = whole {
                        whole.resolve(match parts.worst.load(Ordering::Acquire) {
                            0 => Delivery::Delivered,
                            1 => Delivery::Rejected,
                            _ => Delivery::Errored,
                        });
                    }
                }
            }
            None => {}
        }
    }
}

impl Drop for Ack {
    fn drop(&mut self) {
        self.resolve(Delivery::Errored);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_once_with_the_given_status() {
        let (a, mut r) = Ack::new();
        a.reject();
        assert_eq!(r.try_recv().unwrap(), Delivery::Rejected);
    }

    #[test]
    fn dropping_means_errored() {
        let (a, mut r) = Ack::new();
        drop(a);
        assert_eq!(r.try_recv().unwrap(), Delivery::Errored);
    }

    #[test]
    fn a_split_ack_resolves_once_every_part_has() {
        let (a, mut r) = Ack::new();
        let mut parts = a.split(3);
        parts.pop().unwrap().ack();
        parts.pop().unwrap().ack();
        assert!(r.try_recv().is_err(), "not yet");
        parts.pop().unwrap().ack();
        assert_eq!(r.try_recv().unwrap(), Delivery::Delivered);

        let (a, mut r) = Ack::new();
        let mut parts = a.split(2);
        drop(parts.pop());
        parts.pop().unwrap().ack();
        assert_eq!(r.try_recv().unwrap(), Delivery::Errored, "a lost part loses the whole");
    }

    #[test]
    fn resolving_after_the_receiver_is_gone_is_harmless() {
        let (a, r) = Ack::new();
        drop(r);
        a.ack();
    }
}
