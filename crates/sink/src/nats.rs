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
        let lang = record.article().lang.as_ref().map_or("und", |l| l.code.as_str());
        let subject = self.subject.replace("{lang}", lang);
        self.pending.push((
            subject,
            record.article().id.0.clone(),
            record.json.clone().into_bytes(),
        ));
        self.acks.push(ack);
    }

    /// True when the batch should be published now.
    pub fn full(&self) -> bool {
        self.pending.len() >= BATCH_RECORDS
    }

    /// Publishes what is queued and awaits every publish ack; returns the articles' acks.
    /// Publishes that fail or are not confirmed (the server went away) are retried, with a
    /// growing pause, until the server confirms them: the articles wait (and with them the
    /// sources), nothing is lost, and the duplicate window drops what was stored twice.
    ///
    /// # Errors
    /// Never at present; the signature leaves room for a retry limit.
    pub async fn flush(&mut self) -> Result<Vec<Ack>, SinkError> {
        let mut todo: Vec<(String, String, Vec<u8>)> = std::mem::take(&mut self.pending);
        let mut pause = std::time::Duration::from_millis(100);
        while !todo.is_empty() {
            let mut confirms = Vec::with_capacity(todo.len());
            for (subject, id, payload) in &todo {
                let mut headers = async_nats::HeaderMap::new();
                headers.insert("Nats-Msg-Id", id.as_str());
                let sent = self
                    .js
                    .publish_with_headers(subject.clone(), headers, payload.clone().into())
                    .await;
                confirms.push(async move {
                    match sent {
                        Ok(fut) => fut.await.map(|_| ()).map_err(|e| e.to_string()),
                        Err(e) => Err(e.to_string()),
                    }
                });
            }
            let results = futures::future::join_all(confirms).await;
            let mut failed = Vec::new();
            let mut first_error = None;
            for (item, r) in todo.into_iter().zip(results) {
                if let Err(e) = r {
                    first_error.get_or_insert(e);
                    failed.push(item);
                }
            }
            if let Some(e) = first_error {
                tracing::warn!(sink = %self.name, failed = failed.len(), error = %e, "NATS publishes not confirmed; retrying.");
                tokio::time::sleep(pause).await;
                pause = (pause * 2).min(std::time::Duration::from_secs(2));
            }
            todo = failed;
        }
        Ok(std::mem::take(&mut self.acks))
    }
}
