//! The NATS JetStream source: a durable pull consumer shared by every copydesk instance that
//! names the same durable (work-queue semantics: each message goes to one instance).
//!
//! A message is acked to JetStream only when its article's [`Ack`] resolves as delivered or
//! rejected, with a server-confirmed ack (`double_ack`; a plain ack is only buffered and can
//! be lost in a crash). A lost article is nak'ed, so the server redelivers it. At most
//! `max_ack_pending` messages are unacknowledged at a time, so a slow sink slows the fetch.
//!
//! At start the durable consumer the server has is compared with the configuration: what
//! JetStream lets change on an existing consumer (the filter subject, `ack_wait`,
//! `max_ack_pending`) is updated and logged; what it does not (a push consumer, another ack
//! or deliver policy) refuses the start with what to do about it. [`NatsSource::probe`] does
//! the same comparison without changing anything, for `copydesk check --connect`.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use async_nats::jetstream::consumer::FromConsumer as _;
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

impl NatsConnect {
    /// Connects and looks up `stream`, changing nothing (`copydesk check --connect` for a
    /// sink): a missing stream is created at start; an existing one must take `subject`.
    ///
    /// # Errors
    /// When the server cannot be reached, or the stream's subjects do not take `subject`.
    pub async fn probe_stream(&self, stream: &str, subject: &str) -> Result<String, String> {
        let js = jetstream::new(self.connect().await?);
        match find_stream(&js, stream, subject).await? {
            Some((_, head)) => Ok(head),
            None => Ok(format!("stream {stream}: missing, created over {subject} at start")),
        }
    }
}

