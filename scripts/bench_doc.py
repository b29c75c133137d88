#!/usr/bin/env python3
"""Write a benchmark's results into docs/performance.md, between marker comments.

`make bench` calls it after each benchmark, so that the figures in the documentation are
always those of the last run, labelled with its date, commit and machine (nobody edits them
by hand; the history of the figures is the history of this file in git).

    scripts/bench_doc.py BLOCK RESULTS [--doc docs/performance.md] [--readme README.md]
        [--date YYYY-MM-DD] [--commit HASH] [--machine TEXT] [--dry-run]

BLOCK names the markers: the results (RESULTS, a file holding what the benchmark printed:
Markdown, typically a table; `-` for stdin) replace whatever stands between
`<!-- BLOCK:begin -->` and `<!-- BLOCK:end -->` in the document. `make bench` writes three:
`bench` (scripts/bench.sh, the whole pipeline), `bench-watch` (scripts/bench_watch.py) and
`bench-serve` (scripts/bench_serve.py). For `bench`, the headline figures in README.md
(between `<!-- bench-headline:begin -->` and `<!-- bench-headline:end -->`) are rewritten
from the same table.

--dry-run prints the new blocks instead of writing them. Standard library only.
"""

import argparse
import datetime
import os
import platform
import re
import subprocess
import sys

DEFAULT_ROW = "normalize + entities + keywords"
PASSTHROUGH_ROW = "pass-through (--passthrough)"


def git(*args):
    try:
        return subprocess.run(["git", *args], capture_output=True, text=True,
                              check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return ""


def current_commit(ignore):
    """The short hash of HEAD, marked when the work tree differs from it (the documents this
    script writes do not count)."""
    head = git("rev-parse", "--short=7", "HEAD").strip() or "unknown"
    changed = [line[3:] for line in git("status", "--porcelain", "--untracked-files=no")
               .splitlines() if line[3:] not in ignore]
    return f"`{head}`" + (", with uncommitted changes" if changed else "")


def describe_machine():
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    cpu = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "")
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            kb = next(int(l.split()[1]) for l in f if l.startswith("MemTotal:"))
            mem = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    parts = [f"{cores} cores" + (f" ({cpu})" if cpu else ""), mem,
             f"{platform.system()} {platform.release()}"]
    return ", ".join(p for p in parts if p)


def replace_block(text, name, body, path):
    """`text` with the lines between `name`'s markers replaced by `body`."""
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    if text.count(begin) != 1 or text.count(end) != 1 or text.index(begin) > text.index(end):
        sys.exit(f"bench_doc: {path} needs exactly one `{begin}` followed by one `{end}`")
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{begin}\n{body.strip()}\n{end}{tail}"


def table_rows(results):
    """The cells of every Markdown table row in `results` (the separator rows left out)."""
    rows = []
    for line in results.splitlines():
        if line.lstrip().startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if not all(set(c) <= set("-: ") for c in cells):
                rows.append(cells)
    return rows


def headline(results, label):
    """README's one-line summary of scripts/bench.sh's table (the MB/s column of its default
    and pass-through rows, and the start-up line), or None without a default row."""
    rows = table_rows(results)
    col = next((i for i, c in enumerate(rows[0]) if c.startswith("MB/s")), None) if rows else None
    # The first number of the cell: a "best (median)" cell gives its best.
    mbs = {r[0]: r[col].split(" ")[0] for r in rows[1:] if col is not None and len(r) > col}
    if DEFAULT_ROW not in mbs:
        return None
    line = (f"**{mbs[DEFAULT_ROW]} MB/s** for the default pipeline (normalize, entities, quotes, "
            "keywords, duplicates)")
    if PASSTHROUGH_ROW in mbs:
        line += f", {mbs[PASSTHROUGH_ROW]} MB/s pass-through"
    startup = re.search(r"^start-up: `echo text \| copydesk` takes ([\d.]+) ms", results, re.M)
    if startup:
        line += f", start-up {startup.group(1)} ms"
    return f"{line} ({label}; [how](docs/performance.md))."


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("block", help="marker name: bench, bench-watch or bench-serve")
    ap.add_argument("results", help="file with the benchmark's Markdown output, - for stdin")
    ap.add_argument("--doc", default="docs/performance.md")
    ap.add_argument("--readme", default="README.md")
    ap.add_argument("--date", default=datetime.datetime.now(datetime.timezone.utc)
                    .strftime("%Y-%m-%d"))
    ap.add_argument("--commit", help="default: git's HEAD (marked when the work tree differs)")
    ap.add_argument("--machine", default=os.environ.get("BENCH_MACHINE"),
                    help="default: $BENCH_MACHINE, else cores, CPU, memory and kernel")
    ap.add_argument("--dry-run", action="store_true", help="print, do not write")
    a = ap.parse_args()

    results = (sys.stdin.read() if a.results == "-"
               else open(a.results, encoding="utf-8").read()).strip()
    if not results:
        sys.exit(f"bench_doc: {a.results} is empty; {a.doc} left as it is")
    commit = f"`{a.commit}`" if a.commit else current_commit({a.doc, a.readme})
    machine = a.machine or describe_machine()
    body = (f"<!-- Written by scripts/bench_doc.py (`make bench`): rerun the benchmark, do not "
            f"edit. -->\n"
            f"Measured {a.date} on commit {commit}; machine: {machine}.\n\n{results}")

    writes = []
    with open(a.doc, encoding="utf-8") as f:
        writes.append((a.doc, replace_block(f.read(), a.block, body, a.doc), body))
    if a.block == "bench":
        line = headline(results, f"{a.date}, commit {commit}")
        if line is None:
            print(f"bench_doc: no `{DEFAULT_ROW}` row; {a.readme}'s headline left as it is",
                  file=sys.stderr)
        else:
            with open(a.readme, encoding="utf-8") as f:
                writes.append((a.readme,
                               replace_block(f.read(), "bench-headline", line, a.readme), line))

    for path, text, block in writes:
        if a.dry_run:
            print(f"--- {path} ---\n{block}")
            continue
        tmp = f"{path}.tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
        print(f"bench_doc: wrote the {a.block} figures into {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
