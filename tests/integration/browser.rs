//! A real headless Chromium for the desk's tests, driven over the DevTools protocol.
//!
//! The protocol runs over a pipe (`--remote-debugging-pipe`: Chromium reads commands from fd 3
//! and writes answers to fd 4, each a JSON message ended by a NUL byte), so there is no port
//! to find and no websocket client to depend on: a shell maps the child's stdin and stdout
//! onto fds 3 and 4. Waits poll a JavaScript condition with a deadline, never a fixed delay.

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::util::DEADLINE;

/// The Chromium binary: `$CHROMIUM`, else `chromium` on the PATH (Debian's package).
fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| ["chromium", "chromium-browser"].map(|n| d.join(n)))
        .find(|p| p.is_file())
}

/// A headless Chromium with one page.
pub(crate) struct Browser {
    child: Child,
    commands: ChildStdin,
    messages: mpsc::Receiver<Value>,
    session: String,
    next: u64,
    /// JavaScript exceptions the page threw (`Runtime.exceptionThrown`).
    pub(crate) exceptions: Vec<String>,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts Chromium with a blank page, or says why not and returns `None` when Chromium is
    /// not installed (`make test` installs it).
    pub(crate) fn start() -> Option<Browser> {
        let Some(exe) = chromium() else {
            eprintln!(
                "skipped: no chromium on the PATH (make test installs Debian's chromium package; \
                 CHROMIUM=/path/to/chromium names another)"
            );
            return None;
        };
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(r#"exec "$0" "$@" 3<&0 4>&1 </dev/null >/dev/null"#)
            .arg(&exe)
            .args([
                "--headless",
                // Chromium's sandbox refuses to run as root (CI runs as root).
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-pipe",
                "--window-size=1280,900",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromium starts");
        let commands = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            let mut buf = Vec::new();
            while reader.read_until(0, &mut buf).is_ok_and(|n| n > 0) {
                buf.pop_if(|b| *b == 0);
                if let Ok(v) = serde_json::from_slice::<Value>(&buf)
                    && tx.send(v).is_err()
                {
                    break;
                }
                buf.clear();
            }
        });
        let mut b = Browser {
            child,
            commands,
            messages,
            session: String::new(),
            next: 0,
            exceptions: Vec::new(),
            _profile: profile,
        };
        let target = b.call(None, "Target.createTarget", json!({"url": "about:blank"}));
        let target = target["targetId"].as_str().unwrap().to_owned();
        let attached =
            b.call(None, "Target.attachToTarget", json!({"targetId": target, "flatten": true}));
        b.session = attached["sessionId"].as_str().unwrap().to_owned();
        b.command("Runtime.enable", json!({}));
        b.command("Page.enable", json!({}));
        Some(b)
    }

    /// Sends a command (to the page's session, or to the browser) and returns its result.
    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = self.next;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            msg["sessionId"] = s.into();
        }
        let mut bytes = msg.to_string().into_bytes();
        bytes.push(0);
        self.commands.write_all(&bytes).unwrap();
        self.commands.flush().unwrap();
        let start = Instant::now();
        loop {
            let left = DEADLINE.saturating_sub(start.elapsed());
            let m = self
                .messages
                .recv_timeout(left)
                .unwrap_or_else(|e| panic!("no answer to {method} within {DEADLINE:?}: {e}"));
            if m["method"] == "Runtime.exceptionThrown" {
                let d = &m["params"]["exceptionDetails"];
                self.exceptions.push(format!("{} {}", d["text"], d["exception"]["description"]));
            }
            if m["id"] == id {
                assert!(m.get("error").is_none(), "{method}: {m}");
                return m["result"].clone();
            }
        }
    }

    fn command(&mut self, method: &str, params: Value) -> Value {
        let session = self.session.clone();
        self.call(Some(&session), method, params)
    }

    /// Loads `url` in the page.
    pub(crate) fn open(&mut self, url: &str) {
        self.command("Page.navigate", json!({"url": url}));
    }

    /// The value of a JavaScript expression in the page (promises awaited).
    pub(crate) fn eval(&mut self, expr: &str) -> Value {
        let r = self.command(
            "Runtime.evaluate",
            json!({"expression": expr, "returnByValue": true, "awaitPromise": true}),
        );
        if let Some(e) = r.get("exceptionDetails") {
            panic!("{expr}: {e}");
        }
        r["result"]["value"].clone()
    }

    /// Waits until `expr` is truthy in the page and returns its value; fails the test with
    /// `what` and the page's text once the deadline passes.
    pub(crate) fn wait_for(&mut self, what: &str, expr: &str) -> Value {
        let start = Instant::now();
        loop {
            let v = self.eval(&format!(
                "(() => {{ try {{ return {expr}; }} catch (e) {{ return null; }} }})()"
            ));
            if !matches!(v, Value::Null | Value::Bool(false)) && v != json!(0) && v != json!("") {
                return v;
            }
            if start.elapsed() > DEADLINE {
                let page = self.eval("location.href + '\\n' + document.body.innerText");
                panic!(
                    "{what}: not within {DEADLINE:?}; the page:\n{}",
                    page.as_str().unwrap_or("")
                );
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        _ = self.child.kill();
        _ = self.child.wait();
    }
}
