//! The directory source (`copydesk watch`): spool files (one article, or a few, per file) and
//! tailed feeds (`.jsonl`, `.ndjson`, `.txt` with a split), with crash-safe progress.
//!
//! Three threads:
//! - **notify** (the `notify` crate's inotify thread) turns kernel events into messages;
//! - the **reader** owns every file handle: it decides when a spool file is complete, reads
//!   spool files and the complete lines appended to tailed files, frames them into inputs and
//!   sends them downstream in batches, each input with an [`Ack`]; it rescans the directories
//!   periodically (and after an event-queue overflow) as a safety net;
//! - the **collector** receives, in send order, one *unit* per spool file or tail read (the
//!   receipts of its inputs and the [`Mark`] that records it), waits for the receipts, and
//!   commits the marks of units whose inputs were all delivered or rejected to the
//!   [`StateStore`], in batches. A unit with a lost input is not marked: a spool file is read
//!   again next start; a tailed file's checkpoint stops advancing for the rest of the run.
//!
//! Backpressure: the reader blocks on the bounded downstream queue and the bounded unit queue,
//! so a slow sink slows reading and memory stays bounded.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::Read;
use std::os::unix::fs::{FileExt, MetadataExt};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, TrySendError, sync_channel};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use copydesk_core::{
    Ack, AckReceiver, Batch, DeadLetter, Delivery, Envelope, Item, Origin, RawArticle, Tx,
};
use globset::{Glob, GlobSet, GlobSetBuilder};
use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind, RenameMode};
use notify::{Event, EventKind, RecursiveMode, Watcher};
use tokio_util::sync::CancellationToken;

use crate::framing::{Framer, FramingConfig, InputFormat, Split, parse_json_article};
use crate::source::{IngestError, SourceProgress, SourceReport};
use crate::state::{DoneFile, FileKey, Mark, StateError, StateStore, TailCheckpoint};

/// What happens to a spool file once its articles are resolved.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Completion {
    /// Leave it where it is (the state store remembers it is done).
    #[default]
    Keep,
    /// Move it into this folder (a numeric suffix avoids overwriting).
    Move(PathBuf),
    /// Delete it.
    Delete,
}

/// Settings of a directory source.
#[derive(Clone, Debug)]
pub struct WatchConfig {
    /// The directories to watch.
    pub dirs: Vec<PathBuf>,
    /// The state store; `None`: [`StateStore::default_path`].
    pub state: Option<PathBuf>,
    /// Process what is there, then stop (no watching).
    pub once: bool,
    /// Descend into subdirectories.
    pub recursive: bool,
    /// Only files whose path (relative to its watched directory) matches one of these globs;
    /// empty: every file with a known extension.
    pub include: Vec<String>,
    /// Never files matching one of these globs.
    pub exclude: Vec<String>,
    /// Extensions of one-article files (spool mode).
    pub spool_ext: Vec<String>,
    /// Extensions of growing feeds (tail mode). `.txt` is tailed instead of spooled when
    /// `split` is `Line` or `Blank`.
    pub tail_ext: Vec<String>,
    /// How `.txt`/`.md` text is cut into articles.
    pub split: Split,
    /// A spool file seen being written is read once unchanged for this long (files closed
    /// after writing or moved in are read at once).
    pub quiet: Duration,
    /// Full rescan period: the safety net under inotify.
    pub rescan: Duration,
    /// A tailed file's handle is closed after this long without new data.
    pub idle_close: Duration,
    /// Largest file (spool) or record (tail) accepted, in bytes.
    pub max_bytes: usize,
    /// What to do with done spool files.
    pub completion: Completion,
    /// Told about every spool file once its articles are resolved (and its mark committed).
    pub on_resolved: Option<tokio::sync::broadcast::Sender<Resolved>>,
    /// The source name written into every record and dead letter (`source.name`) and used in
    /// logs: `watch`, or the name of a source that reads a spool folder of its own (`http`).
    pub source_name: String,
    /// Write each file's path into its records (`source.path`). Off for an internal spool
    /// whose files are deleted once done: the path would name nothing.
    pub record_path: bool,
}

/// The default extensions of spool files: one article (text, HTML, JSON), or the articles of
/// one delivered document (XML feeds, NITF, NewsML-G2, WARC archives, gzip of any of them).
pub const SPOOL_EXT: [&str; 13] = [
    "txt", "html", "htm", "json", "md", "xml", "rss", "atom", "rdf", "nitf", "newsml", "warc", "gz",
];

/// Extensions of spool files read as a stream, record by record, whatever their size (the
/// `max_bytes` limit applies to each record): WARC archives and gzip files.
const STREAMED_EXT: [&str; 2] = ["warc", "gz"];

impl Default for WatchConfig {
    fn default() -> WatchConfig {
        WatchConfig {
            dirs: Vec::new(),
            state: None,
            once: false,
            recursive: true,
            include: Vec::new(),
            exclude: Vec::new(),
            spool_ext: SPOOL_EXT.map(String::from).to_vec(),
            tail_ext: ["jsonl", "ndjson"].map(String::from).to_vec(),
            split: Split::None,
            quiet: Duration::from_secs(2),
            rescan: Duration::from_secs(30),
            idle_close: Duration::from_secs(60),
            max_bytes: 16 << 20,
            completion: Completion::Keep,
            on_resolved: None,
            source_name: "watch".to_owned(),
            record_path: true,
        }
    }
}

/// A spool file whose articles are all resolved: how many were written, refused (dead
/// letters) and lost. All zero for a file found already done at start.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Resolved {
    /// The file (canonical path).
    pub path: PathBuf,
    /// Articles written by the sinks.
    pub delivered: u64,
    /// Articles refused (dead-lettered).
    pub rejected: u64,
    /// Articles lost (the file is read again at the next start).
    pub lost: u64,
}

