//! The state store of the directory source: which spool files are done and how far each tailed
//! file has been delivered.
//!
//! SQLite in WAL mode (one file, crash-safe: a transaction is either in the file or not, and a
//! `SIGKILL` between two commits loses nothing committed). Marks are only ever written after
//! the sink resolved the acks they stand for, so losing the last uncommitted marks in a crash
//! can only make articles repeat, never skip. `synchronous = NORMAL`: after a power failure the
//! last commits may roll back, which again only repeats articles.
//!
//! Files are identified by device and inode (a rename does not make a file new) plus a
//! fingerprint of their content (a reused inode does).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, params};

/// The schema version this build writes (`PRAGMA user_version`).
pub const STATE_VERSION: i64 = 1;

/// Errors of the state store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StateError {
    /// SQLite failed.
    #[error("state store {path}: {source}")]
    Sqlite {
        /// The store's file.
        path: PathBuf,
        /// Why.
        #[source]
        source: rusqlite::Error,
    },
    /// The folder of the store cannot be created.
    #[error("cannot create the state folder {path}: {source}")]
    Folder {
        /// The folder.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The store was written by a newer copydesk.
    #[error(
        "state store {path} has schema version {found}; this copydesk knows up to {STATE_VERSION}"
    )]
    Version {
        /// The store's file.
        path: PathBuf,
        /// The version found.
        found: i64,
    },
    /// The store cannot be opened for writing.
    #[error("cannot write the state store {path}: {source}")]
    Unwritable {
        /// The store's file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
}

/// A file's identity on this machine: device and inode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileKey {
    /// Device number.
    pub dev: u64,
    /// Inode number.
    pub ino: u64,
}

impl FileKey {
    /// The key of a file from its metadata.
    pub fn of(meta: &std::fs::Metadata) -> FileKey {
        use std::os::unix::fs::MetadataExt;
        FileKey { dev: meta.dev(), ino: meta.ino() }
    }
}

/// A spool file whose articles were all resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DoneFile {
    /// Where it was when it was done.
    pub path: String,
    /// Its size then.
    pub size: u64,
    /// Its modification time then (nanoseconds since the epoch).
    pub mtime_ns: i64,
    /// xxh3-64 of its content.
    pub hash: u64,
}

/// How far a tailed file has been delivered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TailCheckpoint {
    /// The file's path when last read.
    pub path: String,
    /// Every article before this byte offset is resolved.
    pub offset: u64,
    /// The 1-based number of the line at `offset`.
    pub line: u64,
    /// How many leading bytes `fp_hash` covers.
    pub fp_len: u64,
    /// xxh3-64 of the file's first `fp_len` bytes: tells a reused inode from the same file.
    pub fp_hash: u64,
}

/// A change to record once the acks it stands for are resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mark {
    /// A spool file is done.
    Done(FileKey, DoneFile),
    /// A tailed file is delivered up to a checkpoint.
    Tail(FileKey, TailCheckpoint),
}

/// The store: one SQLite file.
#[derive(Debug)]
pub struct StateStore {
    conn: Connection,
    path: PathBuf,
}

