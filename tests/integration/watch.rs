//! `copydesk watch`: the real binary on temp directories, with real inotify, real signals and a
//! real SQLite state store. Every wait is a condition with a deadline.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::util::{DEADLINE, bin, finish};

/// A watch under test: its directory, state store and output file.
struct Env {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
    state: PathBuf,
    out: PathBuf,
    dead: PathBuf,
}

impl Env {
    fn new() -> Env {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("feed");
        fs::create_dir(&dir).unwrap();
        Env {
            state: tmp.path().join("state.sqlite"),
            out: tmp.path().join("out.jsonl"),
            dead: tmp.path().join("dead.jsonl"),
            dir,
            _tmp: tmp,
        }
    }

    fn args<'a>(&'a self, extra: &[&'a str]) -> Vec<String> {
        let mut a = vec![
            "watch".to_owned(),
            self.dir.display().to_string(),
            "--state".into(),
            self.state.display().to_string(),
            "--sink".into(),
            format!("jsonl:{}", self.out.display()),
            "--dead-letter".into(),
            self.dead.display().to_string(),
        ];
        if !extra.contains(&"--quiet-ms") {
            a.extend(["--quiet-ms".to_owned(), "300".to_owned()]);
        }
        a.extend(extra.iter().map(|s| (*s).to_owned()));
        a
    }

    fn spawn(&self, extra: &[&str]) -> Child {
        Command::new(bin())
            .args(self.args(extra))
            .env_remove("RUST_LOG")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    }

    /// Runs `watch --once` to the end; returns the exit code and stderr.
    fn once(&self, extra: &[&str]) -> (i32, String) {
        let mut args = vec!["--once"];
        args.extend_from_slice(extra);
        finish(self.spawn(&args))
    }

    /// Every complete record of the output file, in order (a half-written last line of a
    /// killed run is skipped).
    fn records(&self) -> Vec<Value> {
        read_jsonl(&self.out)
    }

    fn dead_letters(&self) -> Vec<Value> {
        read_jsonl(&self.dead)
    }