/// Errors found while building a directory source.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WatchError {
    /// A watched path is not a readable directory.
    #[error("{path}: {reason}")]
    Dir {
        /// The path.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// A glob does not compile.
    #[error("bad glob {glob:?}: {source}")]
    Glob {
        /// The glob.
        glob: String,
        /// Why.
        #[source]
        source: globset::Error,
    },
    /// The state store failed.
    #[error(transparent)]
    State(#[from] StateError),
    /// The completion folder cannot be created.
    #[error("cannot create the folder for done files {path}: {source}")]
    DoneDir {
        /// The folder.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
}

/// A directory source, validated and with its state store open.
#[derive(Debug)]
pub struct DirSource {
    cfg: WatchConfig,
    roots: Vec<PathBuf>,
    filter: Filter,
    store: StateStore,
    progress: Arc<SourceProgress>,
}

/// Which files are read, and how.
#[derive(Debug, Clone)]
struct Filter {
    include: Option<GlobSet>,
    exclude: GlobSet,
    spool: Vec<String>,
    tail: Vec<String>,
    /// The completion folder, never read.
    skip_dir: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Spool,
    Tail,
}

fn globset(globs: &[String]) -> Result<GlobSet, WatchError> {
    let mut b = GlobSetBuilder::new();
    for g in globs {
        b.add(Glob::new(g).map_err(|source| WatchError::Glob { glob: g.clone(), source })?);
    }
    b.build().map_err(|source| WatchError::Glob { glob: globs.join(", "), source })
}

impl Filter {
    fn kind(&self, roots: &[PathBuf], path: &Path) -> Option<Kind> {
        let name = path.file_name()?.to_str()?;
        if name.starts_with('.')
            || name.ends_with('~')
            || [".tmp", ".part", ".swp", ".crdownload", ".partial"]
                .iter()
                .any(|s| name.ends_with(s))
        {
            return None;
        }
        if self.skip_dir.as_ref().is_some_and(|d| path.starts_with(d)) {
            return None;
        }
        let root = roots.iter().filter(|r| path.starts_with(r)).max_by_key(|r| r.as_os_str().len());
        let rel = root.and_then(|r| path.strip_prefix(r).ok()).unwrap_or(path);
        // Hidden folders below the root (`.git`, editors' caches) are skipped too.
        if rel.components().any(|c| c.as_os_str().to_str().is_some_and(|s| s.starts_with('.'))) {
            return None;
        }
        if self.exclude.is_match(rel) || self.include.as_ref().is_some_and(|i| !i.is_match(rel)) {
            return None;
        }
        let ext = Path::new(name).extension()?.to_str()?.to_ascii_lowercase();
        if self.tail.contains(&ext) {
            Some(Kind::Tail)
        } else if self.spool.contains(&ext) {
            Some(Kind::Spool)
        } else {
            None
        }
    }
}

impl DirSource {
    /// Validates `cfg` (directories, globs, the completion folder) and opens the state store.
    ///
    /// # Errors
    /// When a directory is missing, a glob is invalid or the state store cannot be opened.
    pub fn new(cfg: WatchConfig) -> Result<DirSource, WatchError> {
        let (cfg, roots, filter, path) = Self::prepare(cfg, true)?;
        let store = StateStore::open(&path)?;
        Ok(DirSource { cfg, roots, filter, store, progress: Arc::default() })
    }

    /// Checks `cfg` like [`DirSource::new`] without changing anything on disk (no state store
    /// or completion folder is created); returns where the state store would be.
    ///
    /// # Errors
    /// When a directory is missing or a glob is invalid.
    pub fn validate(cfg: WatchConfig) -> Result<PathBuf, WatchError> {
        Self::prepare(cfg, false).map(|(.., path)| path)
    }

    fn prepare(
        mut cfg: WatchConfig,
        create: bool,
    ) -> Result<(WatchConfig, Vec<PathBuf>, Filter, PathBuf), WatchError> {
        let mut roots = Vec::new();
        for d in &cfg.dirs {
            let meta = std::fs::metadata(d)
                .map_err(|e| WatchError::Dir { path: d.clone(), reason: e.to_string() })?;
            if !meta.is_dir() {
                return Err(WatchError::Dir { path: d.clone(), reason: "not a directory".into() });
            }
            let canon = std::fs::canonicalize(d)
                .map_err(|e| WatchError::Dir { path: d.clone(), reason: e.to_string() })?;
            roots.push(canon);
        }
        if roots.is_empty() {
            return Err(WatchError::Dir {
                path: PathBuf::new(),
                reason: "no directory to watch".into(),
            });
        }
        let skip_dir = match &cfg.completion {
            Completion::Move(dir) if !create && !dir.exists() => Some(dir.clone()),
            Completion::Move(dir) => {
                std::fs::create_dir_all(dir)
                    .map_err(|source| WatchError::DoneDir { path: dir.clone(), source })?;
                let canon = std::fs::canonicalize(dir)
                    .map_err(|source| WatchError::DoneDir { path: dir.clone(), source })?;
                cfg.completion = Completion::Move(canon.clone());
                Some(canon)
            }
            _ => None,
        };
        let lower = |v: &[String]| -> Vec<String> {
            v.iter().map(|e| e.trim_start_matches('.').to_ascii_lowercase()).collect()
        };
        let mut spool = lower(&cfg.spool_ext);
        let mut tail = lower(&cfg.tail_ext);
        if matches!(cfg.split, Split::Line | Split::Blank) {
            spool.retain(|e| e != "txt");
            if !tail.iter().any(|e| e == "txt") {
                tail.push("txt".into());
            }
        }
        let filter = Filter {
            include: if cfg.include.is_empty() { None } else { Some(globset(&cfg.include)?) },
            exclude: globset(&cfg.exclude)?,
            spool,
            tail,
            skip_dir,
        };
        let path = cfg.state.clone().unwrap_or_else(|| StateStore::default_path(&roots));
        Ok((cfg, roots, filter, path))
    }

    /// The source's name in metrics: `watch:` and its directories (stable across restarts,
    /// distinct for several directory sources).
    pub fn name(&self) -> String {
        let dirs: Vec<String> = self.roots.iter().map(|r| r.display().to_string()).collect();
        format!("watch:{}", dirs.join(","))
    }

    /// The state store's file.
    pub fn state_path(&self) -> &Path {
        self.store.path()
    }

    /// Live counters, readable while the source runs.
    pub fn progress(&self) -> Arc<SourceProgress> {
        self.progress.clone()
    }

    /// Reads what is in the directories, then (unless `once`) everything that arrives, until
    /// `shutdown`; then waits until every sent input is resolved, commits the last marks and
    /// reports.
    ///
    /// # Errors
    /// When the watcher cannot start or the state store fails.
    pub async fn run(
        self,
        tx: Tx<Item<RawArticle>>,
        shutdown: CancellationToken,
    ) -> Result<SourceReport, IngestError> {
        let DirSource { cfg, roots, filter, store, progress } = self;
        let name = cfg.source_name.clone();
        let thread_err = |what: &str| IngestError::Thread(format!("{name} ({what})"));
        let done = store.done_files().map_err(state_err)?;
        let checkpoints = store.tails().map_err(state_err)?;
        let (msg_tx, msg_rx) = sync_channel::<Msg>(EVENT_QUEUE);
        let overflow = Arc::new(AtomicBool::new(false));
        let watcher = if cfg.once {
            None
        } else {
            Some(start_watcher(&roots, cfg.recursive, msg_tx.clone(), overflow.clone())?)
        };
        let (unit_tx, unit_rx) = async_channel::bounded::<Vec<Unit>>(UNIT_QUEUE);
        let collector = {
            let (progress, completion) = (progress.clone(), cfg.completion.clone());
            let hook = cfg.on_resolved.clone();
            thread::Builder::new()
                .name("watch-acks".into())
                .spawn(move || collect(store, unit_rx, completion, hook, &progress))
                .map_err(|_| thread_err("collector"))?
        };
        let reader = {
            let stop = Arc::new(AtomicBool::new(false));
            let r = Reader {
                cfg,
                roots,
                filter,
                tx,
                unit_tx,
                progress: progress.clone(),
                done,
                checkpoints,
                sent: HashMap::new(),
                failed: HashMap::new(),
                pending: HashMap::new(),
                ready: Vec::new(),
                tails: HashMap::new(),
                tail_paths: HashMap::new(),
                batch: Vec::new(),
                batch_bytes: 0,
                units: Vec::new(),
                overflow,
                stop: stop.clone(),
            };
            let handle = thread::Builder::new()
                .name("watch-read".into())
                .spawn(move || r.run(&msg_rx))
                .map_err(|_| thread_err("reader"))?;
            (handle, stop)
        };
        let (handle, stop) = reader;
        // The reader thread blocks on its event channel; a stop message wakes it.
        let waker = {
            let msg_tx = msg_tx.clone();
            tokio::spawn(async move {
                shutdown.cancelled().await;
                stop.store(true, Ordering::SeqCst);
                _ = msg_tx.try_send(Msg::Stop);
            })
        };
        drop(msg_tx);
        let read = tokio::task::spawn_blocking(move || handle.join())
            .await
            .map_err(|_| thread_err("reader"))?
            .map_err(|_| thread_err("reader"))?;
        drop(watcher);
        waker.abort();
        let collected = tokio::task::spawn_blocking(move || collector.join())
            .await
            .map_err(|_| thread_err("collector"))?
            .map_err(|_| thread_err("collector"))?;
        read?;
        let mut report = collected.map_err(state_err)?;
        report.inputs = progress.inputs.load(Ordering::Relaxed);
        report.bytes = progress.bytes.load(Ordering::Relaxed);
        report.abandoned = progress.abandoned.load(Ordering::Relaxed);
        report.files = progress.files.load(Ordering::Relaxed);
        report.skipped = progress.skipped();
        Ok(report)
    }
}

fn state_err(e: StateError) -> IngestError {
    IngestError::State(Box::new(e))
}

/// Capacity of the event channel from the notify thread; when it is full, events are dropped
/// and a full rescan is scheduled instead.
const EVENT_QUEUE: usize = 16 * 1024;
/// Capacity of the unit queue to the collector (units of inputs awaiting their acks).
const UNIT_QUEUE: usize = 256;
/// A batch is handed over at this many inputs or bytes (or when no more input is ready).
const BATCH_ITEMS: usize = 64;
const BATCH_BYTES: usize = 256 << 10;
/// A tail read takes at most this much at a time.
const TAIL_CHUNK: usize = 1 << 20;
/// The fingerprint of a tailed file covers its first bytes, up to this many.
const FP_MAX: u64 = 256;
/// Marks are committed at least this often while acks keep arriving.
const COMMIT_EVERY: usize = 4096;

enum Msg {
    Fs(notify::Result<Event>),
    Stop,
}

fn start_watcher(
    roots: &[PathBuf],
    recursive: bool,
    tx: SyncSender<Msg>,
    overflow: Arc<AtomicBool>,
) -> Result<notify::RecommendedWatcher, IngestError> {
    let mut w = notify::recommended_watcher(move |ev: notify::Result<Event>| {
        if let Err(TrySendError::Full(_)) = tx.try_send(Msg::Fs(ev)) {
            overflow.store(true, Ordering::Relaxed);
        }
    })
    .map_err(|e| IngestError::Watch(e.to_string()))?;
    let mode = if recursive { RecursiveMode::Recursive } else { RecursiveMode::NonRecursive };
    for r in roots {
        w.watch(r, mode).map_err(|e| IngestError::Watch(format!("{}: {e}", r.display())))?;
    }
    Ok(w)
}

/// A spool file's state when seen: identity, size and modification time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Stamp {
    key: FileKey,
    size: u64,
    mtime_ns: i64,
    ctime_ns: i64,
}

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Stamp {
        Stamp {
            key: FileKey::of(meta),
            size: meta.len(),
            mtime_ns: meta.mtime() * 1_000_000_000 + meta.mtime_nsec(),
            ctime_ns: meta.ctime() * 1_000_000_000 + meta.ctime_nsec(),
        }
    }
}

