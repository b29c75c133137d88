#!/usr/bin/env python3
"""Measure copydesk's duplicate detection on a generated set.

Originals: the texts of ARTICLES (default: the dev split). For each original, re-published
variants are generated: an exact copy under another id, a changed headline, ASCII quotes and
doubled spaces, boilerplate added (a byline, "Advertisement", "Read more: ..."), the last
paragraph (or, for one-paragraph texts, the last sentence) trimmed, and trimmed + boilerplate.
All originals are fed first, then the variants in a fixed shuffled order. A variant should point
to its original; an original to nothing.

    python3 scripts/eval_dups.py [--bin target/release/copydesk] [--articles PATH] [-- flags...]

With --real PATH (JSONL with `id` and `text`, e.g. gensim's lee_background.cor turned into
JSONL), real pairs are scored instead: the reference is the exact word-3-shingle overlap of
every pair (a duplicate when Jaccard >= 0.5 or the shorter is >= 80 % contained in the longer).
"""
import argparse
import json
import random
import re
import sys

from copydesk_run import run_copydesk


def variants(text, title):
    paras = [p for p in text.split("\n") if p.strip()]
    if len(paras) >= 3:
        trimmed = "\n".join(paras[:-1])
    else:
        sents = re.split(r"(?<=[.!?])\s+", text.strip())
        trimmed = " ".join(sents[:-1]) if len(sents) > 2 else None
    boiler = "By Staff Reporter\n" + text + "\nAdvertisement\nRead more: Other stories from the region"
    out = {
        "copy": (text, title),
        "headline": (text, (title or "") + " (updated)"),
        "style": (text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'").replace(" ", "  "), title),
        "boilerplate": (boiler, title),
    }
    if trimmed:
        out["trimmed"] = (trimmed, title)
        out["trimmed+boilerplate"] = ("By Staff Reporter\n" + trimmed + "\nAdvertisement", title)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default="target/release/copydesk")
    ap.add_argument("--articles", default="../shared/corpus/dev/articles.jsonl")
    ap.add_argument("--real", help="score real pairs in this JSONL file instead")
    ap.add_argument("flags", nargs="*")
    a = ap.parse_args()
    if a.real:
        return real_pairs(a)
    items = [json.loads(l) for l in open(a.articles, encoding="utf-8") if l.strip()]
    lines, expect = [], {}
    for i, it in enumerate(items):
        oid = f"o{i}"
        lines.append({"id": oid, "title": it.get("title"), "text": it["text"]})
        expect[oid] = None
    var = []
    for i, it in enumerate(items):
        for kind, (text, title) in variants(it["text"], it.get("title")).items():
            vid = f"v{i}-{kind}"
            var.append({"id": vid, "title": title, "text": text})
            expect[vid] = f"o{i}"
    random.Random(7).shuffle(var)
    records = run_copydesk(a.bin, lines + var, "--keywords", "0", *a.flags)
    got = {r["id"]: r["duplicate_of"] for r in records}
    flagged = [k for k, v in got.items() if v is not None]
    # Correct: pointing to the original, or to another variant of the same story (which
    # became the first of its story when it was not matched to the original).
    family = lambda k: k[1:].split("-")[0]
    correct = [k for k in flagged if expect[k] is not None and family(got[k]) == family(k)]
    should = [k for k, v in expect.items() if v is not None]
    p = len(correct) / max(1, len(flagged))
    r = len(correct) / max(1, len(should))
    print(f"{len(items)} originals, {len(should)} variants: precision {p:.3f}, recall {r:.3f}")
    per = {}
    for k in should:
        kind = k.split("-", 1)[1]
        ok = k in correct
        a_, n_ = per.get(kind, (0, 0))
        per[kind] = (a_ + ok, n_ + 1)
    to_original = sum(1 for k in should if got.get(k) == expect[k])
    print(f"  pointing to the original itself: {to_original}/{len(should)}")
    for kind, (ok, n) in sorted(per.items()):
        print(f"  {kind}: {ok}/{n}")
    wrong = [k for k in flagged if k not in correct]
    for k in wrong[:10]:
        print(f"  false: {k} -> {got[k]} (expected {expect[k]})")
    return 0


def shingles(text):
    w = re.findall(r"\w+", text.lower())
    return {tuple(w[i:i + 3]) for i in range(len(w) - 2)}


def real_pairs(a):
    items = [json.loads(l) for l in open(a.real, encoding="utf-8") if l.strip()]
    recs = run_copydesk(a.bin, [{"id": i["id"], "text": i["text"]} for i in items], "--keywords", "0", *a.flags)
    order = {r["id"]: k for k, r in enumerate(recs)}
    sets = [(r["id"], shingles(r["text"])) for r in recs]
    truth = set()
    for i in range(len(sets)):
        for j in range(i + 1, len(sets)):
            x, y = sets[i][1], sets[j][1]
            if not x or not y:
                continue
            inter = len(x & y)
            if inter / len(x | y) >= 0.5 or inter / min(len(x), len(y)) >= 0.8:
                truth.add((sets[i][0], sets[j][0]))
    flagged = {(r["duplicate_of"], r["id"]) for r in recs if r["duplicate_of"]}
    flagged = {tuple(sorted(p, key=order.get)) for p in flagged}
    # A later copy pointing to the first of a group counts for every pair in the group.
    tp = len(flagged & truth)
    p = tp / max(1, len(flagged))
    groups = {}
    for x, y in truth:
        groups.setdefault(y, set()).add(x)
    found = sum(1 for y in groups if any(r["id"] == y and r["duplicate_of"] for r in recs))
    print(f"{len(recs)} articles, {len(truth)} true pairs, {len(flagged)} flagged: "
          f"precision {p:.3f}, recall (later article flagged) {found}/{len(groups)}")
    for x, y in sorted(truth - flagged):
        print(f"  missed: {x} ~ {y}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
