//! The configuration file of `copydesk serve` (and `copydesk check`): TOML with `${ENV}`
//! interpolation, validated into a [`Config`] plus the sources to run.
//!
//! Relative paths are relative to the configuration file's folder. Every error names the file
//! and, where it can, the line.

use std::path::{Path, PathBuf};
use std::time::Duration;

use copydesk_ingest::{Completion, DirSource, InputFormat, Split, WatchConfig};
use serde::Deserialize;

use crate::{Config, SinkTarget, Source};

/// The file, as written.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    pipeline: PipelineSection,
    #[serde(default)]
    normalize: NormalizeSection,
    #[serde(default)]
    tag: TagSection,
    #[serde(default)]
    duplicates: DuplicatesSection,
    dead_letter: Option<DeadLetterSection>,
    #[serde(default, rename = "source")]
    sources: Vec<SourceSection>,
    #[serde(default, rename = "sink")]
    sinks: Vec<SinkSection>,
    metrics: Option<MetricsSection>,
    ui: Option<UiSection>,
}

/// `[ui]`: the desk.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UiSection {
    listen: Option<String>,
    token: Option<String>,
    /// An SQLite file, or a PostgreSQL URL.
    store: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MetricsSection {
    listen: String,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct PipelineSection {
    workers: Option<usize>,
    queue: Option<usize>,
    ordered: Option<bool>,
    drain_deadline_secs: Option<u64>,
    echo: Option<bool>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct NormalizeSection {
    #[serde(default)]
    ascii: bool,
    #[serde(default)]
    passthrough: bool,
    max_bytes: Option<usize>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct TagSection {
    rules: Option<PathBuf>,
    keywords: Option<usize>,
    entities: Option<bool>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct DuplicatesSection {
    window: Option<usize>,
    max_age_secs: Option<u64>,
    threshold: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DeadLetterSection {
    path: PathBuf,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase", deny_unknown_fields)]
enum SourceSection {
    Stdin {
        #[serde(default)]
        format: Named<InputFormat>,
        #[serde(default)]
        split: Named<Split>,
    },
    Dir(Box<DirSection>),
    Http(Box<HttpSection>),
    Nats(Box<NatsSection>),
}

/// A NATS source or sink: how to reach the server and what to read or write.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NatsSection {
    servers: Vec<String>,
    token: Option<String>,
    user: Option<String>,
    password: Option<String>,
    credentials: Option<PathBuf>,
    #[serde(default)]
    tls: bool,
    stream: String,
    subject: String,
    /// Source only.
    durable: Option<String>,
    ack_wait_secs: Option<u64>,
    max_ack_pending: Option<i64>,
    batch: Option<usize>,
}

impl NatsSection {
    fn connect(&self, what: &str, base: &Path) -> anyhow::Result<copydesk_ingest::NatsConnect> {
        anyhow::ensure!(!self.servers.is_empty(), "{what}: servers is empty");
        for s in &self.servers {
            s.parse::<async_nats::ServerAddr>()
                .map_err(|e| anyhow::anyhow!("{what}: server {s:?}: {e}"))?;
        }
        let user = match (&self.user, &self.password) {
            (Some(u), Some(p)) => Some((u.clone(), p.clone())),
            (None, None) => None,
            _ => anyhow::bail!("{what}: user and password go together"),
        };
        Ok(copydesk_ingest::NatsConnect {
            servers: self.servers.clone(),
            token: self.token.clone(),
            user,
            credentials: self.credentials.as_ref().map(|c| base.join(c)),
            tls: self.tls,
        })
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HttpSection {
    listen: Option<String>,
    token: Option<String>,
    max_body_bytes: Option<usize>,
    spool: Option<PathBuf>,
    max_pending: Option<u64>,
    wait_timeout_secs: Option<u64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DirSection {
    paths: Vec<PathBuf>,
    state: Option<PathBuf>,
    #[serde(default)]
    include: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    spool_ext: Option<Vec<String>>,
    tail_ext: Option<Vec<String>>,
    #[serde(default)]
    split: Named<Split>,
    recursive: Option<bool>,
    quiet_ms: Option<u64>,
    rescan_secs: Option<u64>,
    idle_close_secs: Option<u64>,
    on_done: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase", deny_unknown_fields)]
enum SinkSection {
    Stdout,
    Jsonl { path: PathBuf, rotate_bytes: Option<u64>, rotate_secs: Option<u64> },
    Sqlite { path: PathBuf },
    Postgres { url: String },
    Nats(Box<NatsSection>),
}

/// A value parsed with `FromStr` (format and split names, shared with the command line).
#[derive(Debug, Clone, Copy, Default)]
struct Named<T>(T);

impl<'de, T: std::str::FromStr<Err = String>> Deserialize<'de> for Named<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Named<T>, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map(Named).map_err(serde::de::Error::custom)
    }
}

/// A validated configuration file: the pipeline settings and the sources to run.
#[derive(Debug)]
pub struct ServeConfig {
    /// Stage and sink settings.
    pub config: Config,
    /// The sources, validated (directories exist, globs compile, state stores open).
    pub sources: Vec<Source>,
    /// The rules file, if any (reloaded on SIGHUP).
    pub rules_path: Option<PathBuf>,
    /// How many sources the file configures (`sources` is empty after [`ServeConfig::check`]).
    pub source_count: usize,
    /// What is allowed but probably a mistake (an HTTP source open to the network without a
    /// token): `check` prints these, `serve` logs them.
    pub warnings: Vec<String>,
    /// The NATS sources with their number in the file (`check --connect` tries them).
    pub nats_sources: Vec<(usize, copydesk_ingest::NatsSourceConfig)>,
}

/// Replaces `${NAME}` with the environment variable `NAME` (`$${` is a literal `${`), outside
/// comments.
///
/// # Errors
/// When a variable is not set or a `${` is not closed; the message gives the line.
pub fn interpolate(text: &str, env: impl Fn(&str) -> Option<String>) -> anyhow::Result<String> {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let (code, comment) = line.split_at(comment_start(line));
        out.push_str(&interpolate_line(code, i + 1, &env)?);
        out.push_str(comment);
    }
    Ok(out)
}

/// Where a TOML line's comment starts (a `#` outside quotes), or its length.
fn comment_start(line: &str) -> usize {
    let (mut basic, mut literal, mut escaped) = (false, false, false);
    for (i, c) in line.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if basic => escaped = true,
            '"' if !literal => basic = !basic,
            '\'' if !basic => literal = !literal,
            '#' if !basic && !literal => return i,
            _ => {}
        }
    }
    line.len()
}

fn interpolate_line(
    code: &str,
    line: usize,
    env: &impl Fn(&str) -> Option<String>,
) -> anyhow::Result<String> {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        if let Some(tail) = after.strip_prefix("$${") {
            out.push_str("${");
            rest = tail;
        } else if let Some(tail) = after.strip_prefix("${") {
            let end = tail
                .find('}')
                .ok_or_else(|| anyhow::anyhow!("line {line}: `${{` without a closing `}}`"))?;
            let name = &tail[..end];
            let value = env(name).ok_or_else(|| {
                anyhow::anyhow!("line {line}: environment variable {name:?} is not set")
            })?;
            out.push_str(&value);
            rest = &tail[end + 1..];
        } else {
            out.push('$');
            rest = &after[1..];
        }
    }
    out.push_str(rest);
    Ok(out)
}

/// A TOML error, pointed at the offending key's line. An unknown key inside a `[[source]]` or
/// `[[sink]]` (whose fields depend on its `type`) is reported by the parser at the table's
/// header: the key is looked up in that table, and the error shown at its line.
fn at_key(text: &str, e: &toml::de::Error) -> anyhow::Error {
    let found = (|| {
        let key = e.message().strip_prefix("unknown field `")?.split('`').next()?;
        let start = e.span()?.start;
        let header = text[..start].matches('\n').count();
        let lines: Vec<&str> = text.lines().collect();
        // The table's own lines: from its header to the next header.
        let body = lines.iter().enumerate().skip(header + 1);
        let body = body.take_while(|(_, l)| !l.trim_start().starts_with('['));
        body.into_iter().find_map(|(i, l)| {
            let t = l.trim_start();
            let name = t
                .strip_prefix(key)
                .or_else(|| t.strip_prefix(&format!("\"{key}\"")))
                .or_else(|| t.strip_prefix(&format!("'{key}'")))?;
            let rest = name.trim_start();
            (rest.starts_with('=') || rest.starts_with('.')).then(|| (i, l.len() - t.len(), *l))
        })
    })();
    let Some((i, col, line)) = found else { return anyhow::anyhow!("{e}") };
    let (n, width) = (i + 1, (i + 1).to_string().len());
    let key = &line[col..];
    let key_len =
        key.find(|c: char| c == '=' || c == '.' || c.is_whitespace()).unwrap_or(key.len());
    anyhow::anyhow!(
        "TOML parse error at line {n}, column {}\n{pad} |\n{n} | {}\n{pad} | {}{}\n{}",
        col + 1,
        line,
        " ".repeat(col),
        "^".repeat(key_len.max(1)),
        e.message().trim_end(),
        pad = " ".repeat(width)
    )
}

/// The folder relative paths of a configuration file are read from, made absolute (lexically,
/// without resolving links): paths in logs and metric labels then read alike, whatever the
/// folder `serve` was started from (`sqlite:/srv/conf/store.db`, not `sqlite:conf/store.db`).
pub(crate) fn config_dir(path: &Path) -> std::path::PathBuf {
    match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) => std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf()),
        // A file named without a folder: the current one.
        None => std::env::current_dir().unwrap_or_default(),
    }
}

