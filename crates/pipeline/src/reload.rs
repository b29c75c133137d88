//! Reloading the tag rules while running: on SIGHUP, and when the rules file changes (its
//! size, modification time or inode; checked every second, which also catches editors that
//! replace the file). A new file that does not load is refused with a logged error and the
//! old rules stay. The swap happens between two articles: none is dropped or tagged twice.

use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use copydesk_tag::{Rules, Tagger, TaggerConfig};

type Shared = Arc<RwLock<Arc<Tagger>>>;

fn stamp(path: &std::path::Path) -> Option<(u64, std::time::SystemTime, u64)> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), m.modified().ok()?, m.ino()))
}

/// Reloads `path` into `tagger` on every SIGHUP and whenever the file changes; runs until
/// aborted.
pub(crate) async fn watch_rules(
    path: PathBuf,
    max_keywords: usize,
    entities: bool,
    tagger: Shared,
) {
    use tokio::signal::unix::{SignalKind, signal};
    let mut hup = match signal(SignalKind::hangup()) {
        Ok(s) => Some(s),
        Err(e) => {
            tracing::warn!(error = %e, "Cannot listen for SIGHUP; the rules reload when their file changes.");
            None
        }
    };
    let mut last = stamp(&path);
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    loop {
        let why = tokio::select! {
            _ = async {
                match hup.as_mut() {
                    Some(h) => { h.recv().await; }
                    None => std::future::pending::<()>().await,
                }
            } => "SIGHUP",
            _ = tick.tick() => {
                let now = stamp(&path);
                if now == last || now.is_none() {
                    continue;
                }
                "the file changed"
            }
        };
        last = stamp(&path);
        reload(&path, max_keywords, entities, &tagger, why).await;
    }
}

async fn reload(
    path: &std::path::Path,
    max_keywords: usize,
    entities: bool,
    tagger: &Shared,
    why: &str,
) {
    let p = path.to_owned();
    // Compiling the rules (an automaton, a regex set) is CPU work: off the reactor.
    let built = tokio::task::spawn_blocking(move || {
        Rules::load(&p)
            .map(|rules| (rules.len(), Tagger::new(TaggerConfig { max_keywords, rules, entities })))
    })
    .await;
    match built {
        Ok(Ok((n, new))) => {
            match tagger.write() {
                Ok(mut g) => *g = Arc::new(new),
                Err(p) => *p.into_inner() = Arc::new(new),
            }
            tracing::warn!(path = %path.display(), rules = n, reason = why, "Rules reloaded.");
        }
        Ok(Err(e)) => {
            tracing::error!(path = %path.display(), error = %e, reason = why, "The new rules file does not load; the old rules stay.");
        }
        Err(e) => tracing::error!(error = %e, "The rules reload failed; the old rules stay."),
    }
}
