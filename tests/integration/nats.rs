//! NATS JetStream scale-out with a real `nats-server` (JetStream on, a free loopback port, a
//! temp store) and several real copydesk processes sharing one durable consumer.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use async_nats::jetstream::{self, stream};
use futures::StreamExt;

use crate::util::{DEADLINE, bin, finish};

/// A nats-server with JetStream, stopped when dropped.
pub(crate) struct Server {
    child: Child,
    pub(crate) port: u16,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        _ = self.child.kill();
        _ = self.child.wait();
    }
}

pub(crate) fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn start_server(port: u16, dir: &std::path::Path) -> Child {
    let child = Command::new("nats-server")
        .args(["-js", "-a", "127.0.0.1", "-p", &port.to_string(), "-sd"])
        .arg(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("nats-server runs (`make test` installs it: apt-get install nats-server)");
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(start.elapsed() < DEADLINE, "nats-server did not start");
        std::thread::sleep(Duration::from_millis(20));
    }
    child
}

pub(crate) fn nats_server() -> Server {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    Server { child: start_server(port, dir.path()), port, _dir: dir }
}

impl Server {
    /// Stops the server (SIGTERM: it flushes its store) and starts it again on the same
    /// port and store.
    fn restart(&mut self) {
        Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status().unwrap();
        self.child.wait().unwrap();
        self.child = start_server(self.port, self._dir.path());
    }
}

