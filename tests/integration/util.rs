//! Helpers shared by the end-to-end tests.

use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::Value;

/// How long any single wait in a test may take before the test fails (a deadline, never a
/// sleep: tests move on as soon as the condition holds).
pub(crate) const DEADLINE: Duration = Duration::from_secs(60);

/// The binary under test.
pub(crate) fn bin() -> PathBuf {
    PathBuf::from(assert_cmd::cargo::cargo_bin!("copydesk"))
}

/// A file of the repository.
pub(crate) fn repo_file(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The output of a finished run.
pub(crate) struct Run {
    pub(crate) code: i32,
    pub(crate) records: Vec<Value>,
    pub(crate) stderr: String,
}

/// Runs copydesk with `args`, feeding `stdin`.
pub(crate) fn run(args: &[&str], stdin: impl Into<Vec<u8>>) -> Run {
    let out = assert_cmd::Command::new(bin())
        .args(args)
        .env_remove("RUST_LOG")
        .write_stdin(stdin)
        .timeout(DEADLINE)
        .output()
        .expect("copydesk runs");
    let stdout = String::from_utf8(out.stdout).expect("stdout is UTF-8");
    Run {
        code: out.status.code().unwrap_or(-1),
        records: stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad record {l:?}: {e}")))
            .collect(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A running copydesk with piped stdin/stdout/stderr.
pub(crate) fn spawn(args: &[&str]) -> Child {
    Command::new(bin())
        .args(args)
        .env_remove("RUST_LOG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("copydesk starts")
}

/// Reads stdout lines on a thread, so that a test can wait for one with a deadline.
pub(crate) struct Lines(mpsc::Receiver<String>);

impl Lines {
    pub(crate) fn new(stdout: impl Read + Send + 'static) -> Lines {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Lines(rx)
    }

    /// The next line, or a test failure once the deadline passes.
    pub(crate) fn next(&self) -> Option<String> {
        match self.0.recv_timeout(DEADLINE) {
            Ok(l) => Some(l),
            Err(mpsc::RecvTimeoutError::Disconnected) => None,
            Err(mpsc::RecvTimeoutError::Timeout) => panic!("no output within {DEADLINE:?}"),
        }
    }

    /// The lines read so far and not yet taken.
    pub(crate) fn rest(&self) -> Vec<String> {
        self.0.try_iter().collect()
    }
}

/// Waits for a child to exit, with the deadline; returns its exit code and stderr.
pub(crate) fn finish(mut child: Child) -> (i32, String) {
    let start = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait works") {
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                e.read_to_string(&mut err).expect("stderr readable");
            }
            return (status.code().unwrap_or(-1), err);
        }
        if start.elapsed() > DEADLINE {
            _ = child.kill();
            panic!("copydesk did not exit within {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// NDJSON input of `n` generated articles with ids `a0`, `a1`, ...; sizes vary a lot so that
/// parallel workers finish out of order.
pub(crate) fn generated_articles(n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        let reps = 1 + (i * 7919) % 40;
        let body = format!("Article number {i} reports on the harbour. ").repeat(reps);
        out.push_str(&serde_json::json!({"id": format!("a{i}"), "text": body}).to_string());
        out.push('\n');
    }
    out
}

/// Writes a configuration file `name` into `dir`; its path.
pub(crate) fn config_file(dir: &std::path::Path, name: &str, text: &str) -> PathBuf {
    let config = dir.join(name);
    std::fs::write(&config, text).unwrap();
    config
}

/// Puts a file into a watched folder the safe way: a hidden temporary name, then a rename.
pub(crate) fn drop_file(dir: &std::path::Path, name: &str, body: &str) {
    let dest = dir.join(name);
    let file_name = dest.file_name().unwrap().to_str().unwrap();
    let tmp = dest.with_file_name(format!(".{file_name}.tmp"));
    std::fs::write(&tmp, body).unwrap();
    std::fs::rename(&tmp, &dest).unwrap();
}

/// The ids of every article in a store, read with `copydesk search --json`.
pub(crate) fn stored_ids(db: &std::path::Path) -> Vec<String> {
    let out = Command::new(bin())
        .args(["search", "--limit", "100000", "--json", "--db"])
        .arg(db)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].as_str().unwrap().to_owned())
        .collect()
}

/// Runs copydesk with `args` (no stdin): exit code, stdout, stderr.
pub(crate) fn copydesk(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(bin()).args(args).env_remove("RUST_LOG").output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `copydesk watch DIR --once` with a state store of its own and more arguments.
pub(crate) fn watch_once(
    dir: &std::path::Path,
    state: &std::path::Path,
    more: &[&str],
) -> (i32, String, String) {
    let mut args = vec![
        "watch",
        dir.to_str().unwrap(),
        "--once",
        "--quiet-ms",
        "0",
        "--state",
        state.to_str().unwrap(),
    ];
    args.extend_from_slice(more);
    copydesk(&args)
}

/// A minimal HTTP/1.1 client (one request per connection): status, headers, body.
pub(crate) fn http(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, String, String) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(DEADLINE)).unwrap();
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    let mut resp = Vec::new();
    _ = s.read_to_end(&mut resp);
    let resp = String::from_utf8_lossy(&resp).into_owned();
    let (head, body) = resp.split_once("\r\n\r\n").unwrap_or((&resp, ""));
    let status = head.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    (status, head.to_owned(), body.to_owned())
}
