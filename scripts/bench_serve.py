#!/usr/bin/env python3
"""Benchmark of the SQLite store and of HTTP ingest (a benchmark, not a test; `make bench`).

1. SQLite sink: 20,000 articles (~2 KB each) piped through copydesk into a new store, against
   the same into a JSONL file: articles/s of each.
2. HTTP ingest: `serve` with an HTTP source and the SQLite sink; 4 client threads with
   keep-alive connections POST NDJSON batches of 100 articles; articles/s accepted (202,
   spooled durably) and articles/s until all are in the store.

Prints a Markdown table. Usage: scripts/bench_serve.py [--bin target/release/copydesk]
"""
import argparse
import http.client
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

WORDS = ("The harbour authority said on Monday that the new ferry terminal would open in "
         "spring after a review of safety rules and costs while unions asked for more staff "
         "and the council debated the budget for roads schools and the hospital").split()


def article(i, size=2000):
    body = " ".join(WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(size // 6))
    return {"id": f"b{i}", "title": f"Bench story {i}", "text": f"Story {i}. " + body}


def run_pipe(bin_, data, sink):
    t0 = time.monotonic()
    subprocess.run([bin_, "--sink", sink], input=data, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - t0


def count(db):
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
        n = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        con.close()
        return n
    except sqlite3.Error:
        return 0


def http_bench(bin_, tmp, n=20_000, batch=100, threads=4):
    cfg = os.path.join(tmp, "serve.toml")
    db = os.path.join(tmp, "http.db")
    with open(cfg, "w") as f:
        f.write('[[source]]\ntype = "http"\nlisten = "127.0.0.1:0"\nmax_pending = 100000\n'
                f'[[sink]]\ntype = "sqlite"\npath = "{db}"\n')
    proc = subprocess.Popen([bin_, "serve", "--config", cfg], stderr=subprocess.PIPE, text=True)
    line = proc.stderr.readline()
    port = int(line.strip().rsplit(":", 1)[1])
    threading.Thread(target=proc.stderr.read, daemon=True).start()
    bodies = []
    for start in range(0, n, batch):
        bodies.append("".join(json.dumps(article(i)) + "\n" for i in range(start, start + batch)).encode())
    parts = [bodies[t::threads] for t in range(threads)]
    errors = []

    def client(mine):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for b in mine:
            while True:
                conn.request("POST", "/articles", body=b, headers={"Content-Type": "application/x-ndjson"})
                r = conn.getresponse()
                r.read()
                if r.status == 202:
                    break
                if r.status != 429:
                    errors.append(r.status)
                    return
                time.sleep(0.01)

    t0 = time.monotonic()
    ts = [threading.Thread(target=client, args=(p,)) for p in parts]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    accepted = time.monotonic() - t0
    while count(db) < n and time.monotonic() - t0 < 600:
        time.sleep(0.05)
    stored = time.monotonic() - t0
    proc.terminate()
    proc.wait()
    if errors:
        raise SystemExit(f"HTTP errors: {errors[:5]}")
    return n / accepted, n / stored


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default="target/release/copydesk")
    a = ap.parse_args()
    bin_ = os.path.abspath(a.bin)
    tmp = tempfile.mkdtemp(prefix="copydesk-bench-serve-")
    try:
        n = 20_000
        data = "".join(json.dumps(article(i)) + "\n" for i in range(n)).encode()
        jsonl = run_pipe(bin_, data, f"jsonl:{os.path.join(tmp, 'out.jsonl')}")
        db = os.path.join(tmp, "store.db")
        sqlite = run_pipe(bin_, data, f"sqlite:{db}")
        assert count(db) == n, count(db)
        replay = run_pipe(bin_, data, f"sqlite:{db}")  # every article again: upserts, no change
        http_acc, http_stored = http_bench(bin_, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    mb = len(data) / 1e6
    print("| store / HTTP benchmark (20,000 articles, %.0f MB) | articles/s |" % mb)
    print("| --- | --- |")
    print(f"| pipe → JSONL file (fdatasync per batch) | {n / jsonl:,.0f} |")
    print(f"| pipe → SQLite store (new) | {n / sqlite:,.0f} |")
    print(f"| pipe → SQLite store, the same articles again (unchanged upserts) | {n / replay:,.0f} |")
    print(f"| HTTP POST, NDJSON batches of 100, 4 keep-alive clients: accepted (spooled) | {http_acc:,.0f} |")
    print(f"| HTTP POST, same: in the store | {http_stored:,.0f} |")


if __name__ == "__main__":
    sys.exit(main())
