//! `copydesk replay`: the refused inputs of a dead-letter file, run through the pipeline again
//! (after a fix: a higher `--max-bytes`, other rules, an input corrected in the file).
//!
//! Each dead letter not yet replayed becomes an input again, with its original origin and
//! receive time: its `raw`, or, for a one-article file whose content the dead letter does not
//! hold (`empty file`, a file over the size limit), the file at its `source.path`. A dead
//! letter whose `raw` holds only the start of the input (`(raw truncated)` in its reason) is
//! not replayable and stays as it is.
//!
//! The file is then rewritten atomically (a temporary file beside it, fsynced, renamed over
//! it): a dead letter whose article is now written gets `"replayed": "<time>"` (and is skipped
//! by the next replay); one refused again keeps its input and gets the new `reason` and
//! `stage`; every other line stays as it was, lines appended meanwhile included.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::Context;
use copydesk_core::{
    Ack, Batch, DeadLetter, Delivery, Envelope, Format, InputMeta, Item, RawArticle, Tx,
    now_rfc3339,
};
use copydesk_ingest::{SourceProgress, SourceReport};
use serde::{Deserialize, Serialize};
use tokio_util::sync::CancellationToken;

use crate::{Config, RunReport};

/// The marker in a dead letter's reason that its `raw` holds only the start of the input.
const RAW_TRUNCATED: &str = "(raw truncated)";

/// A dead letter as the file holds it: the record, and when it was replayed.
#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    #[serde(flatten)]
    letter: DeadLetter,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    replayed: Option<String>,
}

/// A line of the file: a dead letter, or anything else (kept as it is).
#[derive(Debug)]
enum Line {
    Letter { text: String, entry: Box<Entry>, changed: bool },
    Other(String),
}

/// What a replay did with the file.
#[derive(Debug, Default)]
pub struct ReplayReport {
    /// The pipeline run (the replayed inputs only).
    pub run: RunReport,
    /// Dead letters in the file.
    pub letters: u64,
    /// Written now, and marked replayed.
    pub replayed: u64,
    /// Refused again: they stay, with the new reason.
    pub refused: u64,
    /// Lost on the way (a failed sink, a shutdown) or not sent: they stay as they were.
    pub lost: u64,
    /// Whose input the dead letter does not hold whole: they stay as they were.
    pub not_replayable: u64,
    /// Marked replayed by an earlier replay: skipped.
    pub earlier: u64,
    /// Lines that are not dead letters: kept as they are.
    pub unreadable: u64,
}

impl ReplayReport {
    /// True when every dead letter still waiting is now written.
    pub fn all_replayed(&self) -> bool {
        self.refused + self.lost + self.not_replayable + self.unreadable == 0
    }
}

/// The inputs of a replay, and where their outcomes are written (by their index).
#[derive(Debug)]
pub(crate) struct Inputs {
    items: Vec<Item<RawArticle>>,
    outcomes: Arc<Mutex<Vec<Option<Delivery>>>>,
    progress: Arc<SourceProgress>,
}

