#!/usr/bin/env python3
"""Compare two copydesk binaries on the bench corpora, runs interleaved (A, B, A, B, ...).

This VM's speed drifts by 20-30 % from hour to hour, so figures from different runs of
`make bench` are not comparable; interleaving two binaries in the same minutes is. Prints,
per run, MB/s best and median, MB per CPU-second (best) and peak RSS for each binary.

    python3 scripts/bench_ab.py --a OLD_BINARY --b target/release/copydesk [--rounds 3] \
        [--only default --only pass-through]

Build the old binary from a worktree with its own target directory, e.g.
`git worktree add /tmp/base COMMIT && CARGO_TARGET_DIR=/tmp/target-base make -C /tmp/base build`
(`make build` applies that commit's PGO profile, as for the new binary; `cargo build
--release` alone builds without it). Needs bench/bench-100mb.jsonl, bench/bench-100mb-nolang.jsonl and
bench/rules100.toml (made by `make bench`).
"""

import argparse
import os
import statistics
import subprocess

CORPUS = "bench/bench-100mb.jsonl"
NOLANG = "bench/bench-100mb-nolang.jsonl"
RULES = "bench/rules100.toml"
HTML = "bench/bench-html.jsonl"

CASES = [
    ("pass-through", CORPUS, ["--passthrough"]),
    ("normalize only", CORPUS, ["--no-entities", "--keywords", "0"]),
    ("normalize only, language detected", NOLANG, ["--no-entities", "--keywords", "0"]),
    ("same, 1 worker", NOLANG, ["--no-entities", "--keywords", "0", "--workers", "1"]),
    ("normalize only, 1 worker", CORPUS, ["--no-entities", "--keywords", "0", "--workers", "1"]),
    ("normalize + keywords", CORPUS, ["--no-entities"]),
    ("normalize + keywords + 100 rules", CORPUS, ["--no-entities", "--rules", RULES]),
    ("default", CORPUS, []),
    ("default + 100 rules", CORPUS, ["--rules", RULES]),
    ("default + 100 rules, 1 worker", CORPUS, ["--rules", RULES, "--workers", "1"]),
    ("HTML pages", HTML, []),
    ("HTML pages, 1 worker", HTML, ["--workers", "1"]),
]


def run(binary, corpus, args):
    """(wall s, CPU s, peak RSS KB) of one run, from /usr/bin/time."""
    with open(corpus, "rb") as stdin:
        done = subprocess.run(
            ["/usr/bin/time", "-f", "%e %U %S %M", binary, *args],
            stdin=stdin,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            check=True,
        )
    wall, user, system, rss = done.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user) + float(system), int(rss)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--a", required=True, help="the first binary (e.g. the old one)")
    p.add_argument("--b", required=True, help="the second binary")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--only", action="append", default=[], metavar="NAME",
                   help="run only the cases with this exact name (repeatable), e.g. default")
    opts = p.parse_args()
    for path in (CORPUS, NOLANG, RULES):
        if not os.path.exists(path):
            raise SystemExit(f"{path} is missing: run `make bench` once to make it")
    names = [name for name, _, _ in CASES]
    for name in opts.only:
        if name not in names:
            raise SystemExit(f"--only {name!r}: no such case; the cases are {names}")
    for name, corpus, _ in CASES:
        if (not opts.only or name in opts.only) and not os.path.exists(corpus):
            print(f"note: skipping {name!r}: {corpus} is missing (`make bench` makes it when "
                  "../shared/corpus is present)")
    print("| run | A: MB/s best (median), MB per CPU-s, RSS | B: MB/s best (median), MB per CPU-s, RSS |")
    print("|---|---|---|")
    for name, corpus, args in CASES:
        if (opts.only and name not in opts.only) or not os.path.exists(corpus):
            continue
        size = os.path.getsize(corpus) / 1e6
        results = {"a": [], "b": []}
        for _ in range(opts.rounds):
            for key in ("a", "b"):
                results[key].append(run(getattr(opts, key), corpus, args))
        cells = []
        for key in ("a", "b"):
            walls = [r[0] for r in results[key]]
            cpu = min(r[1] for r in results[key])
            rss = max(r[2] for r in results[key]) // 1024
            cells.append(
                f"{size / min(walls):.1f} ({size / statistics.median(walls):.1f}), "
                f"{size / cpu:.1f}, {rss} MB"
            )
        print(f"| {name} | {cells[0]} | {cells[1]} |", flush=True)


if __name__ == "__main__":
    main()