fn serve(config: &std::path::Path) -> Child {
    Command::new(bin())
        .args(["serve", "--config"])
        .arg(config)
        .env_remove("RUST_LOG")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

async fn out_count(js: &jetstream::Context) -> u64 {
    match js.get_stream("NEWS_OUT").await {
        Ok(mut s) => s.info().await.map(|i| i.state.messages).unwrap_or(0),
        Err(_) => 0,
    }
}

async fn publish_input(js: &jetstream::Context, n: usize) {
    let lines: Vec<String> = (0..n)
        .map(|i| {
            serde_json::json!({"id": format!("n{i}"), "text": format!("Story {i} from the wire.")})
                .to_string()
        })
        .collect();
    publish_lines(js, &lines).await;
}

/// Publishes `lines` to `news.in` (its work-queue stream `NEWS_IN` created when missing),
/// many in flight, each confirmed.
pub(crate) async fn publish_lines(js: &jetstream::Context, lines: &[String]) {
    js.get_or_create_stream(stream::Config {
        name: "NEWS_IN".into(),
        subjects: vec!["news.in".into()],
        retention: stream::RetentionPolicy::WorkQueue,
        ..Default::default()
    })
    .await
    .unwrap();
    for chunk in lines.chunks(1000) {
        let mut acks = Vec::new();
        for line in chunk {
            acks.push(js.publish("news.in", line.clone().into()).await.unwrap());
        }
        for a in acks {
            a.await.unwrap();
        }
    }
}

fn write_config(dir: &std::path::Path, url: &str) -> std::path::PathBuf {
    let config = dir.join("copydesk.toml");
    std::fs::write(
        &config,
        format!(
            "[pipeline]\nworkers = 1\n[[source]]\ntype = \"nats\"\nservers = [\"{url}\"]\nstream = \"NEWS_IN\"\nsubject = \"news.in\"\ndurable = \"copydesk\"\nack_wait_secs = 2\n[[sink]]\ntype = \"nats\"\nservers = [\"{url}\"]\nstream = \"NEWS_OUT\"\nsubject = \"news.out\"\n"
        ),
    )
    .unwrap();
    config
}

async fn wait_out(js: &jetstream::Context, n: u64) {
    let start = Instant::now();
    while out_count(js).await < n {
        assert!(start.elapsed() < 2 * DEADLINE, "{} of {n} out", out_count(js).await);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits until the durable has acked every input: nothing pending or awaiting an ack, and
/// the ack floor at the stream's last message.
pub(crate) async fn wait_all_acked(js: &jetstream::Context, last: u64) {
    let start = Instant::now();
    loop {
        let mut consumer: jetstream::consumer::PullConsumer =
            js.get_stream("NEWS_IN").await.unwrap().get_consumer("copydesk").await.unwrap();
        let info = consumer.info().await.unwrap();
        let (floor, unacked) =
            (info.ack_floor.stream_sequence, info.num_ack_pending as u64 + info.num_pending);
        if floor == last && unacked == 0 {
            return;
        }
        assert!(start.elapsed() < DEADLINE, "ack floor {floor} of {last}, {unacked} unacked");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Reads the whole output stream: (distinct ids, messages).
async fn read_output(js: &jetstream::Context) -> (usize, usize) {
    let out = js.get_stream("NEWS_OUT").await.unwrap();
    let consumer: jetstream::consumer::PullConsumer =
        out.create_consumer(jetstream::consumer::pull::Config::default()).await.unwrap();
    let mut ids = std::collections::BTreeSet::new();
    let mut total = 0;
    loop {
        let mut msgs = consumer
            .fetch()
            .max_messages(1000)
            .expires(Duration::from_secs(1))
            .messages()
            .await
            .unwrap();
        let mut got = 0;
        while let Some(Ok(m)) = msgs.next().await {
            let v: serde_json::Value = serde_json::from_slice(&m.payload).unwrap();
            ids.insert(v["id"].as_str().unwrap().to_owned());
            m.ack().await.unwrap();
            total += 1;
            got += 1;
        }
        if got == 0 {
            break;
        }
    }
    (ids.len(), total)
}

/// Three copydesk processes share one durable while the NATS server is restarted mid-way:
/// they reconnect, the run completes, and every article is in the output exactly once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_instances_survive_a_server_restart() {
    const N: usize = 10_000;
    let mut server = nats_server();
    let url = format!("nats://127.0.0.1:{}", server.port);
    let js = jetstream::new(async_nats::connect(&url).await.unwrap());
    publish_input(&js, N).await;
    let tmp = tempfile::tempdir().unwrap();
    let config = write_config(tmp.path(), &url);
    let instances: Vec<Child> = (0..3).map(|_| serve(&config)).collect();
    wait_out(&js, (N / 3) as u64).await;
    server.restart();
    // The test's own client reconnects too.
    let js = jetstream::new(async_nats::connect(&url).await.unwrap());
    wait_out(&js, N as u64).await;
    // An ack in flight when the server went down is not confirmed; its message comes again
    // after `ack_wait` (2 s here), is written again (absorbed by the output's duplicate
    // window) and acked then. So the acks may complete a little after the output.
    wait_all_acked(&js, N as u64).await;
    for child in instances {
        Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
        let (code, err) = finish(child);
        assert_eq!(code, 0, "{err}");
    }
    assert_eq!(read_output(&js).await, (N, N), "every article once");
    // Not asserted here: that the work queue is empty. nats-server 2.9.10 (the distribution's)
    // sometimes keeps a few messages whose acks its consumer recorded as it was stopped: the
    // durable's ack floor is past them and nothing is pending, yet they stay in the stream
    // (seen in 3 of 8 runs; a known class of work-queue bugs, e.g. nats-io/nats-server#5148).
}

/// Two copydesk processes share one durable; one is SIGKILLed mid-way. Every article
/// appears in the output stream, each once (the output's duplicate window drops
/// re-publishes by Nats-Msg-Id), and the input work queue ends empty (everything acked).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_share_a_durable_and_a_sigkill_loses_nothing() {
    const N: usize = 10_000;
    let server = nats_server();
    let url = format!("nats://127.0.0.1:{}", server.port);
    let js = jetstream::new(async_nats::connect(&url).await.unwrap());
    publish_input(&js, N).await;
    let tmp = tempfile::tempdir().unwrap();
    let config = write_config(tmp.path(), &url);
    let first = serve(&config);
    let second = serve(&config);
    // SIGKILL the first once the work is well under way.
    wait_out(&js, (N / 4) as u64).await;
    Command::new("kill").args(["-KILL", &first.id().to_string()]).status().unwrap();
    let _ = finish(first);
    // The survivor gets the killed instance's unacked messages after ack_wait.
    wait_out(&js, N as u64).await;
    Command::new("kill").args(["-TERM", &second.id().to_string()]).status().unwrap();
    let (code, err) = finish(second);
    assert_eq!(code, 0, "{err}");
    assert_eq!(read_output(&js).await, (N, N), "every article once");
    let mut input = js.get_stream("NEWS_IN").await.unwrap();
    assert_eq!(input.info().await.unwrap().state.messages, 0, "every input acked");
}

/// A source and a sink on one server; the source's subject, ack wait and unacknowledged
/// maximum as given.
fn source_config(
    dir: &std::path::Path,
    url: &str,
    subject: &str,
    ack_wait: u64,
    max: u64,
) -> std::path::PathBuf {
    crate::util::config_file(
        dir,
        &format!("copydesk-{subject}-{ack_wait}-{max}.toml"),
        &format!(
            "[pipeline]\nworkers = 1\n[[source]]\ntype = \"nats\"\nservers = [\"{url}\"]\nstream = \"NEWS_IN\"\nsubject = \"{subject}\"\ndurable = \"copydesk\"\nack_wait_secs = {ack_wait}\nmax_ack_pending = {max}\n[[sink]]\ntype = \"nats\"\nservers = [\"{url}\"]\nstream = \"NEWS_OUT\"\nsubject = \"news.out\"\n"
        ),
    )
}

/// `serve` with its stderr (at `info`) kept for the test.
fn serve_logged(config: &std::path::Path) -> Child {
    Command::new(bin())
        .args(["serve", "--config"])
        .arg(config)
        .env("RUST_LOG", "info")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// `copydesk check --connect`: exit code, stdout, stderr.
fn check_connect(config: &std::path::Path) -> (i32, String, String) {
    let out = Command::new(bin())
        .args(["check", "--connect"])
        .arg(config)
        .env_remove("RUST_LOG")
        .output()
        .unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

/// The durable's configuration as the server has it, once `done` holds for it.
async fn consumer_when(
    js: &jetstream::Context,
    done: impl Fn(&jetstream::consumer::Config) -> bool,
) -> jetstream::consumer::Config {
    let start = Instant::now();
    loop {
        if let Ok(s) = js.get_stream("NEWS_IN").await
            && let Ok(info) = s.consumer_info("copydesk").await
            && done(&info.config)
        {
            return info.config;
        }
        assert!(start.elapsed() < DEADLINE, "the consumer never became what was expected");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

pub(crate) fn stop(child: Child) -> (i32, String) {
    Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    finish(child)
}

// See: issue #22 (a durable consumer that existed was reused as it was: a changed subject,
// ack_wait_secs or max_ack_pending was silently ignored).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_changed_consumer_is_updated_at_start_and_check_connect_says_so() {
    let server = nats_server();
    let url = format!("nats://127.0.0.1:{}", server.port);
    let js = jetstream::new(async_nats::connect(&url).await.unwrap());
    js.create_stream(stream::Config {
        name: "NEWS_IN".into(),
        subjects: vec!["news.in".into(), "news.wire".into()],
        retention: stream::RetentionPolicy::WorkQueue,
        ..Default::default()
    })
    .await
    .unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let first = source_config(tmp.path(), &url, "news.in", 2, 1000);
    let (code, out, err) = check_connect(&first);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("consumer copydesk: missing, created at start"), "{out}");
    assert!(out.contains("stream NEWS_OUT: missing, created over news.out at start"), "{out}");

    let child = serve_logged(&first);
    let c = consumer_when(&js, |c| c.filter_subject == "news.in").await;
    assert_eq!((c.ack_wait, c.max_ack_pending), (Duration::from_secs(2), 1000));
    let (code, err) = stop(child);
    assert_eq!(code, 0, "{err}");

    // The same durable, configured anew: check tells what a start will update, changing
    // nothing; the start updates it and logs what it changed.
    let second = source_config(tmp.path(), &url, "news.wire", 7, 50);
    let (code, out, err) = check_connect(&second);
    assert_eq!(code, 0, "{err}");
    let changes = "subject news.in → news.wire, ack_wait_secs 2 → 7, max_ack_pending 1000 → 50";
    assert!(out.contains(&format!("consumer copydesk: updated at start ({changes})")), "{out}");
    assert!(out.contains("stream NEWS_IN (news.in, news.wire)"), "{out}");
    let unchanged = consumer_when(&js, |_| true).await;
    assert_eq!(unchanged.filter_subject, "news.in", "check changes nothing");

    let child = serve_logged(&second);
    let c = consumer_when(&js, |c| c.filter_subject == "news.wire").await;
    assert_eq!((c.ack_wait, c.max_ack_pending), (Duration::from_secs(7), 50));
    // The new subject is the one consumed.
    js.publish("news.wire", r#"{"id":"w1","text":"From the wire."}"#.into())
        .await
        .unwrap()
        .await
        .unwrap();
    wait_out(&js, 1).await;
    let (code, err) = stop(child);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("Updated the NATS consumer to the configuration"), "{err}");
    assert!(err.contains(changes), "{err}");
    let (code, out, _) = check_connect(&second);
    assert_eq!(code, 0);
    assert!(out.contains("consumer copydesk: up to date"), "{out}");
}

// See: issue #22 (what JetStream cannot change on an existing consumer refuses the start,
// with what to do).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_consumer_jetstream_cannot_change_refuses_the_start() {
    let server = nats_server();
    let url = format!("nats://127.0.0.1:{}", server.port);
    let js = jetstream::new(async_nats::connect(&url).await.unwrap());
    let s = js
        .create_stream(stream::Config {
            name: "NEWS_IN".into(),
            subjects: vec!["news.in".into()],
            ..Default::default()
        })
        .await
        .unwrap();
    s.create_consumer(jetstream::consumer::pull::Config {
        durable_name: Some("copydesk".into()),
        deliver_policy: jetstream::consumer::DeliverPolicy::New,
        filter_subject: "news.in".into(),
        ..Default::default()
    })
    .await
    .unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let config = source_config(tmp.path(), &url, "news.in", 30, 1000);
    let why = "consumer copydesk on stream NEWS_IN has deliver policy New";
    let what = "delete it (nats consumer rm NEWS_IN copydesk)";
    let (code, _, err) = check_connect(&config);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(why) && err.contains(what), "{err}");
    let (code, err) = finish(serve_logged(&config));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(why) && err.contains(what), "{err}");
    assert_eq!(
        consumer_when(&js, |_| true).await.deliver_policy,
        jetstream::consumer::DeliverPolicy::New,
        "left as it was"
    );

    // A subject the stream does not take; a server that does not answer. Without --connect,
    // check does not try the brokers.
    let config = source_config(tmp.path(), &url, "news.other", 30, 1000);
    let (code, _, err) = check_connect(&config);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("subject news.other is not among the subjects of stream NEWS_IN (news.in)"),
        "{err}"
    );
    let down = format!("nats://127.0.0.1:{}", free_port());
    let config = source_config(tmp.path(), &down, "news.in", 30, 1000);
    let (code, _, err) = check_connect(&config);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(&format!("[[source]] 1 {down}: cannot connect to NATS")), "{err}");
    assert!(err.contains(&format!("[[sink]] 1 {down}: cannot connect to NATS")), "{err}");
    assert!(err.contains("2 of 2 brokers failed"), "{err}");
    let out = Command::new(bin()).arg("check").arg(&config).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}