/// A spool file seen being written, waiting to be complete.
#[derive(Debug)]
struct Pending {
    size: u64,
    mtime_ns: i64,
    since: Instant,
}

/// A tailed file.
#[derive(Debug)]
struct Tail {
    path: PathBuf,
    file: Option<File>,
    /// Everything before this offset has been sent.
    offset: u64,
    /// The line number at `offset`.
    line: u64,
    fp_len: u64,
    fp_hash: u64,
    last_data: Instant,
    /// Renamed away or deleted: read through the open handle until idle, then dropped.
    gone: bool,
    /// Inside a record that was too long (already dead-lettered): its rest is skipped up to
    /// its end.
    skipping: bool,
}

/// The inputs of one spool file or tail read, and what to record once all are resolved.
#[derive(Debug)]
struct Unit {
    receipts: Vec<AckReceiver>,
    mark: Mark,
    path: PathBuf,
}

struct Reader {
    cfg: WatchConfig,
    roots: Vec<PathBuf>,
    filter: Filter,
    tx: Tx<Item<RawArticle>>,
    unit_tx: async_channel::Sender<Vec<Unit>>,
    progress: Arc<SourceProgress>,
    /// Spool files done in earlier runs.
    done: HashMap<FileKey, DoneFile>,
    /// Tail checkpoints of earlier runs, taken when the file is first seen.
    checkpoints: HashMap<FileKey, TailCheckpoint>,
    /// Spool files sent in this run, as they were when read.
    /// Spool files sent (or found done) in this run, by identity, with the size and
    /// modification time they had: a rename or a chmod does not make a file new; a rewrite
    /// does.
    sent: HashMap<FileKey, (u64, i64)>,
    /// Spool files that could not be read, as they were then (retried once they change).
    failed: HashMap<PathBuf, Stamp>,
    pending: HashMap<PathBuf, Pending>,
    ready: Vec<PathBuf>,
    tails: HashMap<FileKey, Tail>,
    tail_paths: HashMap<PathBuf, FileKey>,
    batch: Batch<Item<RawArticle>>,
    batch_bytes: usize,
    /// Units whose inputs are all in handed-over batches or in `batch`.
    units: Vec<Unit>,
    overflow: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
}

impl std::fmt::Debug for Reader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reader").field("roots", &self.roots).finish_non_exhaustive()
    }
}

