#!/usr/bin/env python3
"""Benchmark of the stores and of HTTP ingest (a benchmark, not a test; `make bench`).

1. SQLite sink: 20,000 articles (~2 KB each) piped through copydesk into a new store, against
   the same into a JSONL file: articles/s of each.
   PostgreSQL sink (when PostgreSQL is installed: a throwaway server in a temp folder, on a
   Unix socket, run as `nobody` when root): the same articles into a new database by one
   instance, and by three instances at once (each a third of them).
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


def pg_bin():
    """The folder of Debian's PostgreSQL binaries (the newest version), or None."""
    root = "/usr/lib/postgresql"
    versions = sorted((int(v), v) for v in os.listdir(root) if v.isdigit()) if os.path.isdir(root) else []
    for _, v in reversed(versions):
        if os.path.exists(os.path.join(root, v, "bin", "pg_ctl")):
            return os.path.join(root, v, "bin")
    return None


class PgServer:
    """initdb + pg_ctl in a temp folder, a Unix socket only; as `nobody` when root."""

    def __init__(self, bin_dir, tmp):
        self.bin, self.dir = bin_dir, os.path.join(tmp, "pg")
        self.root = os.geteuid() == 0
        os.makedirs(os.path.join(self.dir, "sock"))
        if self.root:
            os.chmod(tmp, 0o755)
            subprocess.run(["chown", "-R", "nobody", self.dir], check=True)
        data = os.path.join(self.dir, "data")
        self.run("initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8",
                 "--locale=C", "--no-sync")
        opts = f"-k {self.dir}/sock -c listen_addresses='' -c max_connections=50"
        self.run("pg_ctl", "-D", data, "-l", os.path.join(self.dir, "log"), "-o", opts, "-w", "start")

    def run(self, prog, *args):
        cmd = [os.path.join(self.bin, prog), *args]
        if self.root:
            cmd = ["runuser", "-u", "nobody", "--", *cmd]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def url(self, db="postgres"):
        return f"postgresql://postgres@localhost/{db}?host={self.dir}/sock"

    def createdb(self, name):
        self.run("createdb", "-h", f"{self.dir}/sock", "-U", "postgres", name)
        return self.url(name)

    def stop(self):
        self.run("pg_ctl", "-D", os.path.join(self.dir, "data"), "-m", "fast", "-w", "stop")


def run_pipes(bin_, parts, sink):
    """Runs one copydesk per part at once; the wall time until all are done."""
    t0 = time.monotonic()
    procs = [subprocess.Popen([bin_, "--sink", sink], stdin=subprocess.PIPE,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in parts]
    feeders = [threading.Thread(target=p.communicate, args=(d,)) for p, d in zip(procs, parts)]
    for t in feeders:
        t.start()
    for t in feeders:
        t.join()
    if any(p.returncode != 0 for p in procs):
        raise SystemExit(f"copydesk --sink {sink} failed")
    return time.monotonic() - t0


def postgres_bench(bin_, tmp, lines):
    """Articles/s into a new PostgreSQL database: one instance, then three at once."""
    bin_dir = pg_bin()
    if bin_dir is None:
        print("bench_serve: PostgreSQL is not installed; its rows are left out", file=sys.stderr)
        return None
    server = PgServer(bin_dir, tmp)
    try:
        data = "".join(lines).encode()
        one = run_pipes(bin_, [data], f"postgres:{server.createdb('one')}")
        thirds = ["".join(lines[k::3]).encode() for k in range(3)]
        three = run_pipes(bin_, thirds, f"postgres:{server.createdb('three')}")
        return one, three
    finally:
        server.stop()


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
    ap.add_argument("--postgres-only", action="store_true",
                    help="only the pipe rows (JSONL, SQLite, PostgreSQL): a quick check")
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
        lines = [json.dumps(article(i)) + "\n" for i in range(n)]
        pg = postgres_bench(bin_, tmp, lines)
        http_acc, http_stored = http_bench(bin_, tmp) if not a.postgres_only else (0, 0)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    mb = len(data) / 1e6
    print("| store / HTTP benchmark (20,000 articles, %.0f MB) | articles/s |" % mb)
    print("| --- | --- |")
    print(f"| pipe → JSONL file (fdatasync per batch) | {n / jsonl:,.0f} |")
    print(f"| pipe → SQLite store (new) | {n / sqlite:,.0f} |")
    print(f"| pipe → SQLite store, the same articles again (unchanged upserts) | {n / replay:,.0f} |")
    if pg:
        print(f"| pipe → PostgreSQL store (new; tsvector + GIN index), 1 instance | {n / pg[0]:,.0f} |")
        print(f"| pipe → PostgreSQL store (new), 3 instances at once, a third each | {n / pg[1]:,.0f} |")
    if not a.postgres_only:
        print(f"| HTTP POST, NDJSON batches of 100, 4 keep-alive clients: accepted (spooled) | {http_acc:,.0f} |")
        print(f"| HTTP POST, same: in the store | {http_stored:,.0f} |")


if __name__ == "__main__":
    sys.exit(main())
