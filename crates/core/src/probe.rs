//! Checking, without leaving a trace, that what a start opens can be opened: an existing file
//! or folder is opened for writing (nothing is written), a missing one is created and
//! removed again, with the folders created for it. `copydesk check` runs these where `serve`
//! opens or creates a file or folder, so both refuse the same configurations.

use std::fs::OpenOptions;
use std::io;
use std::path::{Path, PathBuf};

/// `path` can be opened for appending: an existing file is opened (not written); a missing
/// one is created and removed. With `create_parents`, missing folders above it are created
/// (and removed) first, as a start creates them; without, a missing folder is an error.
///
/// # Errors
/// The error a start would meet (a missing folder, no permission, a folder in the way).
pub fn file(path: &Path, create_parents: bool) -> io::Result<()> {
    if path.exists() {
        return OpenOptions::new().append(true).open(path).map(drop);
    }
    let parent = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let made = if create_parents { make_dirs(parent)? } else { Vec::new() };
    let created = OpenOptions::new().write(true).create_new(true).open(path).map(drop);
    if created.is_ok() {
        _ = std::fs::remove_file(path);
    }
    undo(&made);
    created
}

/// `path` is a folder a start can use or create and write into: an existing one must be a
/// folder where a file can be created (one is, and removed); a missing one is created with
/// its missing parents, and removed.
///
/// # Errors
/// The error a start would meet (not a folder, no permission).
pub fn dir(path: &Path) -> io::Result<()> {
    if path.exists() {
        if !path.is_dir() {
            return Err(io::Error::other("not a folder"));
        }
        let probe = path.join(format!(".copydesk-check-{}", std::process::id()));
        OpenOptions::new().write(true).create_new(true).open(&probe)?;
        _ = std::fs::remove_file(&probe);
        return Ok(());
    }
    let made = make_dirs(path)?;
    undo(&made);
    Ok(())
}

/// Creates `dir` and its missing parents; returns the folders created, deepest first.
fn make_dirs(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let missing: Vec<PathBuf> = dir
        .ancestors()
        .take_while(|a| !a.as_os_str().is_empty() && !a.exists())
        .map(Path::to_path_buf)
        .collect();
    if let Err(e) = std::fs::create_dir_all(dir) {
        undo(&missing);
        return Err(e);
    }
    Ok(missing)
}

fn undo(made: &[PathBuf]) {
    for d in made {
        _ = std::fs::remove_dir(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probes_leave_nothing_behind_and_fail_where_a_start_would() {
        let t = &std::env::temp_dir().join(format!("copydesk-probe-{}", std::process::id()));
        std::fs::create_dir(t).unwrap();
        file(&t.join("a.jsonl"), false).unwrap();
        file(&t.join("x/y/a.db"), true).unwrap();
        dir(&t.join("p/q")).unwrap();
        assert_eq!(std::fs::read_dir(t).unwrap().count(), 0, "nothing left");
        assert!(file(&t.join("missing/a.jsonl"), false).is_err());
        std::fs::write(t.join("f"), "").unwrap();
        assert!(dir(&t.join("f")).is_err());
        assert!(file(&t.join("f/a.db"), true).is_err());
        dir(t).unwrap();
        file(&t.join("f"), false).unwrap();
        assert_eq!(std::fs::read_dir(t).unwrap().count(), 1);
        std::fs::remove_dir_all(t).unwrap();
    }
}
