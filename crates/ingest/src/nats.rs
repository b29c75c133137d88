//! The NATS JetStream source: a durable pull consumer shared by every copydesk instance that
//! names the same durable (work-queue semantics: each message goes to one instance).
//!
//! A message is acked to JetStream only when its article's [`Ack`] resolves as delivered or
//! rejected, with a server-confirmed ack (`double_ack`; a plain ack is only buffered and can
//! be lost in a crash). A lost article is nak'ed, so the server redelivers it. At most
//! `max_ack_pending` messages are unacknowledged at a time, so a slow sink slows the fetch.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use async_nats::jetstream::{self, AckKind, consumer, stream};
use copydesk_core::{
    Ack, Batch, Delivery, Envelope, Format, InputMeta, Item, Origin, RawArticle, Tx, now_rfc3339,
};
use futures::{FutureExt, StreamExt};
use tokio_util::sync::CancellationToken;

use crate::source::{IngestError, SourceProgress, SourceReport};

/// How to reach a NATS server (shared by the source and the sink settings).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NatsConnect {
    /// Server URLs (`nats://127.0.0.1:4222`).
    pub servers: Vec<String>,
    /// Token authentication.
    pub token: Option<String>,
    /// User and password authentication.
    pub user: Option<(String, String)>,
    /// A credentials file (JWT and NKey seed, as `nsc` writes it).
    pub credentials: Option<std::path::PathBuf>,
    /// Require TLS.
    pub tls: bool,
}

impl NatsConnect {
    /// Connects, failing fast (with the servers in the message) when none answers.
    ///
    /// # Errors
    /// When no server accepts the connection or the credentials file cannot be read.
    pub async fn connect(&self) -> Result<async_nats::Client, String> {
        let mut o = async_nats::ConnectOptions::new()
            .connection_timeout(Duration::from_secs(5))
            .require_tls(self.tls);
        if let Some(t) = &self.token {
            o = o.token(t.clone());
        }
        if let Some((u, p)) = &self.user {
            o = o.user_and_password(u.clone(), p.clone());
        }
        if let Some(c) = &self.credentials {
            o = o
                .credentials_file(c)
                .await
                .map_err(|e| format!("cannot read the NATS credentials {}: {e}", c.display()))?;
        }
        let servers = self.servers.join(", ");
        let addrs: Vec<async_nats::ServerAddr> = self
            .servers
            .iter()
            .map(|s| s.parse().map_err(|e| format!("bad NATS server address {s:?}: {e}")))
            .collect::<Result<_, _>>()?;
        o.connect(addrs).await.map_err(|e| format!("cannot connect to NATS at {servers}: {e}"))
    }
}

/// Settings of the NATS source.
#[derive(Clone, Debug)]
pub struct NatsSourceConfig {
    /// The server.
    pub connect: NatsConnect,
    /// The JetStream stream (created, with work-queue retention over `subject`, if missing).
    pub stream: String,
    /// The subject (filter) the consumer takes messages from.
    pub subject: String,
    /// The durable consumer's name: instances naming the same one share the work.
    pub durable: String,
    /// How long the server waits for an ack before redelivering.
    pub ack_wait: Duration,
    /// Unacknowledged messages at most (bounds what is in flight).
    pub max_ack_pending: i64,
    /// Messages per pull request.
    pub batch: usize,
}

/// The NATS source.
#[derive(Debug)]
pub struct NatsSource {
    cfg: NatsSourceConfig,
    progress: Arc<SourceProgress>,
}

#[derive(Default)]
struct Tally {
    delivered: AtomicU64,
    rejected: AtomicU64,
    errored: AtomicU64,
}

impl NatsSource {
    /// A source with these settings (nothing is connected until [`NatsSource::run`]).
    pub fn new(cfg: NatsSourceConfig) -> NatsSource {
        NatsSource { cfg, progress: Arc::default() }
    }

