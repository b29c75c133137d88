//! Shell completions and manual pages, generated from the command-line definitions.

use std::process::Command;

use crate::util::bin;

fn stdout_of(args: &[&str]) -> String {
    let out = Command::new(bin()).args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

// See: issue #22 (shell completions and a man page generated from the clap definitions).
#[test]
fn completions_know_every_command_and_flag() {
    let bash = stdout_of(&["completions", "bash"]);
    assert!(bash.contains("_copydesk()") && bash.contains("complete -F _copydesk"), "{bash}");
    for word in ["watch", "serve", "replay", "--dead-letter", "--connect", "--once"] {
        assert!(bash.contains(word), "bash: {word}");
    }
    let zsh = stdout_of(&["completions", "zsh"]);
    assert!(zsh.starts_with("#compdef copydesk"), "{zsh}");
    let fish = stdout_of(&["completions", "fish"]);
    assert!(fish.contains("complete -c copydesk") && fish.contains("replay"), "{fish}");
    let out = Command::new(bin()).args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    // bash itself reads the script.
    if Command::new("bash").arg("--version").output().is_ok() {
        let status = Command::new("bash")
            .args(["-c", "source /dev/stdin && complete -p copydesk"])
            .stdin(std::fs::File::open(write_tmp(&bash).path()).unwrap())
            .output()
            .unwrap();
        assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    }
}

fn write_tmp(text: &str) -> tempfile::NamedTempFile {
    let f = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(f.path(), text).unwrap();
    f
}

#[test]
fn man_pages_describe_every_command() {
    let page = stdout_of(&["man"]);
    assert!(page.contains(".TH copydesk 1"), "{page}");
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS", ".SH SUBCOMMANDS"] {
        assert!(page.contains(section), "{section}");
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("man1");
    stdout_of(&["man", "--dir", dir.to_str().unwrap()]);
    let mut pages: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    pages.sort();
    for cmd in ["", "-check", "-replay", "-search", "-serve", "-stats", "-watch"] {
        assert!(pages.contains(&format!("copydesk{cmd}.1")), "copydesk{cmd}.1 in {pages:?}");
    }
    let watch = std::fs::read_to_string(dir.join("copydesk-watch.1")).unwrap();
    assert!(watch.contains(r"\-\-once"), "{watch}");
    // man renders it, when there is one.
    if let Ok(out) = Command::new("man")
        .arg("-l")
        .arg(dir.join("copydesk-check.1"))
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "100")
        .output()
        && out.status.success()
    {
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("--connect"), "{text}");
    }
}
