#!/usr/bin/env python3
"""Corpus files for the benchmark (scripts/bench.sh) and the PGO training (scripts/pgo.sh).
Standard library only; run from the repository's root.

    corpus.py samples MB OUT     the in-repo samples and the seed article, cycled to MB MiB
                                 (ids get a suffix ~rNNNN naming the cycle)
    corpus.py html-only IN OUT   the articles of IN that have an `html` field, page only
    corpus.py no-lang IN OUT     the articles of IN without their `lang` field (to detect it)
"""

import json
import sys


def samples(mb, out):
    items = [json.loads(l) for l in open("config/samples/articles.jsonl", encoding="utf-8")
             if l.strip()]
    items.append({"id": "seed",
                  "text": open("tests/data/seed-article.txt", encoding="utf-8").read()})
    target, written, cycle = int(float(mb) * 1024 * 1024), 0, 0
    with open(out, "wb") as f:
        while written < target:
            for it in items:
                rec = dict(it, id=f"{it['id']}~r{cycle:04d}")
                b = (json.dumps(rec, ensure_ascii=False) + "\n").encode()
                f.write(b)
                written += len(b)
                if written >= target:
                    break
            cycle += 1


def rewrite(src, out, change):
    """Each article of `src` through `change` (None drops it) into `out`."""
    with open(out, "w", encoding="utf-8") as f:
        for line in open(src, encoding="utf-8"):
            a = change(json.loads(line))
            if a is not None:
                f.write(json.dumps(a, ensure_ascii=False) + "\n")


def html_only(a):
    return {"id": a["id"], "html": a["html"]} if a.get("html") else None


def no_lang(a):
    a.pop("lang", None)
    return a


def main(argv):
    match argv:
        case ["samples", mb, out]:
            samples(mb, out)
        case ["html-only", src, out]:
            rewrite(src, out, html_only)
        case ["no-lang", src, out]:
            rewrite(src, out, no_lang)
        case _:
            sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