/// The stream `name` and its description (`stream NEWS_IN (news.>)`), `None` when missing.
///
/// # Errors
/// When the server does not answer, or the stream's subjects do not take `subject`.
async fn find_stream(
    js: &jetstream::Context,
    name: &str,
    subject: &str,
) -> Result<Option<(stream::Stream, String)>, String> {
    let stream = match js.get_stream(name).await {
        Ok(s) => s,
        Err(e) if is_not_found(&e) => return Ok(None),
        Err(e) => return Err(format!("stream {name}: {e}")),
    };
    let subjects = stream.cached_info().config.subjects.join(", ");
    if !stream.cached_info().config.subjects.iter().any(|s| subject_covers(s, subject)) {
        return Err(format!(
            "subject {subject} is not among the subjects of stream {name} ({subjects}): add it \
             to the stream (nats stream edit {name} --subjects ...) or configure one of these"
        ));
    }
    Ok(Some((stream, format!("stream {name} ({subjects})"))))
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
        let (consumer, _) = prepare(&js, cfg, true).await.map_err(fail)?;
        let consumer = consumer.expect("prepare with apply makes the consumer");
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

impl NatsSource {
    /// Connects and compares the stream and the durable consumer the server has with the
    /// configuration, changing nothing: what a start would create or update, e.g.
    /// `stream NEWS_IN (news.>); consumer copydesk: up to date`.
    ///
    /// # Errors
    /// When the server cannot be reached, or a start would refuse the consumer (the message
    /// says why and what to do).
    pub async fn probe(cfg: &NatsSourceConfig) -> Result<String, String> {
        let client = cfg.connect.connect().await?;
        let js = jetstream::new(client);
        prepare(&js, cfg, false).await.map(|(_, what)| what)
    }
}

/// Gets (or, with `apply`, creates) the stream, and compares the durable consumer with the
/// configuration: creates a missing one and updates a changed one when `apply`, refuses one
/// that JetStream cannot change. Returns the consumer (with `apply`) and what was (or would
/// be) done.
async fn prepare(
    js: &jetstream::Context,
    cfg: &NatsSourceConfig,
    apply: bool,
) -> Result<(Option<consumer::PullConsumer>, String), String> {
    let (durable, name) = (&cfg.durable, &cfg.stream);
    let Some((stream, head)) = find_stream(js, name, &cfg.subject).await? else {
        let what = format!("stream {name}: missing, created over {}", cfg.subject);
        if !apply {
            return Ok((None, format!("{what} at start; consumer {durable}: created at start")));
        }
        let stream = js
            .get_or_create_stream(stream::Config {
                name: name.clone(),
                subjects: vec![cfg.subject.clone()],
                retention: stream::RetentionPolicy::WorkQueue,
                ..Default::default()
            })
            .await
            .map_err(|e| format!("stream {name}: {e}"))?;
        tracing::info!(stream = %name, subject = %cfg.subject, "Created the NATS stream.");
        let consumer = stream
            .create_consumer(wanted(consumer::pull::Config::default(), cfg))
            .await
            .map_err(|e| format!("consumer {durable} on {name}: {e}"))?;
        return Ok((Some(consumer), format!("{what}; consumer {durable}: created")));
    };
    let existing = match stream.consumer_info(durable).await {
        Ok(info) => Some(info.config),
        Err(e) if e.kind() == consumer_not_found() => None,
        Err(e) => return Err(format!("consumer {durable} on {name}: {e}")),
    };
    let Some(existing) = existing else {
        if !apply {
            return Ok((None, format!("{head}; consumer {durable}: missing, created at start")));
        }
        let consumer = stream
            .create_consumer(wanted(consumer::pull::Config::default(), cfg))
            .await
            .map_err(|e| format!("consumer {durable} on {name}: {e}"))?;
        tracing::info!(stream = %name, durable = %durable, "Created the NATS consumer.");
        return Ok((Some(consumer), format!("{head}; consumer {durable}: created")));
    };
    let changes = consumer_changes(&existing, cfg).map_err(|why| {
        format!(
            "consumer {durable} on stream {name} {why}, which JetStream cannot change on an \
             existing consumer: delete it (nats consumer rm {name} {durable}) for copydesk \
             to create it anew, or configure another durable"
        )
    })?;
    if changes.is_empty() {
        let consumer = if apply {
            let c = stream.get_consumer(durable).await;
            Some(c.map_err(|e| format!("consumer {durable} on {name}: {e}"))?)
        } else {
            None
        };
        return Ok((consumer, format!("{head}; consumer {durable}: up to date")));
    }
    let list = changes.join(", ");
    if !apply {
        return Ok((None, format!("{head}; consumer {durable}: updated at start ({list})")));
    }
    let current = consumer::pull::Config::try_from_consumer_config(existing)
        .map_err(|e| format!("consumer {durable} on {name}: {e}"))?;
    // `create_consumer` is JetStream's create-or-update (a create naming an existing durable
    // updates it, on 2.9 servers too; `update_consumer` needs the crate's `server_2_10`).
    let consumer = stream
        .create_consumer(wanted(current, cfg))
        .await
        .map_err(|e| format!("cannot update consumer {durable} on {name} ({list}): {e}"))?;
    tracing::info!(stream = %name, durable = %durable, changes = %list, "Updated the NATS consumer to the configuration.");
    Ok((Some(consumer), format!("{head}; consumer {durable}: updated ({list})")))
}

/// `base` with what the configuration sets: every other setting (one made by hand, one the
/// server filled in) is kept, so that an update changes only these.
fn wanted(base: consumer::pull::Config, cfg: &NatsSourceConfig) -> consumer::pull::Config {
    consumer::pull::Config {
        durable_name: Some(cfg.durable.clone()),
        ack_policy: consumer::AckPolicy::Explicit,
        ack_wait: cfg.ack_wait,
        max_ack_pending: cfg.max_ack_pending,
        filter_subject: cfg.subject.clone(),
        ..base
    }
}

/// What differs between the consumer the server has and the configuration, as
/// `key old → new` for what JetStream updates in place (the filter subject, the ack wait, the
/// unacknowledged maximum).
///
/// # Errors
/// What JetStream cannot change on an existing consumer and copydesk needs (a pull consumer,
/// explicit acks, delivery of everything in the stream), as the end of a sentence.
pub fn consumer_changes(
    existing: &consumer::Config,
    cfg: &NatsSourceConfig,
) -> Result<Vec<String>, String> {
    if let Some(s) = &existing.deliver_subject {
        return Err(format!("is a push consumer (deliver subject {s}; copydesk pulls)"));
    }
    if existing.ack_policy != consumer::AckPolicy::Explicit {
        return Err(format!(
            "has ack policy {:?} (copydesk acknowledges each message: explicit)",
            existing.ack_policy
        ));
    }
    if existing.deliver_policy != consumer::DeliverPolicy::All {
        return Err(format!(
            "has deliver policy {:?} (copydesk's consumers deliver all)",
            existing.deliver_policy
        ));
    }
    let mut changes = Vec::new();
    if existing.filter_subject != cfg.subject {
        let old =
            if existing.filter_subject.is_empty() { "(all)" } else { &existing.filter_subject };
        changes.push(format!("subject {old} → {}", cfg.subject));
    }
    if existing.ack_wait != cfg.ack_wait {
        changes.push(format!(
            "ack_wait_secs {} → {}",
            existing.ack_wait.as_secs_f64(),
            cfg.ack_wait.as_secs_f64()
        ));
    }
    if existing.max_ack_pending != cfg.max_ack_pending {
        changes.push(format!(
            "max_ack_pending {} → {}",
            existing.max_ack_pending, cfg.max_ack_pending
        ));
    }
    Ok(changes)
}

fn consumer_not_found() -> jetstream::context::ConsumerInfoErrorKind {
    jetstream::context::ConsumerInfoErrorKind::NotFound
}

/// True when the error says the stream does not exist.
fn is_not_found(e: &jetstream::context::GetStreamError) -> bool {
    matches!(e.kind(), jetstream::context::GetStreamErrorKind::JetStream(j)
        if j.error_code() == jetstream::ErrorCode::STREAM_NOT_FOUND)
}

/// True when every subject `filter` matches is one `pattern` matches (NATS wildcards: `*` one
/// token, `>` one or more at the end), e.g. `news.>` covers `news.in` and `news.*`.
pub fn subject_covers(pattern: &str, filter: &str) -> bool {
    let (mut p, mut f) = (pattern.split('.'), filter.split('.'));
    loop {
        match (p.next(), f.next()) {
            (Some(">"), Some(_)) => return true,
            (Some("*"), Some(t)) if t != ">" => {}
            (Some(a), Some(b)) if a == b && a != ">" => {}
            (None, None) => return true,
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use async_nats::jetstream::consumer::IntoConsumerConfig as _;

    fn cfg() -> NatsSourceConfig {
        NatsSourceConfig {
            connect: NatsConnect::default(),
            stream: "IN".into(),
            subject: "news.in".into(),
            durable: "copydesk".into(),
            ack_wait: Duration::from_secs(30),
            max_ack_pending: 1000,
            batch: 200,
        }
    }

    fn existing() -> consumer::Config {
        wanted(consumer::pull::Config { max_waiting: 512, ..Default::default() }, &cfg())
            .into_consumer_config()
    }

    #[test]
    fn an_unchanged_consumer_needs_nothing_and_changes_are_listed() {
        assert_eq!(consumer_changes(&existing(), &cfg()), Ok(vec![]));
        let c = NatsSourceConfig {
            subject: "news.wire".into(),
            ack_wait: Duration::from_secs(5),
            max_ack_pending: 10,
            ..cfg()
        };
        assert_eq!(
            consumer_changes(&existing(), &c).unwrap(),
            ["subject news.in → news.wire", "ack_wait_secs 30 → 5", "max_ack_pending 1000 → 10"]
        );
        // An update keeps what the server filled in.
        let updated =
            wanted(consumer::pull::Config::try_from_consumer_config(existing()).unwrap(), &c)
                .into_consumer_config();
        assert_eq!(updated.max_waiting, 512);
        assert_eq!(consumer_changes(&updated, &c), Ok(vec![]));
    }

    #[test]
    fn what_jetstream_cannot_change_refuses() {
        let e = consumer::Config { ack_policy: consumer::AckPolicy::All, ..existing() };
        assert!(consumer_changes(&e, &cfg()).unwrap_err().contains("ack policy All"));
        let e = consumer::Config { deliver_policy: consumer::DeliverPolicy::New, ..existing() };
        assert!(consumer_changes(&e, &cfg()).unwrap_err().contains("deliver policy New"));
        let e = consumer::Config { deliver_subject: Some("x".into()), ..existing() };
        assert!(consumer_changes(&e, &cfg()).unwrap_err().contains("push consumer"));
    }

    #[test]
    fn stream_subjects_cover_filters() {
        for (p, f) in [
            ("news.in", "news.in"),
            ("news.>", "news.in"),
            ("news.>", "news.*.x"),
            ("news.*", "news.in"),
            ("news.*", "news.*"),
            (">", "a.b"),
        ] {
            assert!(subject_covers(p, f), "{p} {f}");
        }
        for (p, f) in [
            ("news.in", "news.wire"),
            ("news.*", "news.in.x"),
            ("news.in", "news.*"),
            ("news.*", "news.>"),
            ("news.>", "news"),
            ("news.in.x", "news.in"),
        ] {
            assert!(!subject_covers(p, f), "{p} {f}");
        }
    }
}
