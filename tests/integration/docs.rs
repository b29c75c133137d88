//! The documents against the software: README.md, CONTRIBUTING.md and docs/*.md show only
//! commands the binary accepts, link only to what exists, and stay what they are meant to be
//! (a short README; documents about the software, not about how it was made). The example
//! configuration passes `copydesk check`.
//!
//! A command is a `copydesk …` line of a fenced code block, or an inline code span, where
//! `copydesk` (or a path ending in `/copydesk`) stands where a shell runs a command: first,
//! after `|`, `&&`, `;`, `$`, `#`, or after `sudo`, `env`, `VAR=value` and the like. Its first
//! argument, when it is a lower-case word, must be a subcommand; every `--flag` it uses must
//! be one that the real binary's `--help` of that subcommand lists.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{bin, repo_file};

/// README.md's budget: a front door, not a manual.
const README_MAX_LINES: usize = 300;

/// A Markdown document of the repository.
struct Doc {
    /// The path relative to the repository, for messages.
    name: String,
    path: PathBuf,
    text: String,
}

/// README.md, CONTRIBUTING.md and every docs/*.md.
fn documents() -> Vec<Doc> {
    let mut paths = vec![repo_file("README.md"), repo_file("CONTRIBUTING.md")];
    let mut docs: Vec<PathBuf> = fs::read_dir(repo_file("docs"))
        .expect("docs/ exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    paths.extend(docs);
    let root = repo_file("");
    paths
        .into_iter()
        .map(|path| Doc {
            name: path.strip_prefix(&root).unwrap_or(&path).display().to_string(),
            text: fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
            path,
        })
        .collect()
}

/// One line of a document, split into its code (a fenced block's line, or each inline code
/// span) and its prose (the line without its code spans; empty in a fenced block).
struct Line {
    number: usize,
    code: Vec<String>,
    prose: String,
}

/// The lines of a Markdown text, fenced code blocks told apart (a line ending in `\` inside
/// one is joined with the next, as a shell would).
fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut fence: Option<&str> = None;
    let mut pending: Option<(usize, String)> = None;
    for (i, line) in text.lines().enumerate() {
        let number = i + 1;
        let trimmed = line.trim_start();
        let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        match (fence, marker) {
            (None, Some(m)) => fence = Some(m),
            (Some(open), Some(m)) if open == m => fence = None,
            (Some(_), _) => {
                let (first, mut joined) = pending.take().unwrap_or((number, String::new()));
                if let Some(head) = line.strip_suffix('\\') {
                    joined.push_str(head);
                    pending = Some((first, joined));
                } else {
                    joined.push_str(line);
                    out.push(Line { number: first, code: vec![joined], prose: String::new() });
                }
            }
            (None, None) => {
                let (code, prose) = code_spans(line);
                out.push(Line { number, code, prose });
            }
        }
    }
    out
}

/// The inline code spans of a line, and the line without them.
fn code_spans(line: &str) -> (Vec<String>, String) {
    let (mut spans, mut prose) = (Vec::new(), String::new());
    let mut rest = line;
    while let Some(start) = rest.find('`') {
        prose.push_str(&rest[..start]);
        let ticks = rest[start..].len() - rest[start..].trim_start_matches('`').len();
        let fence = &rest[start..start + ticks];
        let after = &rest[start + ticks..];
        // The closing run has exactly as many backticks.
        let close = after.match_indices(fence).map(|(i, _)| i).find(|&i| {
            !after[i + ticks..].starts_with('`') && (i == 0 || !after[..i].ends_with('`'))
        });
        match close {
            Some(end) => {
                spans.push(after[..end].trim().to_owned());
                rest = &after[end + ticks..];
            }
            None => {
                prose.push_str(fence);
                rest = after;
            }
        }
    }
    prose.push_str(rest);
    (spans, prose)
}

/// A shell token: a word (and whether any of it was quoted) or an operator.
#[derive(Debug, PartialEq)]
enum Token {
    Word(String, bool),
    Op(String),
}

