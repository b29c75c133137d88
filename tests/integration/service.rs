//! The systemd unit (config/copydesk.service): it keeps what `serve` needs, `systemd-analyze
//! verify` accepts it, and `systemd-analyze security` rates it OK (exposure <= 2.0). The
//! `systemd-analyze` checks are skipped, with a message, where it is not installed.

use std::process::Command;

use crate::util::{bin, repo_file};

fn unit() -> String {
    std::fs::read_to_string(repo_file("config/copydesk.service")).unwrap()
}

/// The unit's `Key=value` lines.
fn settings(unit: &str) -> Vec<(String, String)> {
    unit.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with('['))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect()
}

#[test]
fn the_unit_keeps_what_serve_needs_and_is_hardened() {
    let unit = unit();
    let s = settings(&unit);
    let has = |k: &str, v: &str| s.iter().any(|(a, b)| a == k && b == v);
    assert!(has("Type", "notify"), "{unit}");
    assert!(has("ExecStartPre", "/usr/local/bin/copydesk check /etc/copydesk/copydesk.toml"));
    assert!(has("ExecReload", "/bin/kill -HUP $MAINPID"));
    assert!(has("StateDirectory", "copydesk"));
    assert!(has("WorkingDirectory", "/var/lib/copydesk"));
    for (k, v) in [
        ("ProtectSystem", "strict"),
        ("ProtectHome", "true"),
        ("PrivateTmp", "true"),
        ("PrivateDevices", "true"),
        ("NoNewPrivileges", "true"),
        ("CapabilityBoundingSet", ""),
        ("MemoryDenyWriteExecute", "true"),
        ("SystemCallFilter", "@system-service"),
        ("SystemCallArchitectures", "native"),
        ("RestrictAddressFamilies", "AF_INET AF_INET6 AF_UNIX"),
        ("UMask", "0077"),
    ] {
        assert!(has(k, v), "{k}={v} missing: {unit}");
    }
    // Every path it may write is under the state directory.
    for (k, v) in &s {
        if k == "ReadWritePaths" || (k == "Environment" && v.starts_with("XDG_STATE_HOME=")) {
            let path = v.trim_start_matches("XDG_STATE_HOME=");
            assert!(path.starts_with("/var/lib/copydesk"), "{k}={v}");
        }
    }
}

#[test]
fn systemd_analyze_verifies_the_unit_and_rates_it_ok() {
    if Command::new("systemd-analyze").arg("--version").output().is_err() {
        eprintln!("skipped: systemd-analyze is not installed");
        return;
    }
    // `verify` checks that the commands exist: the unit as installed, with this binary.
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("copydesk.service");
    std::fs::write(&path, unit().replace("/usr/local/bin/copydesk", bin().to_str().unwrap()))
        .unwrap();

    let out = Command::new("systemd-analyze").arg("verify").arg(&path).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "systemd-analyze verify: {err}");
    assert!(!err.contains("copydesk.service"), "systemd-analyze verify: {err}");

    let out = Command::new("systemd-analyze")
        .args(["security", "--offline=true", "--no-pager"])
        .arg(&path)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    let level = text
        .lines()
        .find_map(|l| l.split_once("Overall exposure level for copydesk.service:"))
        .and_then(|(_, rest)| rest.split_whitespace().next()?.parse::<f64>().ok())
        .unwrap_or_else(|| panic!("no exposure level: {text}"));
    assert!(level <= 2.0, "exposure {level} > 2.0 (OK): {text}");
}