    /// Live counters (`redelivered`: JetStream's delivery count above 1).
    pub fn progress(&self) -> Arc<SourceProgress> {
        self.progress.clone()
    }

    /// Consumes until `shutdown`; then waits until every sent article is resolved (acked or
    /// nak'ed to the server) and reports.
    ///
    /// # Errors
    /// When the server cannot be reached at start, or the stream or consumer cannot be made.
    pub async fn run(
        self,
        tx: Tx<Item<RawArticle>>,
        shutdown: CancellationToken,
    ) -> Result<SourceReport, IngestError> {
        let cfg = &self.cfg;
        let fail = |what: String| IngestError::Nats(what);
        let client = cfg.connect.connect().await.map_err(fail)?;
        let js = jetstream::new(client);
        let stream = js
            .get_or_create_stream(stream::Config {
                name: cfg.stream.clone(),
                subjects: vec![cfg.subject.clone()],
                retention: stream::RetentionPolicy::WorkQueue,
                ..Default::default()
            })
            .await
            .map_err(|e| fail(format!("stream {}: {e}", cfg.stream)))?;
        let consumer: consumer::PullConsumer = stream
            .get_or_create_consumer(
                &cfg.durable,
                consumer::pull::Config {
                    durable_name: Some(cfg.durable.clone()),
                    ack_policy: consumer::AckPolicy::Explicit,
                    ack_wait: cfg.ack_wait,
                    max_ack_pending: cfg.max_ack_pending,
                    filter_subject: cfg.subject.clone(),
                    ..Default::default()
                },
            )
            .await
            .map_err(|e| fail(format!("consumer {} on {}: {e}", cfg.durable, cfg.stream)))?;
        let pull = |consumer: consumer::PullConsumer| async move {
            consumer
                .stream()
                .max_messages_per_batch(cfg.batch.max(1))
                .heartbeat(Duration::from_secs(5))
                .expires(Duration::from_secs(30))
                .messages()
                .await
        };
        let mut messages = pull(consumer.clone())
            .await
            .map_err(|e| fail(format!("cannot pull from {}: {e}", cfg.stream)))?;
        tracing::info!(stream = %cfg.stream, durable = %cfg.durable, "Consuming from NATS.");

        let tally = Arc::new(Tally::default());
        let mut acks = tokio::task::JoinSet::new();
        let mut batch: Batch<Item<RawArticle>> = Vec::new();
        loop {
            // Wait for one message (or the shutdown), then take what is already there.
            let first = tokio::select! {
                m = messages.next() => m,
                () = shutdown.cancelled() => break,
            };
            if first.is_none() {
                // The pull stream ended (the server went away for good): pull anew once it
                // is back; unacked messages are redelivered by the server meanwhile.
                tracing::warn!(stream = %cfg.stream, "The NATS pull stream ended; pulling again.");
                tokio::select! {
                    () = tokio::time::sleep(Duration::from_millis(500)) => {}
                    () = shutdown.cancelled() => break,
                }
                match pull(consumer.clone()).await {
                    Ok(m) => messages = m,
                    Err(e) => tracing::warn!(error = %e, "Cannot pull from NATS yet."),
                }
                continue;
            }
            let mut next = first;
            loop {
                match next {
                    Some(Ok(msg)) => {
                        batch.push(self.envelope(msg, &tally, &mut acks));
                    }
                    Some(Err(e)) => {
                        // Heartbeats missed, a server restart: the client reconnects and the
                        // stream goes on; unacked messages are redelivered by the server.
                        tracing::warn!(error = %e, "NATS pull error; retrying.");
                        break;
                    }
                    None => break,
                }
                if batch.len() >= 64 {
                    break;
                }
                match messages.next().now_or_never() {
                    Some(m) => next = m,
                    None => break,
                }
            }
            if !batch.is_empty() {
                let n = batch.len() as u64;
                if tx.send(std::mem::take(&mut batch)).await.is_err() {
                    break; // the pipeline is gone; dropped acks nak the messages
                }
                self.progress.inputs.fetch_add(n, Ordering::Relaxed);
            }
            // Reap finished ack tasks so the set stays small.
            while acks.try_join_next().is_some() {}
        }
        drop(messages);
        drop(tx);
        while acks.join_next().await.is_some() {}
        Ok(SourceReport {
            inputs: self.progress.inputs.load(Ordering::Relaxed),
            bytes: self.progress.bytes.load(Ordering::Relaxed),
            delivered: tally.delivered.load(Ordering::Relaxed),
            rejected: tally.rejected.load(Ordering::Relaxed),
            errored: tally.errored.load(Ordering::Relaxed),
            abandoned: 0,
            files: 0,
            redelivered: self.progress.redelivered.load(Ordering::Relaxed),
            skipped: self.progress.skipped(),
        })
    }