impl Reader {
    fn run(mut self, events: &Receiver<Msg>) -> Result<(), IngestError> {
        let found = self.rescan();
        if self.cfg.once {
            self.progress.files_total.store(found, Ordering::Relaxed);
        }
        let mut next_rescan = Instant::now() + self.cfg.rescan;
        loop {
            self.drain_ready();
            if self.stopped() {
                break;
            }
            if self.cfg.once && self.pending.is_empty() && self.ready.is_empty() {
                break;
            }
            self.hand_over();
            let now = Instant::now();
            let mut wait = next_rescan.saturating_duration_since(now);
            if !self.pending.is_empty() {
                wait = wait.min((self.cfg.quiet / 4).clamp(MIN_TICK, MAX_TICK));
            }
            if self.tails.values().any(|t| t.file.is_some()) {
                wait = wait.min(self.cfg.idle_close.min(Duration::from_secs(1)));
            }
            if self.cfg.once {
                wait = wait.min(MAX_TICK);
            }
            match events.recv_timeout(wait) {
                Ok(Msg::Fs(ev)) => {
                    self.on_event(ev);
                    // Take every event already queued before reading anything.
                    while let Ok(m) = events.try_recv() {
                        match m {
                            Msg::Fs(ev) => self.on_event(ev),
                            Msg::Stop => break,
                        }
                    }
                }
                Ok(Msg::Stop) => {}
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) if self.cfg.once => {}
                Err(RecvTimeoutError::Disconnected) => break,
            }
            if self.overflow.swap(false, Ordering::Relaxed) || Instant::now() >= next_rescan {
                if Instant::now() < next_rescan {
                    tracing::warn!("The file event queue overflowed: rescanning.");
                }
                self.rescan();
                next_rescan = Instant::now() + self.cfg.rescan;
            }
            self.tick();
        }
        self.hand_over();
        if self.cfg.once {
            self.report_unterminated();
        }
        Ok(())
    }

    /// At the end of a `--once` run: feeds whose last record has no end yet are reported
    /// (they are read from there by the next run, once the record is complete).
    fn report_unterminated(&self) {
        for t in self.tails.values() {
            let len = std::fs::metadata(&t.path).map(|m| m.len()).unwrap_or(0);
            if len > t.offset && !t.gone {
                tracing::warn!(
                    path = %t.path.display(),
                    bytes = len - t.offset,
                    "The feed ends with an incomplete record (no final newline): left for the next run."
                );
            }
        }
    }

    fn was_sent(&self, stamp: &Stamp) -> bool {
        self.sent.get(&stamp.key) == Some(&(stamp.size, stamp.mtime_ns))
    }

    fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    fn on_event(&mut self, ev: notify::Result<Event>) {
        let ev = match ev {
            Ok(ev) => ev,
            Err(e) => {
                tracing::warn!(error = %e, "File watcher error: rescanning.");
                self.overflow.store(true, Ordering::Relaxed);
                return;
            }
        };
        if ev.need_rescan() {
            self.overflow.store(true, Ordering::Relaxed);
            return;
        }
        match ev.kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => {
                for p in &ev.paths {
                    self.on_complete(p);
                }
            }
            EventKind::Create(CreateKind::Folder) => {
                for p in &ev.paths {
                    self.scan(p);
                }
            }
            EventKind::Create(_) => {
                for p in &ev.paths {
                    if p.is_dir() {
                        self.scan(p);
                    } else {
                        self.on_change(p);
                    }
                }
            }
            EventKind::Modify(ModifyKind::Name(RenameMode::From)) | EventKind::Remove(_) => {
                for p in &ev.paths {
                    self.on_gone(p);
                }
            }
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)) => {
                if let [from, to] = &ev.paths[..] {
                    self.on_gone(from);
                    self.on_moved_in(to);
                }
            }
            EventKind::Modify(ModifyKind::Name(_)) => {
                for p in &ev.paths {
                    self.on_moved_in(p);
                }
            }
            EventKind::Modify(_) => {
                for p in &ev.paths {
                    self.on_change(p);
                }
            }
            _ => {}
        }
    }

    fn on_moved_in(&mut self, p: &Path) {
        if p.is_dir() {
            if self.cfg.recursive {
                self.scan(p);
            }
        } else {
            self.on_complete(p);
        }
    }

    /// A file was closed after writing or moved in: complete.
    fn on_complete(&mut self, p: &Path) {
        match self.filter.kind(&self.roots, p) {
            Some(Kind::Spool) => {
                self.pending.remove(p);
                self.ready.push(p.to_owned());
            }
            Some(Kind::Tail) => self.poll_tail_path(p),
            None => {}
        }
    }

    /// A file was created or written to: maybe not complete yet.
    fn on_change(&mut self, p: &Path) {
        match self.filter.kind(&self.roots, p) {
            Some(Kind::Spool) => {
                let (size, mtime_ns) = match std::fs::metadata(p) {
                    Ok(m) => (m.len(), Stamp::of(&m).mtime_ns),
                    Err(_) => return,
                };
                self.pending
                    .insert(p.to_owned(), Pending { size, mtime_ns, since: Instant::now() });
            }
            Some(Kind::Tail) => self.poll_tail_path(p),
            None => {}
        }
    }

    fn on_gone(&mut self, p: &Path) {
        self.pending.remove(p);
        if let Some(key) = self.tail_paths.remove(p)
            && let Some(t) = self.tails.get_mut(&key)
        {
            // Rotated or deleted: what was written before is still read, through the handle.
            t.gone = true;
            if t.file.is_none() {
                // Closed while idle: find the renamed file by its inode in the same folder
                // (logrotate's `feed.jsonl.1`), so that lines appended just before the
                // rotation are not lost.
                t.file = p.parent().and_then(|dir| find_by_key(dir, key));
            }
            self.read_tail(key);
        }
    }

    /// Walks every root: finds what inotify missed (and everything at start). Returns how
    /// many files it found to read or tail.
    fn rescan(&mut self) -> u64 {
        self.roots.clone().iter().map(|r| self.scan(r)).sum()
    }

    fn scan(&mut self, dir: &Path) -> u64 {
        let depth = if self.cfg.recursive { usize::MAX } else { 1 };
        let walker = walkdir::WalkDir::new(dir).follow_links(true).max_depth(depth).into_iter();
        let skip = self.filter.skip_dir.clone();
        let walker = walker.filter_entry(|e| {
            e.depth() == 0
                || !(e.file_name().to_str().is_some_and(|n| n.starts_with('.'))
                    || skip.as_ref().is_some_and(|d| e.path() == d))
        });
        let mut seen_tails = HashSet::new();
        let mut found = 0;
        for entry in walker {
            if self.stopped() {
                return found;
            }
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    // Symlink loops, folders without permission: reported, skipped.
                    tracing::warn!(error = %e, "Cannot scan a path; skipped.");
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let p = entry.path();
            match self.filter.kind(&self.roots, p) {
                Some(Kind::Spool) => self.consider_spool(p),
                Some(Kind::Tail) => {
                    self.poll_tail_path(p);
                    seen_tails.insert(p.to_owned());
                }
                None => continue,
            }
            found += 1;
            self.drain_ready();
        }
        // Tailed files of this folder that are gone and went unnoticed.
        let gone: Vec<PathBuf> = self
            .tail_paths
            .keys()
            .filter(|p| p.starts_with(dir) && !seen_tails.contains(*p))
            .cloned()
            .collect();
        for p in gone {
            if !p.exists() {
                self.on_gone(&p);
            }
        }
        found
    }

    /// A spool file found by a scan: ready if it has not changed for the quiet period.
    fn consider_spool(&mut self, p: &Path) {
        let Ok(meta) = std::fs::metadata(p) else { return };
        let stamp = Stamp::of(&meta);
        if self.was_sent(&stamp) || self.failed.get(p) == Some(&stamp) {
            return;
        }
        let age = meta.modified().ok().and_then(|m| SystemTime::now().duration_since(m).ok());
        if age.is_some_and(|a| a >= self.cfg.quiet) {
            self.pending.remove(p);
            self.ready.push(p.to_owned());
        } else if !self.pending.contains_key(p) {
            let since = Instant::now();
            self.pending.insert(
                p.to_owned(),
                Pending { size: stamp.size, mtime_ns: stamp.mtime_ns, since },
            );
        }
    }

    /// Periodic work: spool files that became quiet; idle and gone tails.
    fn tick(&mut self) {
        let now = Instant::now();
        let mut quiet = Vec::new();
        for (p, pend) in &mut self.pending {
            match std::fs::metadata(p) {
                Ok(m) => {
                    let s = Stamp::of(&m);
                    if s.size != pend.size || s.mtime_ns != pend.mtime_ns {
                        (pend.size, pend.mtime_ns, pend.since) = (s.size, s.mtime_ns, now);
                    } else if now.duration_since(pend.since) >= self.cfg.quiet {
                        quiet.push(p.clone());
                    }
                }
                Err(_) => quiet.push(p.clone()), // vanished: reported when read
            }
        }
        for p in quiet {
            self.pending.remove(&p);
            self.ready.push(p);
        }
        let keys: Vec<FileKey> = self.tails.keys().copied().collect();
        for key in keys {
            let Some(t) = self.tails.get(&key) else { continue };
            let idle = now.duration_since(t.last_data) >= self.cfg.idle_close;
            if t.gone {
                self.read_tail(key);
                if idle {
                    self.tails.remove(&key);
                }
            } else if idle && let Some(t) = self.tails.get_mut(&key) {
                t.file = None;
            }
        }
    }

    fn drain_ready(&mut self) {
        while let Some(p) = self.ready.pop() {
            if self.stopped() {
                self.ready.push(p);
                return;
            }
            self.read_spool(&p);
        }
    }

    fn framing(&self, path: &Path, format: InputFormat, split: Split) -> FramingConfig {
        FramingConfig {
            source: self.cfg.source_name.clone(),
            path: self.cfg.record_path.then(|| path.display().to_string()),
            format,
            split,
            max_bytes: self.cfg.max_bytes,
            defer_json: true,
        }
    }

    fn origin(&self, path: &Path) -> Origin {
        Origin {
            name: self.cfg.source_name.clone(),
            path: self.cfg.record_path.then(|| path.display().to_string()),
            line: None,
            offset: Some(0),
        }
    }

    fn read_spool(&mut self, p: &Path) {
        let file = match File::open(p) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                tracing::debug!(path = %p.display(), "A file vanished before it was read.");
                return;
            }
            Err(e) => {
                tracing::warn!(path = %p.display(), error = %e, "Cannot open a file; skipped until it changes.");
                if let Ok(m) = std::fs::metadata(p) {
                    self.failed.insert(p.to_owned(), Stamp::of(&m));
                }
                return;
            }
        };
        let meta = match file.metadata() {
            Ok(m) if m.is_file() => m,
            Ok(_) => return,
            Err(e) => {
                tracing::warn!(path = %p.display(), error = %e, "Cannot stat a file; skipped.");
                return;
            }
        };
        let stamp = Stamp::of(&meta);
        if self.was_sent(&stamp) {
            return;
        }
        if let Some(d) = self.done.get(&stamp.key)
            && d.size == stamp.size
            && d.mtime_ns == stamp.mtime_ns
        {
            self.already_done(p, stamp);
            return;
        }
        let mark = |hash| {
            Mark::Done(
                stamp.key,
                DoneFile {
                    path: p.display().to_string(),
                    size: stamp.size,
                    mtime_ns: stamp.mtime_ns,
                    hash,
                },
            )
        };
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
        if STREAMED_EXT.contains(&ext.as_str()) {
            self.read_streamed(p, &file, stamp, mark);
            return;
        }
        if stamp.size > self.cfg.max_bytes as u64 {
            let reason = format!(
                "file is {} bytes, over the limit of {} bytes",
                stamp.size, self.cfg.max_bytes
            );
            let letter = DeadLetter::new("ingest", reason, self.origin(p), b"", None);
            self.sent.insert(stamp.key, (stamp.size, stamp.mtime_ns));
            self.send_unit(vec![Err(Box::new(letter))], mark(0), p, 0);
            return;
        }
        let mut body = Vec::with_capacity(stamp.size as usize);
        if let Err(e) = (&file).take(self.cfg.max_bytes as u64 + 1).read_to_end(&mut body) {
            tracing::warn!(path = %p.display(), error = %e, "Cannot read a file; skipped until it changes.");
            self.failed.insert(p.to_owned(), stamp);
            return;
        }
        drop(file);
        let hash = xxhash_rust::xxh3::xxh3_64(&body);
        if !self.begin_file(p, stamp, hash) {
            return;
        }
        let items = self.frame_spool(p, &body);
        let n = body.len();
        self.send_unit(items, mark(hash), p, n);
    }

    /// Reads a spool file as a stream (a WARC archive, a gzip file): its articles go downstream
    /// as they are framed, so memory stays bounded whatever the file's size.
    fn read_streamed(&mut self, p: &Path, file: &File, stamp: Stamp, mark: impl Fn(u64) -> Mark) {
        // The content hash first (a file touched but unchanged is not read again), in a pass
        // of its own: the framer may stop before the end (a decompression bomb).
        let hash = match hash_file(file) {
            Ok(h) => h,
            Err(e) => {
                tracing::warn!(path = %p.display(), error = %e, "Cannot read a file; skipped until it changes.");
                self.failed.insert(p.to_owned(), stamp);
                return;
            }
        };
        if !self.begin_file(p, stamp, hash) {
            return;
        }
        let cfg = self.framing(p, InputFormat::Auto, Split::None);
        let reader = std::io::BufReader::with_capacity(256 << 10, PositionedReader { file, at: 0 });
        let mut framer = Framer::new(reader, cfg);
        let path = p.to_owned();
        let items = std::iter::from_fn(|| match framer.next()? {
            Ok(item) => Some(item),
            Err(e) => {
                // Articles framed so far are sent; the rest of the file is not read.
                tracing::warn!(path = %path.display(), error = %e, "Cannot read the rest of a file.");
                None
            }
        });
        self.send_unit(items, mark(hash), p, stamp.size as usize);
        self.progress.add_skipped(&framer.skipped());
    }

    /// Starts reading a file of content hash `hash`: false when it is done already (the same
    /// content, only touched), true when it is to be framed and sent.
    fn begin_file(&mut self, p: &Path, stamp: Stamp, hash: u64) -> bool {
        if let Some(d) = self.done.get(&stamp.key)
            && d.size == stamp.size
            && d.hash == hash
        {
            self.already_done(p, stamp);
            return false;
        }
        self.sent.insert(stamp.key, (stamp.size, stamp.mtime_ns));
        self.progress.files.fetch_add(1, Ordering::Relaxed);
        true
    }

    /// A file done in an earlier run: not read again; its completion action is redone in case
    /// a crash came between the commit and the action.
    fn already_done(&mut self, p: &Path, stamp: Stamp) {
        self.sent.insert(stamp.key, (stamp.size, stamp.mtime_ns));
        self.progress.files_done.fetch_add(1, Ordering::Relaxed);
        _ = complete(p, &self.cfg.completion, (stamp.key, stamp.size, stamp.mtime_ns));
        if let Some(h) = &self.cfg.on_resolved {
            _ = h.send(Resolved { path: p.to_owned(), ..Resolved::default() });
        }
    }

    fn frame_spool(&self, p: &Path, body: &[u8]) -> Vec<Item<RawArticle>> {
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
        let trimmed = body.trim_ascii();
        if trimmed.is_empty() {
            let letter = DeadLetter::new("ingest", "empty file", self.origin(p), b"", None);
            return vec![Err(Box::new(letter))];
        }
        let (format, split) = match ext.as_str() {
            "json" => {
                // One object (pretty-printed or not) is one article; anything else is framed
                // as a stream (an array, or NDJSON).
                if trimmed.starts_with(b"{")
                    && serde_json::from_slice::<serde_json::Value>(trimmed).is_ok()
                {
                    return vec![parse_json_article(trimmed, self.origin(p))];
                }
                (InputFormat::Auto, Split::None)
            }
            "html" | "htm" => (InputFormat::Html, Split::None),
            "jsonl" | "ndjson" => (InputFormat::Ndjson, Split::None),
            // Sniffed: RSS, Atom, RDF, NITF, NewsML-G2 (or XHTML, or text).
            "xml" | "rss" | "atom" | "rdf" | "nitf" | "newsml" => (InputFormat::Auto, Split::None),
            _ => (InputFormat::Text, self.cfg.split),
        };
        let cfg = self.framing(p, format, split);
        let mut framer = Framer::new(body, cfg);
        let items = framer.by_ref().filter_map(Result::ok).collect();
        self.progress.add_skipped(&framer.skipped());
        items
    }

    fn new_envelope(&mut self, item: Item<RawArticle>) -> AckReceiver {
        let (line, offset) = match &item {
            Ok(raw) => (raw.origin.line, raw.origin.offset),
            Err(d) => (d.source.line, d.source.offset),
        };
        let path = match &item {
            Ok(raw) => raw.origin.path.clone(),
            Err(d) => d.source.path.clone(),
        };
        let span = tracing::info_span!(
            "article",
            source = self.cfg.source_name.as_str(),
            path = path.as_deref().unwrap_or(""),
            line,
            offset
        );
        let (ack, receipt) = Ack::new();
        self.batch_bytes += match &item {
            Ok(raw) => raw.body.len(),
            Err(d) => d.raw.len(),
        };
        self.batch.push(Envelope::new(item, ack, span));
        receipt
    }

    /// Queues the inputs of one file (or tail read) with the mark that records them.
    fn send_unit(
        &mut self,
        items: impl IntoIterator<Item = Item<RawArticle>>,
        mark: Mark,
        p: &Path,
        bytes: usize,
    ) {
        self.progress.bytes.fetch_add(bytes as u64, Ordering::Relaxed);
        let items = items.into_iter();
        let mut receipts = Vec::with_capacity(items.size_hint().0);
        for item in items {
            receipts.push(self.new_envelope(item));
            if self.batch.len() >= BATCH_ITEMS || self.batch_bytes >= BATCH_BYTES {
                self.flush_batch();
            }
        }
        self.units.push(Unit { receipts, mark, path: p.to_owned() });
    }

    /// Hands the batch over, then the units whose inputs are now all downstream.
    fn flush_batch(&mut self) {
        if !self.batch.is_empty() {
            let n = self.batch.len() as u64;
            self.batch_bytes = 0;
            let batch = std::mem::take(&mut self.batch);
            if self.tx.send_blocking(batch).is_ok() {
                self.progress.inputs.fetch_add(n, Ordering::Relaxed);
            } else {
                // The pipeline is gone: the dropped acks report the inputs as lost.
                self.progress.abandoned.fetch_add(n, Ordering::Relaxed);
            }
        }
        // Every unit queued so far has all its inputs downstream now (a unit is queued only
        // after its last input is in the batch), so the collector never waits for an input
        // this thread still holds.
        let ready = std::mem::take(&mut self.units);
        if !ready.is_empty() {
            // The collector only stops after this thread: a failure means a bug; the receipts
            // dropped here then report nothing, and the marks are simply not recorded.
            _ = self.unit_tx.send_blocking(ready);
        }
    }

    fn hand_over(&mut self) {
        if !self.batch.is_empty() || !self.units.is_empty() {
            self.flush_batch();
        }
    }

    // ---- tail mode ----

    fn poll_tail_path(&mut self, p: &Path) {
        let meta = match std::fs::metadata(p) {
            Ok(m) if m.is_file() => m,
            _ => return,
        };
        let key = FileKey::of(&meta);
        match self.tail_paths.get(p) {
            Some(k) if *k == key => {}
            old => {
                // A new file at this path: the old one (if any) was rotated away.
                if let Some(old) = old.copied()
                    && let Some(t) = self.tails.get_mut(&old)
                {
                    t.gone = true;
                }
                self.tail_paths.insert(p.to_owned(), key);
                if let Some(t) = self.tails.get_mut(&key) {
                    // The same file under a new name: go on where it was.
                    t.path = p.to_owned();
                    t.gone = false;
                } else {
                    let t = self.new_tail(p, key, &meta);
                    self.tails.insert(key, t);
                    self.progress.files.fetch_add(1, Ordering::Relaxed);
                    self.read_tail(key);
                    if !self.stopped() {
                        self.progress.files_done.fetch_add(1, Ordering::Relaxed);
                    }
                    return;
                }
            }
        }
        self.read_tail(key);
    }

    fn new_tail(&mut self, p: &Path, key: FileKey, meta: &std::fs::Metadata) -> Tail {
        let mut t = Tail {
            path: p.to_owned(),
            file: None,
            offset: 0,
            line: 1,
            fp_len: 0,
            fp_hash: 0,
            last_data: Instant::now(),
            gone: false,
            skipping: false,
        };
        if let Some(cp) = self.checkpoints.remove(&key) {
            let same = File::open(p)
                .ok()
                .and_then(|f| head_hash(&f, cp.fp_len))
                .is_some_and(|h| h == cp.fp_hash);
            if !same {
                tracing::info!(path = %p.display(), "A tailed file's inode was reused by another file: reading it from the start.");
            } else if meta.len() < cp.offset {
                tracing::warn!(path = %p.display(), "A tailed file was truncated while copydesk was stopped: reading it from the start.");
            } else {
                (t.offset, t.line, t.fp_len, t.fp_hash) =
                    (cp.offset, cp.line, cp.fp_len, cp.fp_hash);
            }
        }
        t
    }

    /// Sends the complete records appended to a tailed file since the last read.
    fn read_tail(&mut self, key: FileKey) {
        loop {
            if self.stopped() {
                return;
            }
            let Some(t) = self.tails.get_mut(&key) else { return };
            if t.file.is_none() {
                if t.gone {
                    return;
                }
                match File::open(&t.path) {
                    Ok(f) => t.file = Some(f),
                    Err(e) => {
                        tracing::debug!(path = %t.path.display(), error = %e, "Cannot open a tailed file.");
                        return;
                    }
                }
            }
            let Some(file) = t.file.as_ref() else { return };
            let len = match file.metadata() {
                Ok(m) => m.len(),
                Err(_) => return,
            };
            let replaced = t.fp_len > 0
                && (len < t.fp_len || head_hash(file, t.fp_len).is_some_and(|h| h != t.fp_hash));
            if len < t.offset || replaced {
                tracing::warn!(path = %t.path.display(), "A tailed file was truncated or replaced: reading it from the start.");
                (t.offset, t.line, t.fp_len, t.fp_hash) = (0, 1, 0, 0);
            }
            if len == t.offset {
                return;
            }
            let want = ((len - t.offset) as usize).min(TAIL_CHUNK.max(self.cfg.max_bytes + 2));
            let mut buf = vec![0; want];
            let n = match file.read_at(&mut buf, t.offset) {
                Ok(n) => n,
                Err(e) => {
                    tracing::warn!(path = %t.path.display(), error = %e, "Cannot read a tailed file.");
                    return;
                }
            };
            buf.truncate(n);
            let blank_split = self.cfg.split == Split::Blank
                && !t.path.extension().is_some_and(|e| e == "jsonl" || e == "ndjson");
            if t.skipping {
                // The rest of an oversized record: dropped up to its end (no fragment of it
                // becomes an article).
                let end = if blank_split {
                    first_blank_line_end(&buf)
                } else {
                    memchr::memchr(b'\n', &buf).map(|i| i + 1)
                };
                let drop = end.unwrap_or(buf.len());
                t.offset += drop as u64;
                t.line += memchr::memchr_iter(b'\n', &buf[..drop]).count() as u64;
                t.skipping = end.is_none();
                let p = t.path.clone();
                let mark = self.tail_mark(key);
                self.send_unit(Vec::new(), mark, &p, drop);
                continue;
            }
            let end = match self.cfg.split {
                Split::Blank
                    if !t.path.extension().is_some_and(|e| e == "jsonl" || e == "ndjson") =>
                {
                    last_blank_line_end(&buf)
                }
                _ => memchr::memrchr(b'\n', &buf).map(|i| i + 1),
            };
            let Some(end) = end else {
                if buf.len() > self.cfg.max_bytes {
                    // A record longer than the limit and still without its end: skip what
                    // is there; the rest of it, once its newline comes, is dead-lettered.
                    tracing::warn!(path = %t.path.display(), offset = t.offset, "A tailed record exceeds --max-bytes; skipping it.");
                    let (p, base, line) = (t.path.clone(), t.offset, t.line);
                    t.offset += buf.len() as u64;
                    t.line += memchr::memchr_iter(b'\n', &buf).count() as u64;
                    t.skipping = true;
                    let reason =
                        format!("record longer than {} bytes (raw truncated)", self.cfg.max_bytes);
                    let mut o = self.origin(&p);
                    (o.line, o.offset) = (Some(line), Some(base));
                    let letter =
                        DeadLetter::new("ingest", reason, o, &buf[..buf.len().min(4096)], None);
                    let mark = self.tail_mark(key);
                    self.send_unit(vec![Err(Box::new(letter))], mark, &p, buf.len());
                    continue;
                }
                return;
            };
            buf.truncate(end);
            let (p, base, line) = (t.path.clone(), t.offset, t.line);
            t.offset += end as u64;
            t.line += memchr::memchr_iter(b'\n', &buf).count() as u64;
            t.last_data = Instant::now();
            if t.fp_len < FP_MAX.min(t.offset) {
                t.fp_len = FP_MAX.min(len);
                t.fp_hash = head_hash(file, t.fp_len).unwrap_or(0);
            }
            let is_json = p.extension().is_some_and(|e| e == "jsonl" || e == "ndjson");
            let (format, split) = if is_json {
                (InputFormat::Ndjson, Split::None)
            } else {
                (InputFormat::Text, self.cfg.split)
            };
            let cfg = self.framing(&p, format, split);
            let items: Vec<Item<RawArticle>> = Framer::new(&buf[..], cfg)
                .filter_map(Result::ok)
                .map(|mut item| {
                    let o = match &mut item {
                        Ok(raw) => &mut raw.origin,
                        Err(d) => &mut d.source,
                    };
                    o.line = o.line.map(|l| l + line - 1);
                    o.offset = o.offset.map(|x| x + base);
                    item
                })
                .collect();
            let mark = self.tail_mark(key);
            self.send_unit(items, mark, &p, end);
        }
    }

    fn tail_mark(&self, key: FileKey) -> Mark {
        let t = &self.tails[&key];
        Mark::Tail(
            key,
            TailCheckpoint {
                path: t.path.display().to_string(),
                offset: t.offset,
                line: t.line,
                fp_len: t.fp_len,
                fp_hash: t.fp_hash,
            },
        )
    }
}