/// Checks a `listen` value: `HOST:PORT`, the host an IP address (IPv6 in brackets) or a host
/// name, which `serve` resolves when it binds. With `resolve` (for `check`), the name is
/// resolved now, so that one that does not resolve fails the check as it would fail the bind.
fn listen_addr(what: &str, listen: &str, resolve: bool) -> anyhow::Result<String> {
    use std::net::ToSocketAddrs;
    let bad = |why: &str| {
        anyhow::anyhow!(
            "{what}: listen {listen:?}: {why} (expected HOST:PORT, e.g. 127.0.0.1:8080, \
             localhost:8080 or [::1]:8080)"
        )
    };
    let (host, port) = listen.rsplit_once(':').ok_or_else(|| bad("no port"))?;
    port.parse::<u16>().map_err(|_| bad("the port is not a number from 0 to 65535"))?;
    if let Some(ip) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        ip.parse::<std::net::Ipv6Addr>().map_err(|_| bad("not an IPv6 address in brackets"))?;
    } else if host.contains(':') {
        return Err(bad("write an IPv6 address in brackets"));
    } else if host.is_empty()
        || !host
            .split('.')
            .all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
    {
        return Err(bad("not an IP address or a host name"));
    }
    if resolve {
        let addrs = listen.to_socket_addrs().map_err(|e| bad(&format!("cannot resolve: {e}")))?;
        anyhow::ensure!(addrs.count() > 0, bad("the host has no address"));
    }
    Ok(listen.to_owned())
}

