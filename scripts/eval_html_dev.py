#!/usr/bin/env python3
"""Score copydesk's HTML extraction on html-dev (Mozilla Readability's 130 test pages, with
Readability's output as the reference), with that set's own metric (`score_html.py` beside the
pages: 4-token shingles, per-page normalized, F1 of the mean precision and recall).

The pages are split in two: the *check* third (a page is in it iff the SHA-256 of its id, as an
integer, is divisible by 3) is never used for tuning, the *tuned* rest is. Both parts and the
whole are reported; a check part far behind the tuned one means the heuristics fit examples.

    python3 scripts/eval_html_dev.py [--bin target/release/copydesk] [--dir ../shared/corpus/html-dev]
        [--worst N]   list the N worst pages of the tuned part (never of the check part)
"""
import argparse
import collections
import gzip
import hashlib
import importlib.util
import json
import os
import sys

from copydesk_run import run_copydesk


def load_scorer(directory):
    spec = importlib.util.spec_from_file_location("score_html", os.path.join(directory, "score_html.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def in_check(page_id):
    return int(hashlib.sha256(page_id.encode()).hexdigest(), 16) % 3 == 0


def summarize(sc, pages, got):
    counts, meta, empty = [], collections.Counter(), 0
    for p in pages:
        r = got.get(p["id"]) or {}
        counts.append(sc.page_counts(p["reference_text"], r.get("text") or ""))
        empty += not r.get("text")
        for k, rk in (("title", "title"), ("byline", "author"), ("published", "published")):
            if p.get(k):
                meta[k + "_n"] += 1
                v = r.get(rk)
                v = ", ".join(v) if isinstance(v, list) else v
                if k == "published":
                    meta[k + "_ok"] += bool(v) and str(v)[:10] == str(p[k])[:10]
                else:
                    meta[k + "_ok"] += bool(v) and sc.norm(v) == sc.norm(p[k])
    P, R, F = sc.prf(counts)
    return P, R, F, empty, meta


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default="target/release/copydesk")
    ap.add_argument("--dir", default="../shared/corpus/html-dev")
    ap.add_argument("--worst", type=int, default=0)
    a = ap.parse_args()
    sc = load_scorer(a.dir)
    pages = [json.loads(l) for l in gzip.open(os.path.join(a.dir, "pages.jsonl.gz"), "rt", encoding="utf-8")]
    records = run_copydesk(a.bin, [{"id": p["id"], "html": p["html"]} for p in pages],
                           "--no-entities", "--keywords", "0", "--dup-window", "0", check=False)
    got = {r.get("id"): r for r in records}
    parts = {"tuned": [p for p in pages if not in_check(p["id"])],
             "check": [p for p in pages if in_check(p["id"])],
             "all": pages}
    print(f"HTML extraction on html-dev ({len(pages)} pages, reference: Readability):")
    for name, ps in parts.items():
        P, R, F, empty, meta = summarize(sc, ps, got)
        m = ", ".join(f"{k} {meta[k + '_ok']}/{meta[k + '_n']}" for k in ("title", "byline", "published"))
        fb = sum(1 for p in ps if (got.get(p["id"]) or {}).get("extraction") == "fallback")
        print(f"  {name:5} {len(ps):3} pages: F1 {F:.3f} (P {P:.3f}, R {R:.3f}), empty {empty}, "
              f"fallback {fb}; exact {m}")
        # Pages whose reference is a few words (a stub page, an error page) weigh as much as a
        # long article in the mean: the same figure without them.
        real = [p for p in ps if len(p["reference_text"]) >= 50]
        if len(real) < len(ps):
            F2 = summarize(sc, real, got)[2]
            print(f"        {len(real):3} of them with a reference of 50 characters or more: F1 {F2:.3f}")
    if a.worst:
        rows = []
        for p in parts["tuned"]:
            r = got.get(p["id"]) or {}
            P, R, F = sc.prf([sc.page_counts(p["reference_text"], r.get("text") or "")])
            rows.append((F if r.get("text") else 0.0, P, R, p["id"]))
        for F, P, R, i in sorted(rows)[: a.worst]:
            print(f"    {F:.3f} (P {P:.2f} R {R:.2f})  {i}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
