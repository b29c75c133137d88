#!/usr/bin/env python3
"""Start-up time of `copydesk < one article`, two binaries interleaved (A, B, A, B, ...).

Times runs back to back (the memory a run frees is reused by the next) and runs after a few
idle seconds (on a VM whose host takes freed memory back, a first run pays for every page
it touches). Prints best and median milliseconds of each.

    python3 scripts/bench_startup.py --a OLD_BINARY --b target/release/copydesk [--idle-runs 6]
"""

import argparse
import statistics
import subprocess
import time

SEED = "tests/data/seed-article.txt"


def once(binary, body):
    start = time.perf_counter()
    subprocess.run([binary], input=body, stdout=subprocess.DEVNULL, check=True)
    return (time.perf_counter() - start) * 1000


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--a", required=True)
    ap.add_argument("--b", required=True)
    ap.add_argument("--idle-runs", type=int, default=6)
    ap.add_argument("--idle-seconds", type=float, default=4)
    ap.add_argument("--warm-runs", type=int, default=30)
    args = ap.parse_args()
    body = open(SEED, "rb").read()
    bins = {"A": args.a, "B": args.b}
    idle = {k: [] for k in bins}
    warm = {k: [] for k in bins}
    for _ in range(args.idle_runs):
        for k, b in bins.items():
            time.sleep(args.idle_seconds)
            idle[k].append(once(b, body))
    for _ in range(args.warm_runs):
        for k, b in bins.items():
            warm[k].append(once(b, body))
    for k, b in bins.items():
        print(
            f"{k} {b}: back to back best {min(warm[k]):.0f} ms, median "
            f"{statistics.median(warm[k]):.0f} ms; after {args.idle_seconds:g} s idle best "
            f"{min(idle[k]):.0f} ms, median {statistics.median(idle[k]):.0f} ms"
        )


if __name__ == "__main__":
    main()
