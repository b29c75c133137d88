//! A throwaway PostgreSQL server for tests: `initdb` into a temp folder, `pg_ctl start` on a
//! Unix socket in it (no TCP port), stopped and removed when dropped.
//!
//! PostgreSQL refuses to run as root: as root, the folder is given to `nobody` and the
//! server's commands run as that user (`runuser`). The binaries are Debian's
//! (`/usr/lib/postgresql/<version>/bin`, the newest) or the first on `PATH`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A running PostgreSQL server.
#[derive(Debug)]
pub struct PgServer {
    bin: PathBuf,
    dir: tempfile::TempDir,
    as_nobody: bool,
}

/// The folder of `initdb` and `pg_ctl`, when PostgreSQL is installed.
fn bin_dir() -> Option<PathBuf> {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|e| {
            let v = e.file_name().to_str()?.parse().ok()?;
            let bin = e.path().join("bin");
            bin.join("pg_ctl").exists().then_some((v, bin))
        })
        .collect();
    versions.sort();
    if let Some((_, bin)) = versions.pop() {
        return Some(bin);
    }
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(PathBuf::from)
        .find(|d| d.join("initdb").exists() && d.join("pg_ctl").exists())
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

impl PgServer {
    /// Starts a server, or says why it cannot (PostgreSQL not installed: the caller skips).
    ///
    /// # Errors
    /// `Err(None)` when PostgreSQL is not installed; `Err(Some(why))` when it is and fails.
    pub fn start() -> Result<PgServer, Option<String>> {
        let bin = bin_dir().ok_or(None)?;
        let as_nobody = is_root();
        // As root, under /tmp (a TMPDIR under /root is closed to `nobody`).
        let dir = if as_nobody {
            tempfile::Builder::new().prefix("copydesk-pg").tempdir_in("/tmp")
        } else {
            tempfile::Builder::new().prefix("copydesk-pg").tempdir()
        }
        .map_err(|e| Some(format!("cannot make a temp folder: {e}")))?;
        let server = PgServer { bin, dir, as_nobody };
        if as_nobody {
            let ok = Command::new("chown")
                .args(["-R", "nobody"])
                .arg(server.dir.path())
                .status()
                .is_ok_and(|s| s.success());
            if !ok {
                return Err(Some("cannot give the temp folder to nobody".into()));
            }
        }
        std::fs::create_dir(server.socket_dir())
            .map_err(|e| Some(format!("cannot make the socket folder: {e}")))?;
        if as_nobody {
            _ = Command::new("chown").arg("nobody").arg(server.socket_dir()).status();
        }
        let data = server.data_dir();
        server.run(
            "initdb",
            &[
                "-D",
                path(&data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ],
        )?;
        server.start_again()?;
        Ok(server)
    }

    /// Runs one of the server's commands (as `nobody` when root).
    fn run(&self, program: &str, args: &[&str]) -> Result<(), Option<String>> {
        let exe = self.bin.join(program);
        let mut cmd = if self.as_nobody {
            let mut c = Command::new("runuser");
            c.args(["-u", "nobody", "--"]).arg(&exe);
            c
        } else {
            Command::new(&exe)
        };
        let out = cmd
            .args(args)
            .current_dir(self.dir.path())
            .stdin(Stdio::null())
            .output()
            .map_err(|e| Some(format!("cannot run {}: {e}", exe.display())))?;
        if out.status.success() {
            Ok(())
        } else {
            Err(Some(format!(
                "{program} failed: {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )))
        }
    }

    fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// The folder of the server's Unix socket.
    pub fn socket_dir(&self) -> PathBuf {
        self.dir.path().join("sock")
    }

    /// The URL of database `postgres` as user `postgres` (no password: trust).
    pub fn url(&self) -> String {
        format!("postgresql://postgres@/postgres?host={}", self.socket_dir().display())
    }

    /// Starts the server (again, after [`PgServer::stop`]); returns once it accepts
    /// connections.
    ///
    /// # Errors
    /// Why it did not start.
    pub fn start_again(&self) -> Result<(), Option<String>> {
        let data = self.data_dir();
        let log = self.dir.path().join("server.log");
        let options = format!(
            "-k {} -c listen_addresses='' -c fsync=off -c max_connections=100",
            self.socket_dir().display()
        );
        self.run(
            "pg_ctl",
            &["-D", path(&data), "-l", path(&log), "-o", &options, "-w", "-t", "60", "start"],
        )
    }

    /// Stops the server: `fast` (clients are disconnected, what is committed is kept).
    ///
    /// # Panics
    /// When it does not stop.
    pub fn stop(&self) {
        let data = self.data_dir();
        if let Err(e) = self.run("pg_ctl", &["-D", path(&data), "-m", "fast", "-w", "stop"]) {
            panic!("pg_ctl stop: {e:?}");
        }
    }

    /// The server's log so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default()
    }
}

impl Drop for PgServer {
    fn drop(&mut self) {
        let data = self.data_dir();
        _ = self.run("pg_ctl", &["-D", path(&data), "-m", "immediate", "-w", "stop"]);
    }
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap_or_default()
}

/// A server for a test, or `None` with a message when PostgreSQL is not installed (`make
/// test` installs it).
///
/// # Panics
/// When PostgreSQL is installed but does not start.
pub fn server_or_skip(test: &str) -> Option<PgServer> {
    match PgServer::start() {
        Ok(s) => Some(s),
        Err(None) => {
            eprintln!(
                "{test}: skipped: PostgreSQL is not installed (no initdb and pg_ctl in \
                 /usr/lib/postgresql/*/bin or on PATH; `make test` installs Debian's postgresql)"
            );
            None
        }
        Err(Some(why)) => panic!("{test}: PostgreSQL does not start: {why}"),
    }
}
