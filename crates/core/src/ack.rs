//! The acknowledgement token that travels with every article.
//!
//! The source that produced an article keeps the receiving half; the stage that ends the
//! article's journey resolves the token. Dropping a token without resolving it reports
//! [`Delivery::Errored`], so a panic, a closed channel or a forgotten branch can never make a
//! source believe an article was written (this deliberately differs from Vector, where an
//! event dropped without a status counts as delivered).

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
pub struct Ack(Option<oneshot::Sender<Delivery>>);

impl Ack {
    /// A new token and the receiver its resolution arrives on.
    pub fn new() -> (Ack, AckReceiver) {
        let (tx, rx) = oneshot::channel();
        (Ack(Some(tx)), rx)
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
        if let Some(tx) = self.0.take() {
            // The source may have stopped listening (e.g. stdin after shutdown): nothing to do.
            _ = tx.send(status);
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
    fn resolving_after_the_receiver_is_gone_is_harmless() {
        let (a, r) = Ack::new();
        drop(r);
        a.ack();
    }
}