const MIN_TICK: Duration = Duration::from_millis(20);
const MAX_TICK: Duration = Duration::from_millis(250);

/// The end of the first blank line that follows a line break (the end of the first block).
fn first_blank_line_end(buf: &[u8]) -> Option<usize> {
    let mut start = 0;
    while let Some(nl) = memchr::memchr(b'\n', &buf[start..]).map(|i| start + i) {
        let next = memchr::memchr(b'\n', &buf[nl + 1..]).map(|i| nl + 1 + i)?;
        if buf[nl + 1..next].iter().all(|b| matches!(b, b' ' | b'\t' | b'\r')) {
            return Some(next + 1);
        }
        start = nl + 1;
    }
    None
}

/// Opens the file of `dir` whose identity is `key`, if there is one.
fn find_by_key(dir: &Path, key: FileKey) -> Option<File> {
    std::fs::read_dir(dir).ok()?.filter_map(Result::ok).find_map(|e| {
        let m = e.metadata().ok()?;
        (m.is_file() && FileKey::of(&m) == key).then(|| File::open(e.path()).ok()).flatten()
    })
}

/// The end of the last blank line (only spaces, tabs or `\r`) that follows a line break: where
/// the last complete block of a `--split blank` feed ends (CRLF feeds included).
fn last_blank_line_end(buf: &[u8]) -> Option<usize> {
    let mut end = buf.len();
    // Walk the line breaks backwards; a line between two of them that is all blank ends a
    // block.
    while let Some(nl) = memchr::memrchr(b'\n', &buf[..end]) {
        let prev = memchr::memrchr(b'\n', &buf[..nl]);
        if let Some(prev) = prev
            && buf[prev + 1..nl].iter().all(|b| matches!(b, b' ' | b'\t' | b'\r'))
        {
            return Some(nl + 1);
        }
        end = nl;
    }
    None
}