/// Splits a command line as a shell would, roughly: quotes group, operators stand alone
/// (`\|`, a pipe escaped in a Markdown table, is a pipe), `#` starts a comment (a boundary:
/// commands in comments are checked too).
fn tokens(line: &str) -> Vec<Token> {
    let line = line.replace("\\|", "|");
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    let flush = |word: &mut String, quoted: &mut bool, out: &mut Vec<Token>| {
        if !word.is_empty() || *quoted {
            out.push(Token::Word(std::mem::take(word), *quoted));
        }
        *quoted = false;
    };
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                quoted = true;
                for q in chars.by_ref() {
                    if q == c {
                        break;
                    }
                    word.push(q);
                }
            }
            c if c.is_whitespace() => flush(&mut word, &mut quoted, &mut out),
            // `<command>`, `<FILE>`: a placeholder, not a redirection.
            '<' if placeholder(chars.clone()) => {
                word.push(c);
                for p in chars.by_ref() {
                    word.push(p);
                    if p == '>' {
                        break;
                    }
                }
            }
            '|' | '&' | ';' | '<' | '>' => {
                // `2>` and `2>&1`: the descriptor belongs to the operator.
                let mut op = if matches!(word.as_str(), "1" | "2") && !quoted {
                    std::mem::take(&mut word)
                } else {
                    flush(&mut word, &mut quoted, &mut out);
                    String::new()
                };
                op.push(c);
                while let Some(&n) = chars.peek() {
                    if !matches!(n, '|' | '&' | '<' | '>' | '1' | '2') {
                        break;
                    }
                    op.push(n);
                    chars.next();
                }
                out.push(Token::Op(op));
            }
            '#' if word.is_empty() && !quoted => out.push(Token::Op("#".to_owned())),
            c => word.push(c),
        }
    }
    flush(&mut word, &mut quoted, &mut out);
    // A lone `$` is a prompt.
    out.into_iter()
        .map(|t| match t {
            Token::Word(w, false) if w == "$" => Token::Op(w),
            t => t,
        })
        .collect()
}

/// Whether what follows a `<` is a placeholder's name and its closing `>` (`<command>`).
fn placeholder(rest: impl Iterator<Item = char>) -> bool {
    let mut len = 0;
    for c in rest {
        match c {
            '>' => return len > 0,
            c if c.is_ascii_alphanumeric() || matches!(c, '-' | '_') => len += 1,
            _ => return false,
        }
    }
    false
}

/// Words after which the next word is a command.
const PREFIXES: &[&str] = &["sudo", "env", "exec", "time", "nohup", "xargs", "then", "do"];

/// A `copydesk` command found in a document.
#[derive(Debug, PartialEq)]
struct Invocation {
    /// The command as written, for messages.
    text: String,
    /// The first argument when it is a plain lower-case word (a subcommand, or a mistake).
    subcommand: Option<String>,
    /// Every `--flag` used (the name after `--`).
    flags: Vec<String>,
}

/// The `copydesk` commands of one code line or span.
fn invocations(code: &str) -> Vec<Invocation> {
    let toks = tokens(code);
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let Token::Word(w, false) = t else { continue };
        if w != "copydesk" && !w.ends_with("/copydesk") {
            continue;
        }
        let command_position = match i.checked_sub(1).map(|p| &toks[p]) {
            None | Some(Token::Op(_)) => true,
            Some(Token::Word(p, _)) => {
                PREFIXES.contains(&p.as_str())
                    // `RUST_LOG=info copydesk`, `valgrind --tool=callgrind copydesk`; not
                    // `--bin copydesk` (a flag's value) nor `install … copydesk` (an argument).
                    || p.contains('=')
            }
        };
        if !command_position {
            continue;
        }
        let mut args = Vec::new();
        let mut j = i + 1;
        while j < toks.len() {
            match &toks[j] {
                Token::Op(op) if op.contains('<') || op.contains('>') => j += 1, // and its target
                Token::Op(_) => break,
                Token::Word(w, quoted) => args.push((w.as_str(), *quoted)),
            }
            j += 1;
        }
        let first = match toks.get(i + 1) {
            Some(Token::Word(w, false)) if w.chars().all(|c| c.is_ascii_lowercase()) => {
                Some(w.clone())
            }
            _ => None,
        };
        let flags = args
            .iter()
            .filter(|(_, quoted)| !quoted)
            .filter_map(|(w, _)| w.trim_start_matches(['[', '(']).strip_prefix("--"))
            .map(|f| f.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect())
            .filter(|f: &String| !f.is_empty())
            .collect();
        let end = toks.len().min(j);
        let text = std::iter::once(w.as_str())
            .chain(toks[i + 1..end].iter().map(|t| match t {
                Token::Word(w, _) | Token::Op(w) => w.as_str(),
            }))
            .collect::<Vec<_>>()
            .join(" ");
        out.push(Invocation { text, subcommand: first, flags });
    }
    out
}