/// Replays the dead letters of `path` through the pipeline of `cfg` (its sinks; its
/// dead-letter output is replaced by one of its own), then rewrites `path`.
///
/// # Errors
/// When the file cannot be read or rewritten, or the pipeline fails (the file is still
/// rewritten for what was written or refused before that).
pub async fn replay(
    mut cfg: Config,
    path: &Path,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<ReplayReport> {
    let original =
        std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut lines = parse(&String::from_utf8_lossy(&original));
    let mut report = ReplayReport::default();
    let mut items = Vec::new();
    let mut index = Vec::new(); // the line of each input
    for (i, line) in lines.iter().enumerate() {
        let Line::Letter { entry, .. } = line else {
            report.unreadable += 1;
            continue;
        };
        report.letters += 1;
        if entry.replayed.is_some() {
            report.earlier += 1;
            continue;
        }
        match input(&entry.letter, cfg.input.max_bytes) {
            Ok(item) => {
                items.push(item);
                index.push(i);
            }
            Err(why) => {
                tracing::warn!(line = i + 1, reason = %entry.letter.reason, "Not replayable: {why}.");
                report.not_replayable += 1;
            }
        }
    }
    let dead = side_file(path, "dead");
    cfg.output.dead_letter = Some(dead.clone());
    cfg.ordered = true; // new dead letters come in input order, matched to their inputs
    let outcomes = Arc::new(Mutex::new(vec![None; items.len()]));
    let inputs = Inputs { items, outcomes: outcomes.clone(), progress: Arc::default() };
    let run = if index.is_empty() {
        Ok(RunReport::default())
    } else {
        crate::run::run_inputs(cfg, inputs, shutdown).await
    };
    let refusals = read_refusals(&dead);
    _ = std::fs::remove_file(&dead);
    let outcomes = std::mem::take(&mut *outcomes.lock().unwrap_or_else(|p| p.into_inner()));
    let refused_count = outcomes.iter().filter(|o| **o == Some(Delivery::Rejected)).count();
    // The refusals are in input order: one per refused input.
    let mut refusals = if refusals.len() == refused_count {
        refusals.into_iter()
    } else {
        tracing::warn!(
            refused = refused_count,
            dead_letters = refusals.len(),
            "Cannot tell which new reason is whose: the refused dead letters keep their reasons."
        );
        Vec::new().into_iter()
    };
    let now = now_rfc3339();
    for (&i, outcome) in index.iter().zip(&outcomes) {
        let Line::Letter { entry, changed, .. } = &mut lines[i] else { continue };
        match outcome {
            Some(Delivery::Delivered) => {
                entry.replayed = Some(now.clone());
                *changed = true;
                report.replayed += 1;
            }
            Some(Delivery::Rejected) => {
                if let Some(new) = refusals.next() {
                    (entry.letter.reason, entry.letter.stage) = (new.reason, new.stage);
                    *changed = true;
                }
                report.refused += 1;
            }
            Some(Delivery::Errored) | None => report.lost += 1,
        }
    }
    if lines.iter().any(|l| matches!(l, Line::Letter { changed: true, .. })) {
        rewrite(path, &lines, original.len())?;
    }
    report.run = run?;
    Ok(report)
}

/// The file's lines: dead letters, and whatever else (blank lines are dropped).
fn parse(text: &str) -> Vec<Line> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| match serde_json::from_str::<Entry>(l) {
            Ok(entry) => {
                Line::Letter { text: l.to_owned(), entry: Box::new(entry), changed: false }
            }
            Err(e) => {
                tracing::warn!(error = %e, "A line that is not a dead letter: kept as it is.");
                Line::Other(l.to_owned())
            }
        })
        .collect()
}

/// A dead letter as an input again; or why it cannot be one.
fn input(letter: &DeadLetter, max_bytes: usize) -> Result<Item<RawArticle>, String> {
    let body: Vec<u8> = if letter.reason.contains(RAW_TRUNCATED) {
        return Err("the dead letter holds only the start of the input".into());
    } else if !letter.raw.is_empty() {
        letter.raw.clone().into_bytes()
    } else if let (Some(p), None) = (&letter.source.path, letter.source.line) {
        // A one-article file whose content was not kept: the file as it is now.
        std::fs::read(p).map_err(|e| format!("cannot read {p}: {e}"))?
    } else {
        return Err("the dead letter holds no input".into());
    };
    if body.len() > max_bytes {
        let reason = format!("input is {} bytes, over the limit of {max_bytes} bytes", body.len());
        let letter = DeadLetter::new("ingest", reason, letter.source.clone(), b"", None);
        return Ok(Err(Box::new(letter)));
    }
    let format =
        if body.trim_ascii_start().starts_with(b"{") { Format::Json } else { Format::Auto };
    Ok(Ok(RawArticle {
        body: body.into(),
        format,
        origin: letter.source.clone(),
        received_at: letter.received_at.clone(),
        meta: InputMeta::default(),
    }))
}

/// A file beside `path` for this process: `.NAME.replay-PID.WHAT`.
fn side_file(path: &Path, what: &str) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.replay-{}.{what}", std::process::id()))
}

/// The dead letters of the replay's own dead-letter output, in order.
fn read_refusals(dead: &Path) -> Vec<DeadLetter> {
    let text = std::fs::read_to_string(dead).unwrap_or_default();
    text.lines().filter_map(|l| serde_json::from_str(l).ok()).collect()
}

/// Writes `lines` (changed dead letters anew, the rest as they were) and what was appended to
/// `path` after its first `read` bytes into a file beside it, then renames that over it.
fn rewrite(path: &Path, lines: &[Line], read: usize) -> anyhow::Result<()> {
    let tmp = side_file(path, "tmp");
    let write = || -> std::io::Result<()> {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        for line in lines {
            match line {
                Line::Letter { entry, changed: true, .. } => {
                    serde_json::to_writer(&mut out, entry)?;
                }
                Line::Letter { text, .. } | Line::Other(text) => out.write_all(text.as_bytes())?,
            }
            out.write_all(b"\n")?;
        }
        // Dead letters a running copydesk appended meanwhile.
        let now = std::fs::read(path)?;
        if now.len() > read {
            out.write_all(&now[read..])?;
        }
        let file = out.into_inner().map_err(std::io::IntoInnerError::into_error)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::File::open(dir)?.sync_all()?;
        }
        Ok(())
    };
    write().map_err(|e| {
        _ = std::fs::remove_file(&tmp);
        anyhow::anyhow!("cannot rewrite {}: {e}", path.display())
    })
}