/// xxh3-64 of a file's first `len` bytes; `None` when it is shorter or cannot be read.
fn head_hash(file: &File, len: u64) -> Option<u64> {
    let mut buf = vec![0; len as usize];
    file.read_exact_at(&mut buf, 0).ok()?;
    Some(xxhash_rust::xxh3::xxh3_64(&buf))
}

/// What a done spool file was when it was read: its identity, size and modification time.
type Seen = (FileKey, u64, i64);

/// Moves or deletes a done spool file — only if it is still the file that was read (a new
/// version renamed into its place meanwhile is left alone, to be read in turn).
fn complete(p: &Path, how: &Completion, seen: Seen) -> bool {
    if *how == Completion::Keep {
        return false;
    }
    match std::fs::metadata(p) {
        Ok(m) => {
            let now = Stamp::of(&m);
            if (now.key, now.size, now.mtime_ns) != seen {
                tracing::info!(path = %p.display(), "A done file was replaced since it was read; it is left in place.");
                return false;
            }
        }
        Err(_) => return false,
    }
    let result = match how {
        Completion::Keep => Ok(()),
        Completion::Delete => std::fs::remove_file(p),
        Completion::Move(dir) => {
            let name = p.file_name().unwrap_or_default();
            let mut dest = dir.join(name);
            let mut n = 1;
            while dest.exists() {
                let mut s = name.to_os_string();
                s.push(format!(".{n}"));
                dest = dir.join(s);
                n += 1;
            }
            std::fs::rename(p, &dest)
                .or_else(|_| std::fs::copy(p, &dest).and_then(|_| std::fs::remove_file(p)))
        }
    };
    match result {
        Ok(()) => *how == Completion::Delete,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => {
            tracing::warn!(path = %p.display(), error = %e, "Cannot move or delete a done file.");
            false
        }
    }
}