/// What the real binary accepts: its subcommands and, per subcommand (`""` for the pipe
/// without one), the long flags its `--help` lists.
struct Cli {
    subcommands: BTreeSet<String>,
    flags: HashMap<String, BTreeSet<String>>,
}

impl Cli {
    fn new() -> Cli {
        let top = help(&[]);
        let subcommands = top
            .lines()
            .skip_while(|l| l.trim() != "Commands:")
            .skip(1)
            .take_while(|l| !l.trim().is_empty())
            .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
            .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
            .collect();
        let mut flags = HashMap::new();
        flags.insert(String::new(), option_flags(&top));
        Cli { subcommands, flags }
    }

    /// The flags of `sub` (`""`: the pipe), asking the binary once.
    fn flags(&mut self, sub: &str) -> &BTreeSet<String> {
        self.flags.entry(sub.to_owned()).or_insert_with(|| option_flags(&help(&[sub])))
    }
}

fn help(args: &[&str]) -> String {
    let out = Command::new(bin()).args(args).arg("--help").output().expect("copydesk runs");
    assert!(out.status.success(), "copydesk {args:?} --help failed");
    String::from_utf8(out.stdout).expect("help is UTF-8")
}

/// The long flags that a `--help` text defines: its option lines (`  -c, --config <FILE>`,
/// `      --once`), not the flags its prose mentions.
fn option_flags(help: &str) -> BTreeSet<String> {
    help.lines()
        .filter(|l| {
            let indent = l.len() - l.trim_start().len();
            (1..=6).contains(&indent) && l.trim_start().starts_with('-')
        })
        .flat_map(|l| {
            l.split_whitespace()
                .take_while(|w| w.starts_with('-'))
                .filter_map(|w| w.trim_end_matches(',').strip_prefix("--"))
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The anchors GitHub gives a Markdown text's headings.
fn anchors(text: &str) -> BTreeSet<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = BTreeSet::new();
    let mut in_fence = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        let hashes = line.len() - line.trim_start_matches('#').len();
        if in_fence || !(1..=6).contains(&hashes) || !line[hashes..].starts_with(' ') {
            continue;
        }
        let slug: String = line[hashes..]
            .trim()
            .trim_end_matches('#')
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' '))
            .map(|c| if c == ' ' { '-' } else { c })
            .collect();
        let n = seen.entry(slug.clone()).or_insert(0);
        out.insert(if *n == 0 { slug } else { format!("{slug}-{n}") });
        *n += 1;
    }
    out
}

/// The targets of the inline links `[text](target)` and images of a line's prose.
fn link_targets(prose: &str) -> Vec<String> {
    prose
        .match_indices("](")
        .filter_map(|(i, _)| {
            let rest = &prose[i + 2..];
            let end = rest.find(')')?;
            let target = rest[..end].split_whitespace().next()?; // a title may follow
            Some(target.trim_start_matches('<').trim_end_matches('>').to_owned())
        })
        .collect()
}

