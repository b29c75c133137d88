#!/usr/bin/env python3
"""Run copydesk over the dev articles and score it with the corpus scorer, tuned part and check third apart.

Feeds ../shared/corpus/dev/articles.jsonl to copydesk (the gold `lang` and the `html` copies
removed, so that language is detected from the text), turns the records into the scorer's
prediction format (id, lang, persons, organizations, locations, quotes) and runs the corpus's
score.py on each part of the annotated articles:

- **check**: the third of the articles whose id hashes to 0 (sha256 of the id, modulo 3). Rules
  are never tuned on them: they tell whether a change generalizes.
- **tuned**: the other two thirds, the articles rules may be looked at and tuned on.
- **all**: every annotated article.

spaCy en_core_web_sm's predictions (the corpus's spacy_sm.pred.jsonl) are scored the same way
beside them. `--errors` prints the false positives and negatives of the tuned part only (the
check third is not shown on purpose).

    python3 scripts/eval.py [--bin target/release/copydesk] [--corpus ../shared/corpus] [--json]
        [--errors] [--pred-out PATH]
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile

from copydesk_run import run_copydesk

KINDS = ("persons", "organizations", "locations")


def is_check(article_id):
    """The fixed check third: sha256 of the id, as an integer, modulo 3 is 0."""
    return int(hashlib.sha256(article_id.encode()).hexdigest(), 16) % 3 == 0


def to_prediction(rec):
    ents = rec.get("entities") or {}
    pred = {"id": rec["id"], "lang": (rec.get("lang") or {}).get("code")}
    for kind in KINDS:
        pred[kind] = [
            {"name": e["name"], "aliases": e.get("forms", []), **({"country": e.get("country")} if kind == "locations" else {})}
            for e in ents.get(kind, [])
        ]
    pred["quotes"] = [{"speaker": q.get("speaker"), "text": q["text"]} for q in rec.get("quotes", [])]
    return pred


def write_jsonl(rows, path):
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def score(scorer, gold_rows, pred_rows, tmp, name):
    gold_path = os.path.join(tmp, f"{name}.gold.jsonl")
    pred_path = os.path.join(tmp, f"{name}.pred.jsonl")
    ids = {g["id"] for g in gold_rows}
    write_jsonl(gold_rows, gold_path)
    write_jsonl([p for p in pred_rows if p["id"] in ids], pred_path)
    out = subprocess.run([sys.executable, scorer, gold_path, pred_path, "--json"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def row(label, s):
    def prf(k):
        d = s[k]
        return f"{d['precision']:.3f}/{d['recall']:.3f}/{d['f1']:.3f}"

    def num(v):
        # (A set with no quotes has no speaker accuracy.)
        return "—" if v is None else f"{v:.3f}"

    q = s["quotes"]
    return (
        f"| {label} | {prf('persons')} | {prf('organizations')} | {prf('locations')} | {prf('all_entities')} "
        f"| {num(q['precision'])}/{num(q['recall'])}/{num(q['f1'])} | {num(q['speaker_accuracy'])} |"
    )


def norm(s):
    return " ".join((s or "").casefold().split())


def print_errors(gold_rows, preds):
    by_id = {p["id"]: p for p in preds}
    for g in gold_rows:
        p = by_id.get(g["id"], {})
        lines = []
        for kind in KINDS:
            gold_names = [{norm(e["name"]), *map(norm, e.get("aliases", []))} for e in g.get(kind, [])]
            got = [norm(e["name"]) for e in p.get(kind, [])]
            fp = [n for n in got if not any(n in names for names in gold_names)]
            fn = [e["name"] for e, names in zip(g.get(kind, []), gold_names) if not names & set(got)]
            if fp or fn:
                lines.append(f"  {kind[:3]}: +{fp} -{fn}")
        for q in g.get("quotes", []):
            gt = set(norm(q["text"]).split())
            best = max(p.get("quotes", []), key=lambda x: len(gt & set(norm(x["text"]).split())), default=None)
            if best is None or len(gt & set(norm(best["text"]).split())) < 0.8 * len(gt):
                lines.append(f"  quote missed: {q['text'][:50]!r} ({q['speaker']})")
            elif norm(best.get("speaker")) != norm(q["speaker"]):
                lines.append(f"  speaker: {q['text'][:50]!r} gold {q['speaker']!r}, got {best.get('speaker')!r}")
        if lines:
            print(g["id"])
            print("\n".join(lines))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default="target/release/copydesk")
    ap.add_argument("--corpus", default="../shared/corpus")
    ap.add_argument("--json", action="store_true", help="print the scores as one JSON object")
    ap.add_argument("--errors", action="store_true", help="list false positives/negatives of the tuned part")
    ap.add_argument("--pred-out", help="also write copydesk's predictions here")
    a = ap.parse_args()
    dev = os.path.join(a.corpus, "dev")
    articles = os.path.join(dev, "articles.jsonl")
    scorer = os.path.join(a.corpus, "score.py")
    inputs = []
    for line in open(articles, encoding="utf-8"):
        if line.strip():
            art = json.loads(line)
            inputs.append({"id": art["id"], "title": art.get("title"), "text": art["text"]})
    records = run_copydesk(a.bin, inputs, "--dup-window", "0")
    preds = [to_prediction(r) for r in records]
    gold = [json.loads(l) for l in open(os.path.join(dev, "gold.jsonl"), encoding="utf-8") if l.strip()]
    spacy = [json.loads(l) for l in open(os.path.join(dev, "spacy_sm.pred.jsonl"), encoding="utf-8") if l.strip()]
    parts = {
        "tuned": [g for g in gold if not is_check(g["id"])],
        "check": [g for g in gold if is_check(g["id"])],
        "all": gold,
    }
    with tempfile.TemporaryDirectory() as tmp:
        results = {name: score(scorer, rows, preds, tmp, name) for name, rows in parts.items()}
        spacy_results = {name: score(scorer, rows, spacy, tmp, "spacy-" + name) for name, rows in parts.items()}
        pred_path = os.path.join(tmp, "all-articles.pred.jsonl")
        write_jsonl(preds, pred_path)
        lang = subprocess.run(
            [sys.executable, scorer, os.path.join(dev, "gold.jsonl"), pred_path, "--articles", articles, "--json"],
            capture_output=True, text=True, check=True,
        )
        lang = json.loads(lang.stdout).get("lang_articles")
    if a.pred_out:
        write_jsonl(preds, a.pred_out)
    if a.json:
        print(json.dumps({"copydesk": results, "spacy_sm": spacy_results, "language": lang}, indent=1))
        return 0
    if a.errors:
        print_errors(parts["tuned"], preds)
        print()
    print(f"Dev split: {len(gold)} annotated articles; check third {len(parts['check'])} (never tuned on), tuned part {len(parts['tuned'])}.")
    print("P/R/F1 per type (document level, the corpus's score.py); quotes P/R/F1; speaker accuracy.\n")
    print("| part | persons | organizations | locations | all entities | quotes | speaker acc. |")
    print("|---|---|---|---|---|---|---|")
    for name in parts:
        print(row(f"copydesk, {name} ({len(parts[name])})", results[name]))
    for name in parts:
        print(row(f"spaCy sm, {name}", spacy_results[name]))
    gap = results["tuned"]["all_entities"]["f1"] - results["check"]["all_entities"]["f1"]
    print(f"\nall-entities F1, tuned minus check: {gap:+.3f}" + ("  (more than 3 points: the last changes fit examples)" if gap > 0.03 else ""))
    if lang:
        print(f"language: {json.dumps(lang)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
