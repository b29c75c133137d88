#!/usr/bin/env python3
"""Score copydesk's HTML extraction against reference texts.

For every article of ARTICLES (JSONL) that has both `html` and a reference `text`, feeds the
HTML alone to copydesk and compares the extracted text with the reference as bags of word
tokens (lower-cased \\w+): precision, recall and F1 per article, then the mean over articles.

    python3 scripts/eval_html.py [--bin target/release/copydesk] [--articles PATH] [--show N]
"""
import argparse
import collections
import json
import re
import sys

from copydesk_run import run_copydesk

TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(s):
    return collections.Counter(t.lower() for t in TOKEN.findall(s or ""))


def prf(got, ref):
    g, r = tokens(got), tokens(ref)
    overlap = sum((g & r).values())
    p = overlap / max(1, sum(g.values()))
    rc = overlap / max(1, sum(r.values()))
    f = 2 * p * rc / (p + rc) if p + rc else 0.0
    return p, rc, f


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default="target/release/copydesk")
    ap.add_argument("--articles", default="../shared/corpus/dev/articles.jsonl")
    ap.add_argument("--show", type=int, default=0, help="print the N worst articles")
    a = ap.parse_args()
    items = [json.loads(l) for l in open(a.articles, encoding="utf-8") if l.strip()]
    items = [i for i in items if i.get("html") and i.get("text")]
    records = run_copydesk(a.bin, [{"id": i["id"], "html": i["html"]} for i in items], "--keywords", "0", check=False)
    got = {r["id"]: r["text"] for r in records}
    rows = []
    for i in items:
        p, r, f = prf(got.get(i["id"], ""), i["text"])
        rows.append((f, p, r, i["id"], i.get("lang")))
    n = len(rows)
    mp = sum(r[1] for r in rows) / n
    mr = sum(r[2] for r in rows) / n
    mf = sum(r[0] for r in rows) / n
    print(f"HTML extraction on {n} pages: precision {mp:.3f}, recall {mr:.3f}, F1 {mf:.3f}")
    for f, p, r, id_, lang in sorted(rows)[: a.show]:
        print(f"  {id_} ({lang}): P {p:.2f} R {r:.2f} F1 {f:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