/// The collector: awaits each unit's receipts in order and commits the marks of resolved units.
fn collect(
    mut store: StateStore,
    rx: async_channel::Receiver<Vec<Unit>>,
    completion: Completion,
    hook: Option<tokio::sync::broadcast::Sender<Resolved>>,
    progress: &SourceProgress,
) -> Result<SourceReport, StateError> {
    let mut report = SourceReport::default();
    let mut marks: Vec<Mark> = Vec::new();
    // Spool files resolved since the last commit, and what they were when read.
    let mut resolved: Vec<(Resolved, Seen)> = Vec::new();
    let mut frozen: HashSet<FileKey> = HashSet::new();
    let mut first_error = None;
    let mut commit = |store: &mut StateStore,
                      marks: &mut Vec<Mark>,
                      resolved: &mut Vec<(Resolved, Seen)>| {
        let committed = match store.commit(marks) {
            Ok(()) => true,
            Err(e) => {
                tracing::error!(error = %e, "Cannot record progress in the state store; those articles will be read again.");
                first_error.get_or_insert(e);
                false
            }
        };
        let mut deleted = Vec::new();
        for (r, seen) in resolved.drain(..) {
            if committed && r.lost == 0 && complete(&r.path, &completion, seen) {
                deleted.push(seen.0);
            }
            if let Some(h) = &hook {
                _ = h.send(r);
            }
        }
        // A deleted file's mark is not needed any more (a crash before this line only
        // leaves a row behind).
        if let Err(e) = store.forget_done(&deleted) {
            tracing::warn!(error = %e, "Cannot forget deleted files in the state store.");
        }
        marks.clear();
    };
    while let Ok(units) = rx.recv_blocking() {
        for unit in units {
            let mut ok = true;
            let mut tally = Resolved { path: unit.path.clone(), ..Resolved::default() };
            for r in unit.receipts {
                match r.blocking_recv() {
                    Ok(Delivery::Delivered) => {
                        report.delivered += 1;
                        tally.delivered += 1;
                    }
                    Ok(Delivery::Rejected) => {
                        report.rejected += 1;
                        tally.rejected += 1;
                    }
                    Ok(Delivery::Errored) | Err(_) => {
                        report.errored += 1;
                        tally.lost += 1;
                        ok = false;
                    }
                }
                progress.resolved.fetch_add(1, Ordering::Relaxed);
            }
            let seen = match &unit.mark {
                Mark::Done(k, d) => (*k, d.size, d.mtime_ns),
                Mark::Tail(k, _) => (*k, 0, 0),
            };
            match unit.mark {
                Mark::Done(..) if ok => {
                    progress.files_done.fetch_add(1, Ordering::Relaxed);
                    resolved.push((tally, seen));
                    marks.push(unit.mark);
                }
                Mark::Tail(key, _) if !ok || frozen.contains(&key) => {
                    if frozen.insert(key) {
                        tracing::error!(path = %unit.path.display(), "An article of a tailed file was lost: its checkpoint stays where it is until the next start, which reads the rest again.");
                    }
                }
                Mark::Tail(..) => marks.push(unit.mark),
                Mark::Done(..) => {
                    tracing::error!(path = %unit.path.display(), "An article of a file was lost: the file is read again at the next start.");
                    resolved.push((tally, seen));
                }
            }
        }
        if rx.is_empty() || marks.len() >= COMMIT_EVERY {
            commit(&mut store, &mut marks, &mut resolved);
        }
    }
    commit(&mut store, &mut marks, &mut resolved);
    match first_error {
        Some(e) => Err(e),
        None => Ok(report),
    }
}