    /// Waits until the output holds at least `n` records.
    fn wait_for(&self, n: usize) -> Vec<Value> {
        let start = Instant::now();
        loop {
            let r = self.records();
            if r.len() >= n {
                return r;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "only {} of {n} records within {DEADLINE:?}",
                r.len()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Writes a spool file the safe way: a hidden temporary name, then a rename.
    fn drop_file(&self, name: &str, body: &str) {
        crate::util::drop_file(&self.dir, name, body);
    }

    fn append(&self, name: &str, body: &str) {
        let mut f = OpenOptions::new().create(true).append(true).open(self.dir.join(name)).unwrap();
        f.write_all(body.as_bytes()).unwrap();
    }
}

fn read_jsonl(path: &Path) -> Vec<Value> {
    let Ok(text) = fs::read_to_string(path) else { return Vec::new() };
    text.lines().filter_map(|l| serde_json::from_str(l).ok()).collect()
}

fn ids(records: &[Value]) -> Vec<String> {
    records.iter().map(|r| r["id"].as_str().unwrap().to_owned()).collect()
}

fn article(id: &str) -> String {
    serde_json::json!({"id": id, "text": format!("Story {id} from the harbour desk.")}).to_string()
}

fn signal(child: &Child, sig: &str) {
    let ok = Command::new("kill").args([sig, &child.id().to_string()]).status().unwrap().success();
    assert!(ok, "kill {sig}");
}

fn stop(child: Child) -> String {
    signal(&child, "-TERM");
    let (code, err) = finish(child);
    assert!(code == 0 || code == 1, "exit {code}: {err}");
    err
}

#[test]
fn existing_new_and_appended_articles_all_arrive_once_and_a_restart_repeats_nothing() {
    let env = Env::new();
    env.drop_file("old.json", &article("old"));
    env.append("feed.jsonl", &format!("{}\n{}\n", article("l1"), article("l2")));
    let child = env.spawn(&[]);
    env.wait_for(3);
    env.drop_file("new.json", &article("new"));
    // A line in two writes: nothing is emitted before its newline.
    let l3 = article("l3");
    let (head, tail) = l3.split_at(10);
    env.append("feed.jsonl", &format!("{}\n{head}", article("l4")));
    env.wait_for(5);
    env.append("feed.jsonl", &format!("{tail}\n"));
    // A file in a new subfolder.
    fs::create_dir(env.dir.join("sub")).unwrap();
    env.drop_file("sub/deep.json", &article("deep"));
    env.wait_for(7);
    let err = stop(child);
    let got: BTreeSet<String> = ids(&env.records()).into_iter().collect();
    let want: BTreeSet<String> =
        ["old", "l1", "l2", "new", "l4", "l3", "deep"].map(String::from).into();
    assert_eq!(got, want, "{err}");
    assert_eq!(env.records().len(), 7, "each once");
    // Records say where they came from.
    let l3 = env.records().into_iter().find(|r| r["id"] == "l3").unwrap();
    assert!(l3["source"]["path"].as_str().unwrap().ends_with("feed.jsonl"));
    assert_eq!(l3["source"]["line"], 4);

    // A restart after a clean stop reads nothing again, and takes what came meanwhile.
    env.append("feed.jsonl", &format!("{}\n", article("l5")));
    let (code, err) = env.once(&[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(ids(&env.records())[7..], ["l5".to_owned()]);
}

#[test]
fn a_file_written_slowly_in_pieces_arrives_whole() {
    let env = Env::new();
    let child = env.spawn(&["--quiet-ms", "5000"]);
    let mut f = fs::File::create(env.dir.join("slow.txt")).unwrap();
    let pieces =
        ["The council met on Monday. ", "It voted for the new bridge. ", "Work starts in May."];
    for p in pieces {
        f.write_all(p.as_bytes()).unwrap();
        f.flush().unwrap();
        // The writer pauses between pieces, as a slow scraper does.
        std::thread::sleep(Duration::from_millis(150));
    }
    drop(f); // closed after writing: complete
    let recs = env.wait_for(1);
    stop(child);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["text"], pieces.concat().trim_end());
}

#[test]
fn rotation_and_copytruncate_lose_nothing_and_repeat_nothing() {
    let env = Env::new();
    let child = env.spawn(&[]);
    let mut n = 0;
    let mut lines = |count: usize| {
        let mut s = String::new();
        for _ in 0..count {
            n += 1;
            s.push_str(&article(&format!("r{n}")));
            s.push('\n');
        }
        s
    };
    env.append("app.jsonl", &lines(5));
    env.wait_for(5);
    // Rename rotation: the old file gets two more lines after the rename (the writer still
    // holds it), then a new file appears under the old name.
    fs::rename(env.dir.join("app.jsonl"), env.dir.join("app.jsonl.1")).unwrap();
    let mut old = OpenOptions::new().append(true).open(env.dir.join("app.jsonl.1")).unwrap();
    old.write_all(lines(2).as_bytes()).unwrap();
    drop(old);
    env.append("app.jsonl", &lines(3));
    env.wait_for(10);
    // copytruncate: copied away (the copy is not a feed), then truncated in place.
    fs::copy(env.dir.join("app.jsonl"), env.dir.join("app.jsonl.2")).unwrap();
    OpenOptions::new().write(true).truncate(true).open(env.dir.join("app.jsonl")).unwrap();
    // New lines right away: whether the watcher saw the empty file or not, the changed head
    // (the fingerprint) tells it the file was replaced.
    env.append("app.jsonl", &lines(4));
    env.wait_for(14);
    // A rename to another feed name is the same file: not read again.
    fs::rename(env.dir.join("app.jsonl"), env.dir.join("app-renamed.jsonl")).unwrap();
    env.append("app-renamed.jsonl", &lines(1));
    env.wait_for(15);
    stop(child);
    let got = ids(&env.records());
    let want: Vec<String> = (1..=15).map(|i| format!("r{i}")).collect();
    let mut sorted = got.clone();
    sorted.sort_by_key(|s| s[1..].parse::<u32>().unwrap());
    assert_eq!(sorted, want, "each line exactly once: {got:?}");
    let (code, err) = env.once(&[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(env.records().len(), 15, "a restart repeats nothing");
}

#[test]
fn bad_files_never_stop_the_watcher() {
    let env = Env::new();
    env.drop_file("empty.txt", "");
    env.drop_file("binary.txt", &"\u{0}\u{1}\u{2}\u{3}\u{4}\u{5}\u{6}\u{7}".repeat(200));
    env.drop_file("big.txt", &"word ".repeat(2000));
    fs::write(env.dir.join("latin1.txt"), b"Caf\xe9 au lait in M\xfcnchen, reported.").unwrap();
    env.drop_file("bad.json", "{\"text\": oops");
    std::os::unix::fs::symlink(&env.dir, env.dir.join("loop")).unwrap();
    env.drop_file("good.txt", "A good article survives its bad neighbours.");
    env.drop_file("ignored.txt.part", "partial download");
    env.drop_file("notes.docx", "unknown extension");
    let (code, err) = env.once(&["--max-bytes", "4096"]);
    assert_eq!(code, 1, "some inputs were rejected: {err}");
    assert!(err.contains("File system loop"), "{err}");
    let texts: Vec<String> =
        env.records().iter().map(|r| r["text"].as_str().unwrap().to_owned()).collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(texts.contains(&"A good article survives its bad neighbours.".to_owned()));
    assert!(texts.iter().any(|t| t.contains("Caf\u{fffd} au lait")), "repaired lossily: {texts:?}");
    let dead: BTreeMap<String, String> = env
        .dead_letters()
        .iter()
        .map(|d| {
            let path = d["source"]["path"].as_str().unwrap();
            let name = Path::new(path).file_name().unwrap().to_str().unwrap().to_owned();
            (name, d["reason"].as_str().unwrap().to_owned())
        })
        .collect();
    assert_eq!(dead.keys().collect::<Vec<_>>(), ["bad.json", "big.txt", "binary.txt", "empty.txt"]);
    assert!(dead["big.txt"].contains("over the limit"), "{dead:?}");
    assert!(dead["empty.txt"].contains("empty"), "{dead:?}");
    // Rejected files are resolved: not read again.
    let (_, err) = env.once(&["--max-bytes", "4096"]);
    assert_eq!(env.records().len(), 2, "{err}");
    assert_eq!(env.dead_letters().len(), 4);
}

#[test]
fn completion_actions_move_or_delete_done_files() {
    let env = Env::new();
    env.drop_file("a.txt", "Moved after it is written.");
    let done = env.dir.join("done");
    let (code, err) = env.once(&["--on-done", &format!("move:{}", done.display())]);
    assert_eq!(code, 0, "{err}");
    assert!(!env.dir.join("a.txt").exists());
    assert!(done.join("a.txt").exists(), "moved into the folder, which is not read");
    env.drop_file("b.txt", "Deleted after it is written.");
    let (code, err) = env.once(&["--on-done", "delete"]);
    assert_eq!(code, 0, "{err}");
    assert!(!env.dir.join("b.txt").exists());
    assert_eq!(env.records().len(), 2);
    // A deleted file's mark is dropped from the state (it could only grow otherwise).
    let conn = rusqlite::Connection::open(&env.state).unwrap();
    let rows: i64 = conn
        .query_row("SELECT count(*) FROM done_files WHERE path LIKE '%b.txt'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 0);
}

/// A tiny deterministic generator (xorshift64*), so the crash schedule is the same each run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// What the state store said at one kill.
struct Snapshot {
    /// Output records written before the kill.
    records: usize,
    /// Spool files marked done.
    done: BTreeSet<String>,
    /// Tail checkpoints: path → offset.
    tails: HashMap<String, u64>,
}

fn snapshot(env: &Env) -> Snapshot {
    let conn = rusqlite::Connection::open(&env.state).unwrap();
    let done = conn
        .prepare("SELECT path FROM done_files")
        .unwrap()
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let tails = conn
        .prepare("SELECT path, offset FROM tail_checkpoints")
        .unwrap()
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    Snapshot { records: env.records().len(), done, tails }
}

/// The crash test: a generator writes files and appends lines while copydesk is killed with
/// SIGKILL at seeded random moments and restarted. At the end every article is in the output
/// at least once, and nothing recorded as done before a kill was emitted again after it.
#[test]
fn sigkill_at_random_moments_loses_nothing_and_repeats_only_unacked_articles() {
    const FILES: usize = 120;
    const LINES: usize = 240;
    const ROUNDS: usize = 4;
    let env = Env::new();
    let mut rng = Rng(0x00C0_FFEE_D15C_0DE5);
    let dir = env.dir.clone();
    // The generator: files and lines interleaved, a little pause now and then, in the
    // background of every run and kill.
    let gen_seed = rng.next();
    let generator = std::thread::spawn(move || {
        let mut r = Rng(gen_seed);
        let (mut f, mut l) = (0, 0);
        while f < FILES || l < LINES {
            if f < FILES && (l >= LINES || r.below(3) == 0) {
                let tmp = dir.join(format!(".f{f}.json.tmp"));
                fs::write(&tmp, article(&format!("f{f}"))).unwrap();
                fs::rename(&tmp, dir.join(format!("f{f}.json"))).unwrap();
                f += 1;
            } else {
                let feed = dir.join(format!("feed{}.jsonl", l % 2));
                let mut h = OpenOptions::new().create(true).append(true).open(feed).unwrap();
                writeln!(h, "{}", article(&format!("l{l}"))).unwrap();
                l += 1;
            }
            if r.below(4) == 0 {
                std::thread::sleep(Duration::from_millis(r.below(8)));
            }
        }
    });
    let mut snapshots = Vec::new();
    for _ in 0..ROUNDS {
        let child = env.spawn(&["--workers", "2"]);
        let before = env.records().len();
        // Kill once a seeded number of new records is out (or the generator is done and
        // everything is out), i.e. at a random point of the work.
        let target = before + 1 + rng.below(70) as usize;
        let start = Instant::now();
        loop {
            let n = env.records().len();
            if n >= target || (generator.is_finished() && n >= FILES + LINES) {
                break;
            }
            assert!(start.elapsed() < DEADLINE, "no progress: {n} records");
            std::thread::sleep(Duration::from_millis(rng.below(5)));
        }
        signal(&child, "-KILL");
        let _ = finish(child);
        snapshots.push(snapshot(&env));
    }
    generator.join().unwrap();
    let (code, err) = env.once(&["--workers", "2"]);
    assert_eq!(code, 0, "{err}");

    let records = env.records();
    let all: Vec<String> = ids(&records);
    let unique: BTreeSet<&String> = all.iter().collect();
    let mut want: BTreeSet<String> = (0..FILES).map(|i| format!("f{i}")).collect();
    want.extend((0..LINES).map(|i| format!("l{i}")));
    assert_eq!(unique.len(), FILES + LINES, "every article at least once");
    assert!(unique.iter().all(|id| want.contains(*id)));
    // Nothing marked done (or checkpointed) before a kill is emitted again after it.
    for s in &snapshots {
        for r in &records[s.records..] {
            let path = r["source"]["path"].as_str().unwrap();
            assert!(!s.done.contains(path), "{path} was done, yet emitted again");
            if let Some(cp) = s.tails.get(path) {
                let off = r["source"]["offset"].as_u64().unwrap();
                assert!(
                    off >= *cp,
                    "{path} line at {off} was checkpointed ({cp}), yet emitted again"
                );
            }
        }
    }
    // Duplicates are only articles unacked at a kill: at most what the kills interrupted.
    let dups = all.len() - unique.len();
    eprintln!(
        "{} records, {} unique, {dups} repeated after {ROUNDS} kills",
        all.len(),
        unique.len()
    );
    assert!(snapshots.iter().any(|s| s.records > 0), "the kills happened mid-run");
}

fn open_files(pid: u32, under: &Path) -> usize {
    let Ok(fds) = fs::read_dir(format!("/proc/{pid}/fd")) else { return 0 };
    fds.filter_map(|e| fs::read_link(e.ok()?.path()).ok()).filter(|p| p.starts_with(under)).count()
}

#[test]
fn idle_tailed_files_do_not_hold_descriptors() {
    let env = Env::new();
    let child = env.spawn(&["--idle-close", "1"]);
    for i in 0..40 {
        env.append(&format!("feed{i}.jsonl"), &format!("{}\n", article(&format!("t{i}"))));
    }
    env.wait_for(40);
    // Once the feeds are idle, their handles are closed (a condition with a deadline).
    let start = Instant::now();
    while open_files(child.id(), &env.dir) > 0 {
        assert!(
            start.elapsed() < DEADLINE,
            "{} feeds still open",
            open_files(child.id(), &env.dir)
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // A closed feed is reopened when it grows.
    env.append("feed7.jsonl", &format!("{}\n", article("t7b")));
    env.wait_for(41);
    stop(child);
    assert_eq!(env.records().len(), 41);
}

/// A feed record longer than --max-bytes is one dead letter, even while it is still being
/// written; its rest never becomes an article, and the next record is read.
#[test]
fn an_oversized_feed_record_is_one_dead_letter_and_the_feed_goes_on() {
    let env = Env::new();
    let child = env.spawn(&["--max-bytes", "300"]);
    let long = serde_json::json!({"id": "long", "text": "word ".repeat(200)}).to_string();
    let (head, tail) = long.split_at(700);
    env.append("feed.jsonl", head); // no end yet: more than the limit already
    let start = Instant::now();
    while env.dead_letters().is_empty() {
        assert!(start.elapsed() < DEADLINE, "no dead letter for the oversized record");
        std::thread::sleep(Duration::from_millis(20));
    }
    env.append("feed.jsonl", &format!("{tail}\n{}\n", article("next")));
    env.wait_for(1);
    stop(child);
    assert_eq!(ids(&env.records()), ["next"]);
    let dead = env.dead_letters();
    assert_eq!(dead.len(), 1, "{dead:?}");
    assert!(dead[0]["reason"].as_str().unwrap().contains("longer than 300"), "{dead:?}");
    assert_eq!(env.records()[0]["source"]["line"], 2);
}

// See: issue #22 (the `watch --once` progress line had no total and no percentage though
// the file count is known).
#[test]
fn the_once_progress_line_on_a_terminal_ends_with_the_total_and_the_percentage() {
    if std::process::Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: `script` (util-linux) is missing, no terminal to draw on");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let feed = tmp.path().join("feed");
    std::fs::create_dir(&feed).unwrap();
    for i in 0..3 {
        std::fs::write(feed.join(format!("s{i}.txt")), format!("Story {i} of the harbour.\n"))
            .unwrap();
    }
    std::fs::write(feed.join("f.jsonl"), "{\"id\":\"t1\",\"text\":\"One.\"}\n").unwrap();
    // `script` gives the run a terminal: the progress line is drawn only on one.
    let cmd = format!(
        "{} watch {} --once --quiet-ms 0 --no-entities --sink jsonl:{} --state {}",
        crate::util::bin().display(),
        feed.display(),
        tmp.path().join("out.jsonl").display(),
        tmp.path().join("state.sqlite").display()
    );
    let out = assert_cmd::Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .env("TERM", "xterm")
        .env_remove("RUST_LOG")
        .timeout(crate::util::DEADLINE)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("4/4 files (100%), 4 articles"), "{text}");
    assert!(text.contains("copydesk: 4 files, 4 inputs, 4 written"), "{text}");
}
