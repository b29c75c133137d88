//! The NATS JetStream sink: each record is published to a subject (templated: `{lang}` is the
//! article's language, `und` when unknown) with `Nats-Msg-Id` = the article id, so that
//! JetStream's duplicate window drops re-publishes after a crash. A batch's publish acks are
//! awaited together (many in flight, not one at a time) before its articles are acked.

use async_nats::jetstream;
use copydesk_core::{Ack, Record};

use crate::jsonl::SinkError;

/// The NATS sink.
#[derive(Debug)]
pub struct NatsSink {
    name: String,
    js: jetstream::Context,
    subject: String,
    pending: Vec<(String, String, Vec<u8>)>,
    acks: Vec<Ack>,
}

/// Publish at most this many records per batch.
const BATCH_RECORDS: usize = 1024;

impl NatsSink {
    /// A sink publishing through `client` to `subject`; the stream `stream` (over the
    /// subject's pattern) is created when missing.
    ///
    /// # Errors
    /// When the stream cannot be made.
    pub async fn new(
        client: async_nats::Client,
        stream: &str,
        subject: &str,
    ) -> Result<NatsSink, SinkError> {
        let js = jetstream::new(client);
        let pattern = subject.replace("{lang}", "*");
        js.get_or_create_stream(jetstream::stream::Config {
            name: stream.to_owned(),
            subjects: vec![pattern],
            ..Default::default()
        })
        .await
        .map_err(|e| SinkError::Nats(format!("stream {stream}: {e}")))?;
        Ok(NatsSink {
            name: format!("nats:{subject}"),
            js,
            subject: subject.to_owned(),
            pending: Vec::new(),
            acks: Vec::new(),
        })
    }

    /// `nats:SUBJECT`.
    pub fn name(&self) -> String {
        self.name.clone()
    }

    /// Queues a record.
    pub fn push(&mut self, record: &Record, ack: Ack) {
        let lang = record.article.lang.as_ref().map_or("und", |l| l.code.as_str());
        let subject = self.subject.replace("{lang}", lang);
        self.pending.push((subject, record.article.id.0.clone(), record.json.clone().into_bytes()));
        self.acks.push(ack);
    }

    /// True when the batch should be published now.
    pub fn full(&self) -> bool {
        self.pending.len() >= BATCH_RECORDS
    }

    /// Publishes what is queued and awaits every publish ack; returns the articles' acks.
    ///
    /// # Errors
    /// When a publish fails or is not confirmed: the batch's acks are dropped (errored) and
    /// the sink stops; what was published is dropped by the duplicate window on replay.
    pub async fn flush(&mut self) -> Result<Vec<Ack>, SinkError> {
        if self.pending.is_empty() {
            return Ok(Vec::new());
        }
        let mut confirms = Vec::with_capacity(self.pending.len());
        for (subject, id, payload) in self.pending.drain(..) {
            let mut headers = async_nats::HeaderMap::new();
            headers.insert("Nats-Msg-Id", id.as_str());
            let fut = self
                .js
                .publish_with_headers(subject, headers, payload.into())
                .await
                .map_err(|e| SinkError::Nats(format!("publish: {e}")))?;
            confirms.push(fut.into_future());
        }
        for r in futures::future::join_all(confirms).await {
            r.map_err(|e| SinkError::Nats(format!("publish not confirmed: {e}")))?;
        }
        Ok(std::mem::take(&mut self.acks))
    }
}
