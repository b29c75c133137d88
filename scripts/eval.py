#!/usr/bin/env python3
"""Run copydesk over the dev articles and score it with the corpus scorer.

Feeds ../shared/corpus/dev/articles.jsonl to copydesk (the gold `lang` and the `html` copies
removed, so that language is detected from the text), turns the records into the scorer's
prediction format (id, lang, persons, organizations, locations, quotes) and runs score.py.
Entity and quote scores stay at zero until the tag stage produces entities; the language
figure is real already.

    python3 scripts/eval.py [--bin target/release/copydesk] [--corpus ../shared/corpus] [--json]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

from copydesk_run import run_copydesk


def to_prediction(rec):
    ents = rec.get("entities") or {}
    pred = {"id": rec["id"], "lang": (rec.get("lang") or {}).get("code")}
    for kind in ("persons", "organizations", "locations"):
        pred[kind] = [
            {"name": e["name"], "aliases": e.get("forms", []), **({"country": e.get("country")} if kind == "locations" else {})}
            for e in ents.get(kind, [])
        ]
    pred["quotes"] = [{"speaker": q.get("speaker"), "text": q["text"]} for q in rec.get("quotes", [])]
    return pred


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default="target/release/copydesk")
    ap.add_argument("--corpus", default="../shared/corpus")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    articles = os.path.join(a.corpus, "dev", "articles.jsonl")
    gold = os.path.join(a.corpus, "dev", "gold.jsonl")
    inputs = []
    for line in open(articles, encoding="utf-8"):
        if line.strip():
            art = json.loads(line)
            inputs.append({"id": art["id"], "title": art.get("title"), "text": art["text"]})
    records = run_copydesk(a.bin, inputs, "--dup-window", "0")
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for rec in records:
            f.write(json.dumps(to_prediction(rec), ensure_ascii=False) + "\n")
        pred = f.name
    cmd = [sys.executable, os.path.join(a.corpus, "score.py"), gold, pred, "--articles", articles]
    if a.json:
        cmd.append("--json")
    return subprocess.run(cmd, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