/// Sends the inputs in batches until done or `token`, then waits for each one's outcome and
/// writes it by index.
pub(crate) async fn send(
    inputs: Inputs,
    tx: Tx<Item<RawArticle>>,
    token: CancellationToken,
) -> anyhow::Result<SourceReport> {
    let Inputs { items, outcomes, progress } = inputs;
    let total = items.len() as u64;
    let mut receipts = Vec::with_capacity(items.len());
    let mut items = items.into_iter().enumerate().peekable();
    while items.peek().is_some() && !token.is_cancelled() {
        let mut batch: Batch<Item<RawArticle>> = Vec::with_capacity(64);
        for (i, item) in items.by_ref().take(64) {
            if let Ok(raw) = &item {
                progress
                    .bytes
                    .fetch_add(raw.body.len() as u64, std::sync::atomic::Ordering::Relaxed);
            }
            let (ack, receipt) = Ack::new();
            receipts.push((i, receipt));
            let span = tracing::info_span!("article", source = "replay", entry = i + 1);
            batch.push(Envelope::new(item, ack, span));
        }
        let n = batch.len() as u64;
        tokio::select! {
            sent = tx.send(batch) => if sent.is_err() { break },
            () = token.cancelled() => break,
        }
        progress.inputs.fetch_add(n, std::sync::atomic::Ordering::Relaxed);
    }
    drop(tx);
    let mut report = SourceReport::default();
    for (i, receipt) in receipts {
        let status = receipt.await.unwrap_or(Delivery::Errored);
        match status {
            Delivery::Delivered => report.delivered += 1,
            Delivery::Rejected => report.rejected += 1,
            Delivery::Errored => report.errored += 1,
        }
        if let Ok(mut o) = outcomes.lock() {
            o[i] = Some(status);
        }
    }
    report.inputs = progress.inputs.load(std::sync::atomic::Ordering::Relaxed);
    report.bytes = progress.bytes.load(std::sync::atomic::Ordering::Relaxed);
    report.abandoned = total - report.inputs;
    Ok(report)
}

impl Inputs {
    pub(crate) fn progress(&self) -> Arc<SourceProgress> {
        self.progress.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use copydesk_core::Origin;

    fn letter(reason: &str, raw: &str) -> DeadLetter {
        DeadLetter::new(
            "ingest",
            reason,
            Origin { name: "stdin".into(), line: Some(3), ..Default::default() },
            raw.as_bytes(),
            None,
        )
    }

    #[test]
    fn what_a_dead_letter_replays_as() {
        let ok = input(&letter("invalid JSON", r#"{"id":"a","text":"x"}"#), 100).unwrap().unwrap();
        assert_eq!((ok.format, ok.origin.line), (Format::Json, Some(3)));
        let text = input(&letter("empty text", "Plain words."), 100).unwrap().unwrap();
        assert_eq!(text.format, Format::Auto);
        let big = input(&letter("x", "Plain words."), 5).unwrap().unwrap_err();
        assert!(big.reason.contains("over the limit of 5 bytes"), "{}", big.reason);
        assert!(
            input(&letter("input is 9 bytes, over the limit (raw truncated)", "abc"), 100).is_err()
        );
        assert!(input(&letter("empty text", ""), 100).is_err());
    }

    #[test]
    fn lines_round_trip_and_the_mark_comes_last() {
        let l = serde_json::to_string(&letter("r", "x")).unwrap();
        let lines = parse(&format!("{l}\n\nnot json\n"));
        assert_eq!(lines.len(), 2);
        let Line::Letter { entry, .. } = &lines[0] else { panic!() };
        let mut entry = Entry { letter: entry.letter.clone(), replayed: None };
        assert_eq!(serde_json::to_string(&entry).unwrap(), l);
        entry.replayed = Some("2026-01-01T00:00:00.000Z".into());
        let marked = serde_json::to_string(&entry).unwrap();
        assert!(
            marked.starts_with(&l[..l.len() - 1])
                && marked.ends_with(r#","replayed":"2026-01-01T00:00:00.000Z"}"#),
            "{marked}"
        );
        assert!(matches!(&lines[1], Line::Other(t) if t == "not json"));
    }
}