#[test]
fn every_command_shown_in_the_documents_is_one_the_binary_accepts() {
    let mut cli = Cli::new();
    assert!(cli.subcommands.contains("watch"), "no subcommands in `copydesk --help`");
    let mut problems = Vec::new();
    let mut seen = 0;
    for doc in documents() {
        for line in lines(&doc.text) {
            for code in &line.code {
                for inv in invocations(code) {
                    seen += 1;
                    let at = format!("{}:{}: `{}`", doc.name, line.number, inv.text);
                    let sub = match &inv.subcommand {
                        Some(s) if cli.subcommands.contains(s) => s.clone(),
                        Some(s) => {
                            problems.push(format!(
                                "{at}: unknown subcommand {s:?} (`copydesk --help` lists {:?})",
                                cli.subcommands
                            ));
                            continue;
                        }
                        None => String::new(),
                    };
                    let known = cli.flags(&sub);
                    for flag in &inv.flags {
                        if !known.contains(flag) {
                            let help =
                                if sub.is_empty() { String::new() } else { format!(" {sub}") };
                            problems.push(format!(
                                "{at}: unknown flag --{flag} (not in `copydesk{help} --help`)"
                            ));
                        }
                    }
                }
            }
        }
    }
    assert!(
        seen > 20,
        "only {seen} copydesk commands found in the documents: is the parser broken?"
    );
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn every_relative_link_in_the_documents_resolves() {
    let mut problems = Vec::new();
    let mut seen = 0;
    for doc in documents() {
        let dir = doc.path.parent().unwrap_or(Path::new("."));
        for line in lines(&doc.text) {
            for target in link_targets(&line.prose) {
                if target.contains("://") || target.starts_with("mailto:") {
                    continue;
                }
                seen += 1;
                let (path, anchor) = target.split_once('#').unwrap_or((&target, ""));
                let file = if path.is_empty() { doc.path.clone() } else { dir.join(path) };
                let at = format!("{}:{}: link `{target}`", doc.name, line.number);
                if !file.exists() {
                    problems.push(format!("{at}: {} does not exist", file.display()));
                } else if !anchor.is_empty() && file.extension().is_some_and(|e| e == "md") {
                    let text = fs::read_to_string(&file).unwrap_or_default();
                    if !anchors(&text).contains(anchor) {
                        problems.push(format!("{at}: no heading #{anchor} in {}", file.display()));
                    }
                }
            }
        }
    }
    assert!(seen > 20, "only {seen} relative links found in the documents: is the parser broken?");
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn the_readme_is_short_and_no_document_speaks_of_sessions() {
    let docs = documents();
    let readme = &docs[0];
    let n = readme.text.lines().count();
    assert!(n <= README_MAX_LINES, "README.md has {n} lines, more than {README_MAX_LINES}");
    let mut problems = Vec::new();
    for doc in &docs {
        for (i, line) in doc.text.lines().enumerate() {
            if line.to_lowercase().contains("session") {
                problems.push(format!("{}:{}: {}", doc.name, i + 1, line.trim()));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "documents describe the software, not the work on it (its history is the git log):\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_example_configuration_passes_check() {
    // The example's paths are relative to its folder (../feed, rules.toml), as in the
    // repository; a copy keeps the repository clean and the default state store private.
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("config");
    fs::create_dir_all(&config).unwrap();
    fs::create_dir(tmp.path().join("feed")).unwrap();
    fs::copy(repo_file("config/copydesk.toml"), config.join("copydesk.toml")).unwrap();
    fs::copy(repo_file("config/rules.toml"), config.join("rules.toml")).unwrap();
    let out = Command::new(bin())
        .arg("check")
        .arg(config.join("copydesk.toml"))
        .env("XDG_STATE_HOME", tmp.path().join("state"))
        .env_remove("RUST_LOG")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "config/copydesk.toml fails `copydesk check`: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains(": ok ("));
}

#[test]
fn the_parsers_find_what_they_should() {
    let inv = |s: &str| invocations(s);
    let one = &inv("$ copydesk watch feeds/ --once --sink jsonl:x | jq .id")[0];
    assert_eq!(one.subcommand.as_deref(), Some("watch"));
    assert_eq!(one.flags, ["once", "sink"]);
    let piped = inv("scraper \\| copydesk --rules r.toml < in.jsonl --stats > out # --not-this");
    assert_eq!(piped[0].subcommand, None);
    assert_eq!(piped[0].flags, ["rules", "stats"]);
    assert_eq!(
        inv("RUST_LOG=info target/release/copydesk search 'a --b' --json")[0].flags,
        ["json"]
    );
    // Values and arguments are not commands; `copydesk-core` and `copydesk:` are not copydesk.
    assert!(inv("bench_ab.py --a /tmp/copydesk --b x --rounds 3").is_empty());
    assert!(inv("install -m 0755 target/release/copydesk /usr/local/bin/copydesk").is_empty());
    assert!(inv("cargo tree -p copydesk-core; copydesk: listening").is_empty());
    assert_eq!(inv("copydesk serch x")[0].subcommand.as_deref(), Some("serch"));
    assert_eq!(inv("copydesk [OPTIONS]")[0].subcommand, None);
    assert_eq!(inv("copydesk <command> --help")[0].flags, ["help"]);

    let (spans, prose) = code_spans("run `copydesk --x` and ``a ` b``, see [it](docs/a.md#b)");
    assert_eq!(spans, ["copydesk --x", "a ` b"]);
    assert_eq!(link_targets(&prose), ["docs/a.md#b"]);
    let text =
        "# A\n```sh\ncopydesk \\\n  --once\n# not a heading\n```\n## The `[[source]]` (x)\n## A\n";
    let ls = lines(text);
    assert_eq!(ls[1].code, ["copydesk   --once"]);
    assert_eq!(ls[1].number, 3);
    assert_eq!(
        anchors(text),
        ["a", "a-1", "the-source-x"].into_iter().map(str::to_owned).collect()
    );
    let flags = option_flags("Use --nope here.\n  -c, --config <FILE>  The file\n      --once\n");
    assert_eq!(flags, ["config", "once"].into_iter().map(str::to_owned).collect());
}