/// xxh3 of a file's content, read in a pass of its own (bounded memory).
fn hash_file(file: &File) -> std::io::Result<u64> {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut buf = vec![0u8; 256 << 10];
    let mut at = 0u64;
    loop {
        let n = file.read_at(&mut buf, at)?;
        if n == 0 {
            return Ok(hasher.digest());
        }
        hasher.update(&buf[..n]);
        at += n as u64;
    }
}

/// Reads a file from its start with positioned reads, whatever its handle's offset.
struct PositionedReader<'a> {
    file: &'a File,
    at: u64,
}

impl Read for PositionedReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.file.read_at(buf, self.at)?;
        self.at += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use copydesk_core::channel;

    fn source(dir: &Path, cfg: WatchConfig) -> DirSource {
        DirSource::new(WatchConfig {
            dirs: vec![dir.to_owned()],
            state: Some(dir.join(".state.sqlite")),
            ..cfg
        })
        .unwrap()
    }

    #[test]
    fn which_files_are_read_and_how() {
        let tmp = tempfile::tempdir().unwrap();
        let cfg = WatchConfig {
            exclude: vec!["drafts/**".into()],
            split: Split::Line,
            ..WatchConfig::default()
        };
        let src = source(tmp.path(), cfg);
        let root = &src.roots[0];
        let kind = |rel: &str| src.filter.kind(&src.roots, &root.join(rel));
        assert_eq!(kind("a.json"), Some(Kind::Spool));
        assert_eq!(kind("sub/b.HTML"), Some(Kind::Spool));
        assert_eq!(kind("feed.jsonl"), Some(Kind::Tail));
        assert_eq!(kind("wire.txt"), Some(Kind::Tail), "--split line tails .txt");
        for ignored in [
            ".hidden.json",
            "x.json.tmp",
            "x.json~",
            "x.part",
            ".git/a.json",
            "drafts/a.json",
            "a.docx",
            "noext",
        ] {
            assert_eq!(kind(ignored), None, "{ignored}");
        }
        let tmp2 = tempfile::tempdir().unwrap();
        let only = source(
            tmp2.path(),
            WatchConfig { include: vec!["news-*".into()], ..WatchConfig::default() },
        );
        let root = &only.roots[0];
        assert_eq!(only.filter.kind(&only.roots, &root.join("news-1.txt")), Some(Kind::Spool));
        assert_eq!(only.filter.kind(&only.roots, &root.join("other.txt")), None);
    }

    #[test]
    fn blocks_end_at_blank_lines_also_in_crlf_feeds() {
        assert_eq!(last_blank_line_end(b"a\nb\n\nc\n"), Some(5));
        assert_eq!(last_blank_line_end(b"a\r\nb\r\n\r\nc\r\n"), Some(8));
        assert_eq!(last_blank_line_end(b"a\n  \t\nb"), Some(6));
        assert_eq!(last_blank_line_end(b"a\nb\n"), None);
        assert_eq!(last_blank_line_end(b""), None);
        assert_eq!(first_blank_line_end(b"a\nb\n\nc\n\n"), Some(5));
        assert_eq!(first_blank_line_end(b"a\r\n\r\n"), Some(5));
        assert_eq!(first_blank_line_end(b"a\nb\n"), None);
    }

    #[test]
    fn bad_settings_are_refused_with_the_reason() {
        let tmp = tempfile::tempdir().unwrap();
        let missing = tmp.path().join("nope");
        let err = DirSource::new(WatchConfig { dirs: vec![missing], ..WatchConfig::default() })
            .unwrap_err();
        assert!(err.to_string().contains("nope"), "{err}");
        let err = DirSource::new(WatchConfig {
            dirs: vec![tmp.path().to_owned()],
            state: Some(tmp.path().join("s.sqlite")),
            include: vec!["a[".into()],
            ..WatchConfig::default()
        })
        .unwrap_err();
        assert!(err.to_string().contains("bad glob"), "{err}");
    }

    /// A sink that does not keep up holds the reader back: however many files wait, no more
    /// than the queue's capacity plus the batch in hand is ever read ahead.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_slow_consumer_bounds_what_is_read_ahead() {
        let tmp = tempfile::tempdir().unwrap();
        for i in 0..1_000 {
            std::fs::write(tmp.path().join(format!("{i}.txt")), format!("Story {i}.")).unwrap();
        }
        let src = source(
            tmp.path(),
            WatchConfig { once: true, quiet: Duration::ZERO, ..WatchConfig::default() },
        );
        let progress = src.progress();
        let (tx, rx) = channel(1);
        let run = tokio::spawn(src.run(tx, CancellationToken::new()));
        let mut received = 0u64;
        while let Ok(batch) = rx.recv().await {
            let read_ahead = progress.inputs.load(Ordering::Relaxed) - received;
            assert!(read_ahead <= 2 * BATCH_ITEMS as u64, "{read_ahead} inputs read ahead");
            received += batch.len() as u64;
            for env in batch {
                env.ack.ack();
            }
            tokio::task::yield_now().await;
        }
        let report = run.await.unwrap().unwrap();
        assert_eq!((report.inputs, report.delivered, report.files), (1_000, 1_000, 1_000));
        assert_eq!(received, 1_000);
    }
}
