//! NATS JetStream scale-out with a real `nats-server` (JetStream on, a free loopback port, a
//! temp store) and several real copydesk processes sharing one durable consumer.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use async_nats::jetstream::{self, stream};
use futures::StreamExt;

use crate::util::{DEADLINE, bin, finish};

/// A nats-server with JetStream, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        _ = self.child.kill();
        _ = self.child.wait();
    }
}

fn free_port() -> u16 {
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

fn nats_server() -> Server {
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
    js.get_or_create_stream(stream::Config {
        name: "NEWS_IN".into(),
        subjects: vec!["news.in".into()],
        retention: stream::RetentionPolicy::WorkQueue,
        ..Default::default()
    })
    .await
    .unwrap();
    for chunk in (0..n).collect::<Vec<_>>().chunks(1000) {
        let mut acks = Vec::new();
        for i in chunk {
            let body = serde_json::json!({"id": format!("n{i}"), "text": format!("Story {i} from the wire.")});
            acks.push(js.publish("news.in", body.to_string().into()).await.unwrap());
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
async fn wait_all_acked(js: &jetstream::Context, last: u64) {
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
