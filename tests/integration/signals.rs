//! Real signals: SIGTERM/SIGINT stop reading, everything already read is written, exit 0.

use std::io::Write;
use std::process::Command;

use serde_json::Value;

use crate::util::{Lines, finish, spawn};

fn signal(pid: u32, sig: &str) {
    let ok = Command::new("kill").args([sig, &pid.to_string()]).status().unwrap().success();
    assert!(ok, "kill {sig} {pid}");
}

fn drains_on(sig: &str) {
    let mut child = spawn(&[]);
    let mut stdin = child.stdin.take().unwrap();
    let lines = Lines::new(child.stdout.take().unwrap());
    for i in 0..3 {
        writeln!(stdin, "{{\"id\":\"s{i}\",\"text\":\"Story {i}.\"}}").unwrap();
    }
    stdin.flush().unwrap();
    let mut got = Vec::new();
    for _ in 0..3 {
        let v: Value = serde_json::from_str(&lines.next().unwrap()).unwrap();
        got.push(v["id"].as_str().unwrap().to_owned());
    }
    // stdin stays open (a producer that never ends); the signal alone must end the run.
    signal(child.id(), sig);
    assert!(lines.next().is_none(), "nothing more after the signal");
    let (code, err) = finish(child);
    drop(stdin);
    assert_eq!(got, vec!["s0", "s1", "s2"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn sigterm_drains_and_exits_0() {
    drains_on("-TERM");
}

#[test]
fn sigint_drains_and_exits_0() {
    drains_on("-INT");
}