impl ServeConfig {
    /// Reads, interpolates and validates the configuration file at `path`.
    ///
    /// # Errors
    /// Every problem found, with the file and line where possible.
    pub fn load(path: &Path) -> anyhow::Result<ServeConfig> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
        let base = config_dir(path);
        Self::parse(&text, &base, |k| std::env::var(k).ok())
            .map_err(|e| anyhow::anyhow!("{}: {e:#}", path.display()))
    }

    /// [`ServeConfig::load`] on a string; relative paths are taken from `base`.
    ///
    /// # Errors
    /// As [`ServeConfig::load`].
    pub fn parse(
        text: &str,
        base: &Path,
        env: impl Fn(&str) -> Option<String>,
    ) -> anyhow::Result<ServeConfig> {
        Self::parse_with(text, base, env, true)
    }

    /// Validates the configuration file at `path` like [`ServeConfig::load`], leaving nothing
    /// changed on disk: sources are checked, not built, so `sources` stays empty. What `serve`
    /// opens or creates at start (the dead-letter file, state stores, spool and completion
    /// folders) is opened without a write, or created and removed again
    /// ([`copydesk_core::probe`]), so that a start that would fail fails the check.
    ///
    /// # Errors
    /// As [`ServeConfig::load`].
    pub fn check(path: &Path) -> anyhow::Result<ServeConfig> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
        let base = config_dir(path);
        Self::parse_with(&text, &base, |k| std::env::var(k).ok(), false)
            .map_err(|e| anyhow::anyhow!("{}: {e:#}", path.display()))
    }

    fn parse_with(
        text: &str,
        base: &Path,
        env: impl Fn(&str) -> Option<String>,
        build: bool,
    ) -> anyhow::Result<ServeConfig> {
        let text = interpolate(text, env)?;
        let file: File = toml::from_str(&text).map_err(|e| at_key(&text, &e))?;
        let at = |p: &Path| if p.is_absolute() { p.to_owned() } else { base.join(p) };

        let mut cfg =
            if file.normalize.passthrough { Config::passthrough() } else { Config::default() };
        cfg.metrics = true;
        if let Some(n) = cfg.normalize.as_mut() {
            n.ascii = file.normalize.ascii;
        }
        if let Some(m) = file.normalize.max_bytes {
            anyhow::ensure!(m > 0, "[normalize] max_bytes must be at least 1");
            cfg.input.max_bytes = m;
        }
        let rules_path = file.tag.rules.as_deref().map(at);
        if !file.normalize.passthrough {
            let rules = match &rules_path {
                Some(p) => copydesk_tag::Rules::load(p)
                    .map_err(|e| anyhow::anyhow!("[tag] rules {}: {e}", p.display()))?,
                None => copydesk_tag::Rules::default(),
            };
            cfg.tag = Some(copydesk_tag::TaggerConfig {
                max_keywords: file.tag.keywords.unwrap_or(10),
                rules,
                entities: file.tag.entities.unwrap_or(true),
            });
        }
        let p = &file.pipeline;
        if let Some(w) = p.workers {
            anyhow::ensure!(w > 0, "[pipeline] workers must be at least 1");
            cfg.workers = w;
        }
        if let Some(q) = p.queue {
            anyhow::ensure!(q > 0, "[pipeline] queue must be at least 1");
            cfg.queue = q;
        }
        cfg.ordered = p.ordered.unwrap_or(true);
        if let Some(d) = p.drain_deadline_secs {
            cfg.drain_deadline = Duration::from_secs(d);
        }
        cfg.output.echo = p.echo.unwrap_or(false);
        let d = &file.duplicates;
        let threshold = d.threshold.unwrap_or(cfg.duplicates.threshold);
        anyhow::ensure!(
            (0.0..=1.0).contains(&threshold),
            "[duplicates] threshold must be between 0 and 1"
        );
        cfg.duplicates = copydesk_tag::DuplicateConfig {
            window: d.window.unwrap_or(cfg.duplicates.window),
            max_age: d.max_age_secs.map(Duration::from_secs),
            threshold,
        };
        cfg.output.dead_letter = file.dead_letter.as_ref().map(|d| at(&d.path));
        if let (Some(path), false) = (&cfg.output.dead_letter, build) {
            // `serve` opens it at start (appending; its folder is not created).
            copydesk_core::probe::file(path, false).map_err(|e| {
                anyhow::anyhow!("cannot open the dead-letter file {}: {e}", path.display())
            })?;
        }
        let mut warnings = Vec::new();
        if let Some(m) = &file.metrics {
            cfg.metrics_listen = Some(listen_addr("[metrics]", &m.listen, !build)?);
        }
        // Without a [[sink]], the embedded store next to the configuration file.
        cfg.output.sinks = if file.sinks.is_empty() {
            vec![SinkTarget::Sqlite(at(Path::new("copydesk.db")))]
        } else {
            file.sinks
                .iter()
                .map(|s| -> anyhow::Result<SinkTarget> {
                    Ok(match s {
                        SinkSection::Stdout => SinkTarget::Stdout,
                        SinkSection::Jsonl { path, rotate_bytes, rotate_secs } => {
                            SinkTarget::Jsonl(
                                at(path),
                                copydesk_sink::Rotation {
                                    max_bytes: *rotate_bytes,
                                    max_age: rotate_secs.map(Duration::from_secs),
                                },
                            )
                        }
                        SinkSection::Sqlite { path } => SinkTarget::Sqlite(at(path)),
                        SinkSection::Postgres { url } => SinkTarget::Postgres(
                            copydesk_sink::PgConfig::parse(url)
                                .map_err(|e| anyhow::anyhow!("[[sink]] postgres: {e}"))?,
                        ),
                        SinkSection::Nats(ns) => {
                            let what = "[[sink]] nats";
                            anyhow::ensure!(
                                ns.durable.is_none() && ns.ack_wait_secs.is_none(),
                                "{what}: durable and ack_wait_secs are for sources"
                            );
                            SinkTarget::Nats {
                                connect: ns.connect(what, base)?,
                                stream: ns.stream.clone(),
                                subject: ns.subject.clone(),
                            }
                        }
                    })
                })
                .collect::<anyhow::Result<_>>()?
        };
        for t in &cfg.output.sinks {
            if let SinkTarget::Jsonl(p, _) | SinkTarget::Sqlite(p) = t {
                let dir =
                    p.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
                anyhow::ensure!(
                    dir.is_dir(),
                    "[[sink]] {}: the folder {} does not exist",
                    p.display(),
                    dir.display()
                );
            }
        }

        anyhow::ensure!(
            !file.sources.is_empty(),
            "no [[source]]: add at least one (e.g. type = \"dir\")"
        );
        let mut sources = Vec::new();
        let mut nats_sources = Vec::new();
        let source_count = file.sources.len();
        let mut stdin = false;
        let mut http_token = None;
        for (i, s) in file.sources.into_iter().enumerate() {
            let n = i + 1;
            match s {
                SourceSection::Stdin { format, split } => {
                    anyhow::ensure!(!stdin, "[[source]] {n}: only one stdin source");
                    stdin = true;
                    cfg.input.format = format.0;
                    cfg.input.split = split.0;
                    if build {
                        sources.push(Source::Stdin);
                    }
                }
                SourceSection::Nats(ns) => {
                    let connect = ns.connect(&format!("[[source]] {n}"), base)?;
                    let durable =
                        ns.durable.clone().filter(|d| !d.is_empty()).ok_or_else(|| {
                            anyhow::anyhow!("[[source]] {n}: a NATS source needs a durable name")
                        })?;
                    let ncfg = copydesk_ingest::NatsSourceConfig {
                        connect,
                        stream: ns.stream,
                        subject: ns.subject,
                        durable,
                        ack_wait: Duration::from_secs(ns.ack_wait_secs.unwrap_or(30).max(1)),
                        max_ack_pending: ns.max_ack_pending.unwrap_or(1000).max(1),
                        batch: ns.batch.unwrap_or(200).max(1),
                    };
                    nats_sources.push((n, ncfg.clone()));
                    if build {
                        sources
                            .push(Source::Nats(Box::new(copydesk_ingest::NatsSource::new(ncfg))));
                    }
                }
                SourceSection::Http(h) => {
                    let listen = h.listen.as_deref().unwrap_or("127.0.0.1:8080");
                    let listen = listen_addr(&format!("[[source]] {n}"), listen, !build)?;
                    if let Some(t) = &h.token {
                        anyhow::ensure!(!t.trim().is_empty(), "[[source]] {n}: token is empty");
                    }
                    if http_token.is_none() {
                        http_token.clone_from(&h.token);
                    }
                    if h.token.is_none() && !crate::http::is_loopback(&listen) {
                        warnings.push(format!(
                            "[[source]] {n}: listen {listen} is reachable from other machines and \
                             no token is set: anyone who reaches it can post articles"
                        ));
                    }
                    let hcfg = crate::HttpConfig {
                        listen,
                        token: h.token,
                        max_body: h.max_body_bytes.unwrap_or(cfg.input.max_bytes),
                        spool: h
                            .spool
                            .as_deref()
                            .map_or_else(|| at(Path::new(".copydesk-http-spool")), at),
                        max_pending: h.max_pending.unwrap_or(1000).max(1),
                        wait_timeout: Duration::from_secs(h.wait_timeout_secs.unwrap_or(60)),
                    };
                    if build {
                        let src = crate::HttpSource::new(hcfg, cfg.normalize.clone())
                            .map_err(|e| anyhow::anyhow!("[[source]] {n}: {e:#}"))?;
                        sources.push(Source::Http(Box::new(src)));
                    } else {
                        // `serve` creates the folder and a state store in it.
                        let spool = &hcfg.spool;
                        copydesk_core::probe::dir(spool).map_err(|e| {
                            anyhow::anyhow!(
                                "[[source]] {n}: cannot create the HTTP spool folder {}: {e}",
                                spool.display()
                            )
                        })?;
                        if spool.is_dir() {
                            copydesk_ingest::StateStore::check(&spool.join(".state.sqlite"))
                                .map_err(|e| anyhow::anyhow!("[[source]] {n}: {e}"))?;
                        }
                    }
                }
                SourceSection::Dir(dir) => {
                    let DirSection {
                        paths,
                        state,
                        include,
                        exclude,
                        spool_ext,
                        tail_ext,
                        split,
                        recursive,
                        quiet_ms,
                        rescan_secs,
                        idle_close_secs,
                        on_done,
                    } = *dir;
                    let d = WatchConfig::default();
                    let completion = match on_done.as_deref().map(|o| (o, o.split_once(':'))) {
                        None | Some(("keep", _)) => Completion::Keep,
                        Some(("delete", _)) => Completion::Delete,
                        Some((_, Some(("move", dir)))) if !dir.is_empty() => {
                            Completion::Move(at(Path::new(dir)))
                        }
                        Some((other, _)) => anyhow::bail!(
                            "[[source]] {n}: on_done {other:?}: expected keep, delete or move:DIR"
                        ),
                    };
                    let wcfg = WatchConfig {
                        dirs: paths.iter().map(|p| at(p)).collect(),
                        state: state.as_deref().map(at),
                        once: false,
                        recursive: recursive.unwrap_or(true),
                        include,
                        exclude,
                        spool_ext: spool_ext.unwrap_or(d.spool_ext),
                        tail_ext: tail_ext.unwrap_or(d.tail_ext),
                        split: split.0,
                        quiet: quiet_ms.map_or(d.quiet, Duration::from_millis),
                        rescan: rescan_secs.map_or(d.rescan, Duration::from_secs),
                        idle_close: idle_close_secs.map_or(d.idle_close, Duration::from_secs),
                        max_bytes: cfg.input.max_bytes,
                        completion,
                        on_resolved: None,
                        ..WatchConfig::default()
                    };
                    let err = |e| anyhow::anyhow!("[[source]] {n}: {e}");
                    if build {
                        sources.push(Source::Dir(Box::new(DirSource::new(wcfg).map_err(err)?)));
                    } else {
                        // `serve` opens (or creates) the state store and creates the folder
                        // files are moved into.
                        let done = match &wcfg.completion {
                            Completion::Move(d) => Some(d.clone()),
                            _ => None,
                        };
                        let state = DirSource::validate(wcfg).map_err(err)?;
                        copydesk_ingest::StateStore::check(&state)
                            .map_err(|e| anyhow::anyhow!("[[source]] {n}: {e}"))?;
                        if let Some(d) = done {
                            copydesk_core::probe::dir(&d).map_err(|e| {
                                anyhow::anyhow!(
                                    "[[source]] {n}: cannot create the folder for done files {}: {e}",
                                    d.display()
                                )
                            })?;
                        }
                    }
                }
            }
        }
        if let Some(u) = file.ui {
            let listen = u.listen.as_deref().unwrap_or("127.0.0.1:8081");
            let listen = listen_addr("[ui]", listen, !build)?;
            if let Some(t) = &u.token {
                anyhow::ensure!(!t.trim().is_empty(), "[ui] token is empty");
            }
            // Without a token of its own, the desk asks for the HTTP source's.
            let token = u.token.or(http_token);
            if token.is_none() && !crate::http::is_loopback(&listen) {
                warnings.push(format!(
                    "[ui] listen {listen} is reachable from other machines and no token is set: \
                     anyone who reaches it can read the articles"
                ));
            }
            // Without a store of its own, the first store the pipeline writes.
            let store = match u.store.as_deref() {
                Some(url) if copydesk_sink::PgConfig::is_url(url) => Some(
                    copydesk_sink::StoreLocation::parse(url)
                        .map_err(|e| anyhow::anyhow!("[ui] store: {e}"))?,
                ),
                Some(path) => Some(copydesk_sink::StoreLocation::Sqlite(at(Path::new(path)))),
                None => cfg.output.sinks.iter().find_map(|s| match s {
                    SinkTarget::Sqlite(p) => Some(copydesk_sink::StoreLocation::Sqlite(p.clone())),
                    SinkTarget::Postgres(pg) => {
                        Some(copydesk_sink::StoreLocation::Postgres(Box::new(pg.clone())))
                    }
                    _ => None,
                }),
            };
            cfg.ui = Some(copydesk_desk::DeskConfig { listen, token, store });
        }
        cfg.rules_path = if file.normalize.passthrough { None } else { rules_path.clone() };
        Ok(ServeConfig { config: cfg, sources, rules_path, source_count, warnings, nats_sources })
    }
}