    /// One message as an input, with a task that acks (or naks) it once its ack resolves.
    fn envelope(
        &self,
        msg: jetstream::Message,
        tally: &Arc<Tally>,
        acks: &mut tokio::task::JoinSet<()>,
    ) -> Envelope<Item<RawArticle>> {
        let (seq, delivered) =
            msg.info().map(|i| (i.stream_sequence, i.delivered)).unwrap_or((0, 1));
        if delivered > 1 {
            self.progress.redelivered.fetch_add(1, Ordering::Relaxed);
        }
        let (message, acker) = msg.split();
        self.progress.bytes.fetch_add(message.payload.len() as u64, Ordering::Relaxed);
        let origin = Origin {
            name: "nats".into(),
            path: Some(message.subject.to_string()),
            line: Some(seq),
            offset: None,
        };
        let mut raw = RawArticle {
            body: message.payload.to_vec().into(),
            format: Format::Auto,
            origin,
            received_at: now_rfc3339(),
            meta: InputMeta::default(),
        };
        if raw.body.trim_ascii_start().starts_with(b"{") {
            raw.format = Format::Json; // decoded on the workers
        } else if let Some(h) = &message.headers {
            // Raw text or HTML: metadata may travel in headers.
            let get =
                |k: &str| h.get(k).map(|v| v.as_str().trim().to_owned()).filter(|v| !v.is_empty());
            raw.meta = InputMeta {
                id: get("Copydesk-Id"),
                url: get("Copydesk-Url"),
                title: get("Copydesk-Title"),
                published: get("Copydesk-Published"),
                author: get("Copydesk-Author"),
                dateline: get("Copydesk-Dateline"),
                lang: get("Copydesk-Lang"),
                extra: Default::default(),
            };
        }
        let span = tracing::info_span!("article", source = "nats", seq);
        let (ack, receipt) = Ack::new();
        let (tally, progress) = (tally.clone(), self.progress.clone());
        acks.spawn(async move {
            let status = receipt.await.unwrap_or(Delivery::Errored);
            let result = match status {
                Delivery::Delivered | Delivery::Rejected => acker.double_ack().await,
                // Lost here: let another attempt (maybe another instance) have it now.
                Delivery::Errored => acker.ack_with(AckKind::Nak(None)).await,
            };
            // The article's fate counts, not the ack's: an ack the server did not confirm
            // (it went away) only means the message comes again, and the sinks' ids and
            // duplicate windows absorb the repeat.
            match status {
                Delivery::Delivered => tally.delivered.fetch_add(1, Ordering::Relaxed),
                Delivery::Rejected => tally.rejected.fetch_add(1, Ordering::Relaxed),
                Delivery::Errored => tally.errored.fetch_add(1, Ordering::Relaxed),
            };
            if let Err(e) = result {
                tracing::warn!(error = %e, seq, "A NATS ack was not confirmed; the message will be redelivered.");
            }
            progress.resolved.fetch_add(1, Ordering::Relaxed);
        });
        Envelope::new(Ok(raw), ack, span)
    }
}
