#!/usr/bin/env python3
"""Benchmark of `copydesk watch` (a benchmark, not a test; `make bench` runs it).

1. Latency: 1,000 files are renamed into a watched folder, one every few milliseconds; the
   time from each rename to its record in the JSONL sink (fsynced before it is acked) gives
   p50/p99/max.
2. Backlog: a folder of 10,000 files is processed with `watch --once`: files/s and MB/s.
3. Idle CPU: `watch` over 20,000 done files, measured from /proc for a while (including at
   least one periodic rescan): CPU time / wall time.

Prints a Markdown table. Usage: scripts/bench_watch.py [--bin target/release/copydesk]
[--idle-seconds 65]
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time


def article(i, size=2000):
    words = ("The harbour authority said on Monday that the new ferry terminal would open "
             "in spring, after a review of safety rules and costs. ").split()
    body = " ".join(words[(i + k) % len(words)] for k in range(size // 7))
    return json.dumps({"id": f"b{i}", "title": f"Bench story {i}", "text": body})


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    tick = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / tick  # utime + stime


def wait_lines(path, n, deadline=300):
    start = time.time()
    while time.time() - start < deadline:
        try:
            with open(path, "rb") as f:
                if f.read().count(b"\n") >= n:
                    return
        except FileNotFoundError:
            pass
        time.sleep(0.01)
    raise SystemExit(f"timeout waiting for {n} records in {path}")


def latency(bin_, tmp, n=1000, gap=0.005):
    feed, out = os.path.join(tmp, "lat"), os.path.join(tmp, "lat.jsonl")
    stage = os.path.join(tmp, "lat-stage")
    os.makedirs(feed)
    os.makedirs(stage)
    for i in range(n):
        with open(os.path.join(stage, f"{i}.json"), "w") as f:
            f.write(article(i))
    proc = subprocess.Popen([bin_, "watch", feed, "--state", os.path.join(tmp, "lat.state"),
                             "--sink", f"jsonl:{out}"], stderr=subprocess.DEVNULL)
    arrived = {}
    stop = threading.Event()

    def follow():
        pos, buf = 0, b""
        while not stop.is_set():
            try:
                with open(out, "rb") as f:
                    f.seek(pos)
                    chunk = f.read()
            except FileNotFoundError:
                chunk = b""
            now = time.monotonic()
            if chunk:
                pos += len(chunk)
                buf += chunk
                *lines, buf = buf.split(b"\n")
                for line in lines:
                    arrived[json.loads(line)["id"]] = now
            else:
                time.sleep(0.0005)

    t = threading.Thread(target=follow, daemon=True)
    t.start()
    time.sleep(0.5)  # let the watcher start (not part of any measured figure)
    sent = {}
    for i in range(n):
        sent[f"b{i}"] = time.monotonic()
        os.rename(os.path.join(stage, f"{i}.json"), os.path.join(feed, f"{i}.json"))
        time.sleep(gap)
    deadline = time.time() + 120
    while len(arrived) < n and time.time() < deadline:
        time.sleep(0.01)
    stop.set()
    proc.terminate()
    proc.wait()
    lat = sorted((arrived[k] - sent[k]) * 1000 for k in sent if k in arrived)
    if len(lat) < n:
        raise SystemExit(f"only {len(lat)} of {n} files arrived")
    return lat


def backlog(bin_, tmp, n=10_000):
    feed, out = os.path.join(tmp, "backlog"), os.path.join(tmp, "backlog.jsonl")
    os.makedirs(feed)
    total = 0
    for i in range(n):
        body = article(i)
        total += len(body)
        with open(os.path.join(feed, f"{i}.json"), "w") as f:
            f.write(body)
    old = time.time() - 3600
    for name in os.listdir(feed):
        os.utime(os.path.join(feed, name), (old, old))
    t0 = time.monotonic()
    subprocess.run([bin_, "watch", feed, "--once", "--state", os.path.join(tmp, "backlog.state"),
                    "--sink", f"jsonl:{out}"], check=True, stderr=subprocess.DEVNULL)
    secs = time.monotonic() - t0
    return n / secs, total / secs / 1e6, secs, feed


def idle(bin_, tmp, seconds, n=20_000):
    feed = os.path.join(tmp, "idle")
    os.makedirs(feed)
    for i in range(n):
        with open(os.path.join(feed, f"{i}.json"), "w") as f:
            f.write(article(i, 300))
    state, out = os.path.join(tmp, "idle.state"), os.path.join(tmp, "idle.jsonl")
    subprocess.run([bin_, "watch", feed, "--once", "--state", state, "--sink", f"jsonl:{out}"],
                   check=True, stderr=subprocess.DEVNULL)
    proc = subprocess.Popen([bin_, "watch", feed, "--state", state, "--sink", f"jsonl:{out}"],
                            stderr=subprocess.DEVNULL)
    time.sleep(5)  # start-up: the first scan of 20,000 done files
    c0, t0 = cpu_seconds(proc.pid), time.monotonic()
    time.sleep(seconds)
    c1, t1 = cpu_seconds(proc.pid), time.monotonic()
    proc.terminate()
    proc.wait()
    return (c1 - c0) / (t1 - t0) * 100


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default="target/release/copydesk")
    ap.add_argument("--idle-seconds", type=float, default=65)
    a = ap.parse_args()
    bin_ = os.path.abspath(a.bin)
    tmp = tempfile.mkdtemp(prefix="copydesk-bench-watch-")
    try:
        lat = latency(bin_, tmp)
        rate, mbs, secs, _ = backlog(bin_, tmp)
        cpu = idle(bin_, tmp, a.idle_seconds)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    q = statistics.quantiles(lat, n=100)
    print("| watch benchmark | figure |")
    print("| --- | --- |")
    print(f"| latency, rename into the folder → record in the JSONL sink (1,000 files) | "
          f"p50 {q[49]:.1f} ms, p99 {q[98]:.1f} ms, max {lat[-1]:.1f} ms |")
    print(f"| backlog of 10,000 files (`watch --once`) | {secs:.2f} s: {rate:,.0f} files/s, "
          f"{mbs:.1f} MB/s |")
    print(f"| idle CPU watching 20,000 done files ({a.idle_seconds:.0f} s) | {cpu:.2f} % |")


if __name__ == "__main__":
    sys.exit(main())
