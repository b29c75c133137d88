//! Prometheus metrics: the `metrics` facade, rendered by `metrics-exporter-prometheus`, served
//! on `GET /metrics` (by the HTTP source and by the metrics listener of `serve`).
//!
//! | metric | type | labels |
//! |---|---|---|
//! | `copydesk_source_inputs_total`, `copydesk_source_bytes_total`, `copydesk_source_files_total` | counter | `source` |
//! | `copydesk_source_redelivered_total` (a broker's repeats) | counter | `source` |
//! | `copydesk_source_skipped_total` (inputs read and deliberately not made articles: WARC records that are not HTML responses, NewsML-G2 items that are not news) | counter | `source`, `reason` |
//! | `copydesk_source_unresolved` (read, ack not yet resolved: the checkpoint lag) | gauge | `source` |
//! | `copydesk_stage_received_total`, `copydesk_stage_forwarded_total`, `copydesk_stage_rejected_total` | counter | `stage` (`work`, `sink:NAME`) |
//! | `copydesk_duplicates_total` | counter | |
//! | `copydesk_queue_batches` (batches waiting in a queue) | gauge | `queue` |
//! | `copydesk_sink_records_total`, `copydesk_sink_bytes_total` | counter | `sink` |
//! | `copydesk_dead_letters_total` | counter | |
//! | `copydesk_latency_seconds` (read by the source → written by the sink) | histogram | `sink` |
//! | `copydesk_http_requests_total` (HTTP requests answered) | counter | `route` (the matched pattern, or `unmatched`), `status` |
//! | `copydesk_build_info` (always 1) | gauge | `version` |
//! | `process_resident_memory_bytes`, `process_open_fds`, `process_start_time_seconds` | gauge | |
//! | `process_cpu_seconds_total` | counter | |
//!
//! The process metrics follow Prometheus's conventions for client libraries; they are read
//! from `/proc` at each scrape (Linux; elsewhere they are absent).

use std::sync::{Arc, OnceLock};

use copydesk_ingest::SourceProgress;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};

/// The process's Prometheus recorder, installed on first use.
pub fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let buckets =
            [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];
        let builder = PrometheusBuilder::new()
            .set_buckets(&buckets)
            .unwrap_or_else(|_| PrometheusBuilder::new());
        let recorder = builder.build_recorder();
        let handle = recorder.handle();
        // Another recorder may be installed already (tests running pipelines in one process).
        _ = metrics::set_global_recorder(recorder);
        describe();
        handle
    })
}

fn describe() {
    use metrics::{describe_counter, describe_gauge, describe_histogram};
    describe_counter!("copydesk_source_inputs_total", "Inputs read and sent downstream.");
    describe_counter!("copydesk_source_bytes_total", "Bytes read.");
    describe_counter!("copydesk_source_files_total", "Files read (directory sources).");
    describe_counter!(
        "copydesk_source_redelivered_total",
        "Messages a broker delivered more than once (NATS)."
    );
    describe_counter!(
        "copydesk_source_skipped_total",
        "Inputs read and deliberately not made articles (WARC records that are not HTML responses...), by reason."
    );
    describe_gauge!(
        "copydesk_source_unresolved",
        "Inputs read whose acks are not resolved yet (what the checkpoint waits for)."
    );
    describe_counter!("copydesk_stage_received_total", "Items a stage took from its queue.");
    describe_counter!("copydesk_stage_forwarded_total", "Items a stage passed on (or wrote).");
    describe_counter!("copydesk_stage_rejected_total", "Items a stage refused (dead letters).");
    describe_counter!("copydesk_sink_bytes_total", "Bytes of records written by a sink.");
    describe_counter!("copydesk_duplicates_total", "Articles marked as duplicates.");
    describe_gauge!("copydesk_queue_batches", "Batches waiting in a queue between stages.");
    describe_counter!("copydesk_sink_records_total", "Records written (and acked) by a sink.");
    describe_counter!("copydesk_dead_letters_total", "Inputs refused and dead-lettered.");
    describe_histogram!(
        "copydesk_latency_seconds",
        "Time from reading an input to its record being written by the sink."
    );
    describe_counter!(
        "copydesk_http_requests_total",
        "HTTP requests answered, by route and status."
    );
    describe_gauge!("copydesk_build_info", "Always 1; the version as a label.");
    describe_gauge!("process_resident_memory_bytes", "Resident memory size in bytes.");
    describe_gauge!("process_open_fds", "Number of open file descriptors.");
    describe_gauge!(
        "process_start_time_seconds",
        "Start time of the process since the Unix epoch in seconds."
    );
    describe_counter!(
        "process_cpu_seconds_total",
        "Total user and system CPU time spent in seconds."
    );
    metrics::gauge!("copydesk_build_info", "version" => env!("CARGO_PKG_VERSION")).set(1.0);
}

/// Clock ticks a second in `/proc` (`USER_HZ`: 100 on every Linux architecture, whatever the
/// kernel's own tick rate).
const USER_HZ: f64 = 100.0;

/// Reads the process metrics from `/proc` (before each scrape). Missing files (another
/// system) leave them out.
pub(crate) fn sample_process() {
    if let Ok(status) = std::fs::read_to_string("/proc/self/status")
        && let Some(kb) = status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.split_whitespace().next()?.parse::<f64>().ok())
    {
        metrics::gauge!("process_resident_memory_bytes").set(kb * 1024.0);
    }
    if let Ok(fds) = std::fs::read_dir("/proc/self/fd") {
        metrics::gauge!("process_open_fds").set(fds.count() as f64);
    }
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else { return };
    // The fields after the command name (which may hold spaces), from the 3rd field on.
    let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) else { return };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let field = |n: usize| fields.get(n - 3).and_then(|v| v.parse::<f64>().ok());
    if let (Some(utime), Some(stime)) = (field(14), field(15)) {
        metrics::counter!("process_cpu_seconds_total").absolute(((utime + stime) / USER_HZ) as u64);
    }
    let boot = std::fs::read_to_string("/proc/stat").ok().and_then(|s| {
        s.lines().find_map(|l| l.strip_prefix("btime ")).and_then(|v| v.trim().parse::<f64>().ok())
    });
    if let (Some(start), Some(boot)) = (field(22), boot) {
        metrics::gauge!("process_start_time_seconds").set(boot + start / USER_HZ);
    }
}

/// Copies a source's live counters into the metrics.
pub(crate) fn sample_source(name: &str, p: &Arc<SourceProgress>) {
    use std::sync::atomic::Ordering::Relaxed;
    let label = name.to_owned();
    let inputs = p.inputs.load(Relaxed);
    metrics::counter!("copydesk_source_inputs_total", "source" => label.clone()).absolute(inputs);
    metrics::counter!("copydesk_source_bytes_total", "source" => label.clone())
        .absolute(p.bytes.load(Relaxed));
    metrics::counter!("copydesk_source_files_total", "source" => label.clone())
        .absolute(p.files.load(Relaxed));
    metrics::counter!("copydesk_source_redelivered_total", "source" => label.clone())
        .absolute(p.redelivered.load(Relaxed));
    for (why, n) in p.skipped().iter() {
        metrics::counter!("copydesk_source_skipped_total", "source" => label.clone(), "reason" => why.name())
            .absolute(n);
    }
    let unresolved = inputs.saturating_sub(p.resolved.load(Relaxed));
    metrics::gauge!("copydesk_source_unresolved", "source" => label).set(unresolved as f64);
}