impl StateStore {
    /// Opens (creating it and its folder when missing) the store at `path`.
    ///
    /// # Errors
    /// When the file cannot be opened or created, or has a newer schema.
    pub fn open(path: &Path) -> Result<StateStore, StateError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|source| StateError::Folder { path: dir.to_owned(), source })?;
        }
        let err = |source| StateError::Sqlite { path: path.to_owned(), source };
        let conn = Connection::open(path).map_err(err)?;
        conn.busy_timeout(std::time::Duration::from_secs(10)).map_err(err)?;
        conn.pragma_update(None, "journal_mode", "WAL").map_err(err)?;
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(err)?;
        let version: i64 =
            conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(err)?;
        if version > STATE_VERSION {
            return Err(StateError::Version { path: path.to_owned(), found: version });
        }
        if version < 1 {
            conn.execute_batch(
                "BEGIN;
                 CREATE TABLE IF NOT EXISTS done_files (
                     dev INTEGER NOT NULL, ino INTEGER NOT NULL,
                     path TEXT NOT NULL, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
                     hash INTEGER NOT NULL, done_at TEXT NOT NULL,
                     PRIMARY KEY (dev, ino));
                 CREATE TABLE IF NOT EXISTS tail_checkpoints (
                     dev INTEGER NOT NULL, ino INTEGER NOT NULL,
                     path TEXT NOT NULL, offset INTEGER NOT NULL, line INTEGER NOT NULL,
                     fp_len INTEGER NOT NULL, fp_hash INTEGER NOT NULL, updated_at TEXT NOT NULL,
                     PRIMARY KEY (dev, ino));
                 PRAGMA user_version = 1;
                 COMMIT;",
            )
            .map_err(err)?;
        }
        Ok(StateStore { conn, path: path.to_owned() })
    }

    /// Checks that [`StateStore::open`] would succeed, leaving no trace: an existing store is
    /// read (its version) and opened for writing without a write; a missing one is created
    /// and removed, with its folders.
    ///
    /// # Errors
    /// As [`StateStore::open`].
    pub fn check(path: &Path) -> Result<(), StateError> {
        let io = |source: std::io::Error| StateError::Folder {
            path: path.parent().unwrap_or(path).to_owned(),
            source,
        };
        if !path.exists() {
            return copydesk_core::probe::file(path, true).map_err(io);
        }
        let err = |source| StateError::Sqlite { path: path.to_owned(), source };
        let flags =
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(err)?;
        let version: i64 =
            conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(err)?;
        if version > STATE_VERSION {
            return Err(StateError::Version { path: path.to_owned(), found: version });
        }
        drop(conn);
        copydesk_core::probe::file(path, false)
            .map_err(|source| StateError::Unwritable { path: path.to_owned(), source })
    }

    /// The default location of the store of a watch over `dirs`:
    /// `$XDG_STATE_HOME/copydesk/watch-<hash of the directories>.sqlite`, where
    /// `XDG_STATE_HOME` defaults to `~/.local/state` (and, without a home, `./.copydesk`).
    pub fn default_path(dirs: &[PathBuf]) -> PathBuf {
        let mut names: Vec<String> = dirs
            .iter()
            .map(|d| std::fs::canonicalize(d).unwrap_or_else(|_| d.clone()))
            .map(|d| d.display().to_string())
            .collect();
        names.sort();
        names.dedup();
        let hash = xxhash_rust::xxh3::xxh3_64(names.join("\0").as_bytes());
        let base = std::env::var_os("XDG_STATE_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| {
                std::env::var_os("HOME")
                    .filter(|v| !v.is_empty())
                    .map(|h| PathBuf::from(h).join(".local/state"))
            })
            .unwrap_or_else(|| PathBuf::from(".copydesk"));
        base.join("copydesk").join(format!("watch-{hash:016x}.sqlite"))
    }

    /// The store's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn err(&self, source: rusqlite::Error) -> StateError {
        StateError::Sqlite { path: self.path.clone(), source }
    }

    /// Every done spool file.
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn done_files(&self) -> Result<HashMap<FileKey, DoneFile>, StateError> {
        let mut stmt = self
            .conn
            .prepare("SELECT dev, ino, path, size, mtime_ns, hash FROM done_files")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    FileKey { dev: r.get::<_, i64>(0)? as u64, ino: r.get::<_, i64>(1)? as u64 },
                    DoneFile {
                        path: r.get(2)?,
                        size: r.get::<_, i64>(3)? as u64,
                        mtime_ns: r.get(4)?,
                        hash: r.get::<_, i64>(5)? as u64,
                    },
                ))
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Every tail checkpoint.
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn tails(&self) -> Result<HashMap<FileKey, TailCheckpoint>, StateError> {
        let mut stmt = self
            .conn
            .prepare("SELECT dev, ino, path, offset, line, fp_len, fp_hash FROM tail_checkpoints")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    FileKey { dev: r.get::<_, i64>(0)? as u64, ino: r.get::<_, i64>(1)? as u64 },
                    TailCheckpoint {
                        path: r.get(2)?,
                        offset: r.get::<_, i64>(3)? as u64,
                        line: r.get::<_, i64>(4)? as u64,
                        fp_len: r.get::<_, i64>(5)? as u64,
                        fp_hash: r.get::<_, i64>(6)? as u64,
                    },
                ))
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// One tail checkpoint.
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn tail(&self, key: FileKey) -> Result<Option<TailCheckpoint>, StateError> {
        self.conn
            .query_row(
                "SELECT path, offset, line, fp_len, fp_hash FROM tail_checkpoints
                 WHERE dev = ?1 AND ino = ?2",
                params![key.dev as i64, key.ino as i64],
                |r| {
                    Ok(TailCheckpoint {
                        path: r.get(0)?,
                        offset: r.get::<_, i64>(1)? as u64,
                        line: r.get::<_, i64>(2)? as u64,
                        fp_len: r.get::<_, i64>(3)? as u64,
                        fp_hash: r.get::<_, i64>(4)? as u64,
                    })
                },
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Records `marks` in one transaction.
    ///
    /// # Errors
    /// When SQLite fails; nothing of `marks` is recorded then.
    pub fn commit(&mut self, marks: &[Mark]) -> Result<(), StateError> {
        if marks.is_empty() {
            return Ok(());
        }
        let now = copydesk_core::now_rfc3339();
        let path = self.path.clone();
        let err = |source| StateError::Sqlite { path: path.clone(), source };
        let tx = self.conn.transaction().map_err(err)?;
        {
            let mut done = tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO done_files
                     (dev, ino, path, size, mtime_ns, hash, done_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )
                .map_err(err)?;
            let mut tail = tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO tail_checkpoints
                     (dev, ino, path, offset, line, fp_len, fp_hash, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )
                .map_err(err)?;
            for mark in marks {
                match mark {
                    Mark::Done(k, d) => done.execute(params![
                        k.dev as i64,
                        k.ino as i64,
                        d.path,
                        d.size as i64,
                        d.mtime_ns,
                        d.hash as i64,
                        now
                    ]),
                    Mark::Tail(k, t) => tail.execute(params![
                        k.dev as i64,
                        k.ino as i64,
                        t.path,
                        t.offset as i64,
                        t.line as i64,
                        t.fp_len as i64,
                        t.fp_hash as i64,
                        now
                    ]),
                }
                .map_err(err)?;
            }
        }
        tx.commit().map_err(err)
    }

    /// Forgets done spool files that were deleted (their marks are no longer needed; without
    /// this, an HTTP spool would grow the table by a row per request).
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn forget_done(&mut self, keys: &[FileKey]) -> Result<(), StateError> {
        if keys.is_empty() {
            return Ok(());
        }
        let path = self.path.clone();
        let err = |source| StateError::Sqlite { path: path.clone(), source };
        let tx = self.conn.transaction().map_err(err)?;
        {
            let mut del = tx
                .prepare_cached("DELETE FROM done_files WHERE dev = ?1 AND ino = ?2")
                .map_err(err)?;
            for k in keys {
                del.execute(params![k.dev as i64, k.ino as i64]).map_err(err)?;
            }
        }
        tx.commit().map_err(err)
    }

    /// Forgets the tail checkpoints of files that no longer exist.
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn forget_tails(&mut self, keys: &[FileKey]) -> Result<(), StateError> {
        let path = self.path.clone();
        let err = |source| StateError::Sqlite { path: path.clone(), source };
        let tx = self.conn.transaction().map_err(err)?;
        {
            let mut del = tx
                .prepare_cached("DELETE FROM tail_checkpoints WHERE dev = ?1 AND ino = ?2")
                .map_err(err)?;
            for k in keys {
                del.execute(params![k.dev as i64, k.ino as i64]).map_err(err)?;
            }
        }
        tx.commit().map_err(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_survive_reopening_and_replace_older_ones() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/state.sqlite");
        let k = FileKey { dev: 1, ino: u64::MAX - 3 };
        {
            let mut s = StateStore::open(&path).unwrap();
            let d = DoneFile { path: "a.txt".into(), size: 10, mtime_ns: -5, hash: u64::MAX - 1 };
            let t = |offset| TailCheckpoint {
                path: "f.jsonl".into(),
                offset,
                line: 3,
                fp_len: 20,
                fp_hash: 7,
            };
            s.commit(&[Mark::Done(k, d), Mark::Tail(k, t(10)), Mark::Tail(k, t(30))]).unwrap();
        }
        let s = StateStore::open(&path).unwrap();
        let done = s.done_files().unwrap();
        assert_eq!(done[&k].hash, u64::MAX - 1);
        assert_eq!(done[&k].mtime_ns, -5);
        assert_eq!(s.tails().unwrap()[&k].offset, 30);
        assert_eq!(s.tail(k).unwrap().unwrap().offset, 30);
        assert_eq!(s.tail(FileKey { dev: 1, ino: 1 }).unwrap(), None);
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.sqlite");
        drop(StateStore::open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 9).unwrap();
        drop(conn);
        let err = StateStore::open(&path).unwrap_err();
        assert!(err.to_string().contains("schema version 9"), "{err}");
    }
}