#[cfg(test)]
mod config_dir_tests {
    use super::config_dir;
    use std::path::Path;

    #[test]
    fn relative_paths_are_read_from_an_absolute_folder() {
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(config_dir(Path::new("copydesk.toml")), cwd);
        assert_eq!(config_dir(Path::new("conf/copydesk.toml")), cwd.join("conf"));
        assert_eq!(
            config_dir(Path::new("/etc/copydesk/copydesk.toml")),
            Path::new("/etc/copydesk")
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_desk_is_on_loopback_by_default_reads_the_store_and_honours_the_http_token() {
        let base = std::env::temp_dir();
        let parse = |text: &str| ServeConfig::parse_with(text, &base, |_| None, false);
        let c = parse("[ui]\n[[source]]\ntype = \"http\"\ntoken = \"t0k\"\n[[sink]]\ntype = \"stdout\"\n[[sink]]\ntype = \"sqlite\"\npath = \"s.db\"\n").unwrap();
        let ui = c.config.ui.unwrap();
        assert_eq!(ui.listen, "127.0.0.1:8081");
        assert_eq!(ui.token.as_deref(), Some("t0k"));
        assert_eq!(ui.store, Some(copydesk_sink::StoreLocation::Sqlite(base.join("s.db"))));
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        let c = parse(
            "[ui]\nlisten = \"0.0.0.0:0\"\nstore = \"other.db\"\n[[source]]\ntype = \"stdin\"\n",
        )
        .unwrap();
        assert!(c.warnings.iter().any(|w| w.contains("[ui]")), "{:?}", c.warnings);
        let other = copydesk_sink::StoreLocation::Sqlite(base.join("other.db"));
        assert_eq!(c.config.ui.unwrap().store, Some(other));
        assert!(parse("[[source]]\ntype = \"stdin\"\n").unwrap().config.ui.is_none());
        let err = parse("[ui]\nport = 1\n[[source]]\ntype = \"stdin\"\n").unwrap_err();
        assert!(format!("{err:#}").contains("port"), "{err:#}");
    }

    fn env(k: &str) -> Option<String> {
        (k == "FEED").then(|| "feed".to_owned())
    }

    #[test]
    fn interpolation_replaces_variables_and_names_the_line_of_a_missing_one() {
        assert_eq!(interpolate("a ${FEED} $${FEED} $x", env).unwrap(), "a feed ${FEED} $x");
        let err = interpolate("a = 1\nb = \"${NOPE}\"", env).unwrap_err();
        assert_eq!(err.to_string(), "line 2: environment variable \"NOPE\" is not set");
        assert!(interpolate("${open", env).is_err());
        let commented = "a = \"${FEED}\" # not ${THIS}\nb = '#${FEED}'\n";
        assert_eq!(
            interpolate(commented, env).unwrap(),
            "a = \"feed\" # not ${THIS}\nb = '#feed'\n"
        );
    }

    #[test]
    fn a_full_file_is_validated_into_sources_and_sinks() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir(tmp.path().join("feed")).unwrap();
        std::fs::write(
            tmp.path().join("rules.toml"),
            "[[rule]]\ntag = \"x\"\nany = [\"harbour\"]\n",
        )
        .unwrap();
        let text = r#"
            [pipeline]
            workers = 2
            [tag]
            rules = "rules.toml"
            [duplicates]
            window = 100
            [[source]]
            type = "dir"
            paths = ["${FEED}"]
            state = "state.sqlite"
            on_done = "move:done"
            [[sink]]
            type = "sqlite"
            path = "store.db"
            [[sink]]
            type = "jsonl"
            path = "out.jsonl"
        "#;
        let c = ServeConfig::parse(text, tmp.path(), env).unwrap();
        assert_eq!(c.sources.len(), 1);
        assert_eq!(c.config.workers, 2);
        assert_eq!(c.config.duplicates.window, 100);
        assert_eq!(c.config.output.sinks.len(), 2);
        assert_eq!(c.rules_path, Some(tmp.path().join("rules.toml")));
    }

    #[test]
    fn nats_sources_and_sinks_are_validated() {
        let tmp = tempfile::tempdir().unwrap();
        let ok = "[[source]]\ntype = \"nats\"\nservers = [\"nats://127.0.0.1:4222\"]\nstream = \"IN\"\nsubject = \"news.in\"\ndurable = \"copydesk\"\n[[sink]]\ntype = \"nats\"\nservers = [\"nats://127.0.0.1:4222\"]\nstream = \"OUT\"\nsubject = \"news.{lang}\"\n";
        let c = ServeConfig::parse(ok, tmp.path(), env).unwrap();
        assert_eq!(c.sources.len(), 1);
        assert!(
            matches!(&c.config.output.sinks[0], SinkTarget::Nats { subject, .. } if subject == "news.{lang}")
        );
        let err = |text: &str| ServeConfig::parse(text, tmp.path(), env).unwrap_err().to_string();
        let e = err(&ok.replace("durable = \"copydesk\"\n", ""));
        assert!(e.contains("durable"), "{e}");
        let e = err(&ok.replace("nats://127.0.0.1:4222", "nats://bad host:x"));
        assert!(e.contains("server"), "{e}");
        let e = err(&ok.replace("stream = \"OUT\"", "stream = \"OUT\"\ndurable = \"x\""));
        assert!(e.contains("for sources"), "{e}");
    }

    #[test]
    fn listen_takes_host_names_and_ip_addresses() {
        for ok in ["127.0.0.1:8080", "localhost:0", "[::1]:8080", "news-in.example.org:80"] {
            assert_eq!(listen_addr("x", ok, false).unwrap(), ok);
        }
        for bad in ["localhost", "::1:8080", ":8080", "host name:80", "localhost:99999", "[x]:1"] {
            let e = listen_addr("x", bad, false).unwrap_err().to_string();
            assert!(e.contains("expected HOST:PORT"), "{bad}: {e}");
        }
        listen_addr("x", "localhost:0", true).unwrap();
        assert!(crate::http::is_loopback("localhost:8080"));
        assert!(crate::http::is_loopback("127.0.0.1:8080"));
        assert!(!crate::http::is_loopback("0.0.0.0:8080"));
    }

    #[test]
    fn an_unknown_key_in_a_typed_table_is_shown_at_its_line() {
        let tmp = tempfile::tempdir().unwrap();
        let text = "[[source]]\ntype = \"stdin\"\n[[sink]]\ntype = \"jsonl\"\npath = \"o.jsonl\"\n  rotate = 5\n";
        let e = ServeConfig::parse(text, tmp.path(), env).unwrap_err().to_string();
        assert!(e.starts_with("TOML parse error at line 6, column 3\n"), "{e}");
        assert!(e.contains("6 |   rotate = 5\n  |   ^^^^^^\nunknown field `rotate`"), "{e}");
    }

    #[test]
    fn errors_point_at_the_problem() {
        let tmp = tempfile::tempdir().unwrap();
        let err = |text: &str| ServeConfig::parse(text, tmp.path(), env).unwrap_err().to_string();
        let e = err("[pipeline]\nworkerz = 2\n");
        assert!(e.contains("line 2") && e.contains("workerz"), "{e}");
        let e =
            err("[[source]]\ntype = \"dir\"\npaths = [\"missing\"]\n[[sink]]\ntype = \"stdout\"\n");
        assert!(e.contains("[[source]] 1") && e.contains("missing"), "{e}");
        let e = err("[[source]]\ntype = \"ftp\"\n");
        assert!(e.contains("ftp"), "{e}");
        let e = err("[[sink]]\ntype = \"stdout\"\n");
        assert!(e.contains("no [[source]]"), "{e}");
        let c = ServeConfig::parse("[[source]]\ntype = \"stdin\"\n", tmp.path(), env).unwrap();
        assert_eq!(c.config.output.sinks, [SinkTarget::Sqlite(tmp.path().join("copydesk.db"))]);
        let e = err("[tag]\nrules = \"nope.toml\"\n[[sink]]\ntype = \"stdout\"\n");
        assert!(e.contains("nope.toml"), "{e}");
    }
}
