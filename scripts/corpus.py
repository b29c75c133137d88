#!/usr/bin/env python3
"""Corpus files for the benchmark (scripts/bench.sh) and the PGO training (scripts/pgo.sh).
Standard library only; run from the repository's root.

    corpus.py samples MB OUT     the in-repo samples and the seed article, cycled to MB MiB
                                 (ids get a suffix ~rNNNN naming the cycle)
    corpus.py html-only IN OUT   the articles of IN that have an `html` field, page only
    corpus.py no-lang IN OUT     the articles of IN without their `lang` field (to detect it)
    corpus.py warc IN OUT        the `html` pages of IN as a WARC 1.0 archive: per page a
                                 request record and a response record, as crawlers write them
    corpus.py rss IN OUT MB      the articles of IN as one RSS 2.0 feed of at most MB MiB
                                 (title, link, guid, pubDate, dc:creator, content:encoded)

`warc` and `rss` write the number of articles into OUT.count.
"""

import html
import json
import sys
import uuid


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


def warc_record(kind, uri, n, content_type, block):
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\n"
            f"WARC-Record-ID: <urn:uuid:{uuid.UUID(int=n)}>\r\n"
            f"WARC-Date: 2026-12-06T10:00:00Z\r\nWARC-Target-URI: {uri}\r\n"
            f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n")
    return head.encode() + block + b"\r\n\r\n"


def warc(src, out):
    n = 0
    with open(out, "wb") as f:
        for line in open(src, encoding="utf-8"):
            a = json.loads(line)
            if not a.get("html"):
                continue
            uri = f"https://news.example/{n}/{a['id']}"
            path = uri.split("/", 3)[3]
            req = f"GET /{path} HTTP/1.1\r\nHost: news.example\r\n\r\n".encode()
            page = a["html"].encode("utf-8")
            resp = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                    + f"Content-Length: {len(page)}\r\n\r\n".encode() + page)
            f.write(warc_record("request", uri, 2 * n, "application/http;msgtype=request", req))
            f.write(warc_record("response", uri, 2 * n + 1, "application/http;msgtype=response",
                                resp))
            n += 1
    open(out + ".count", "w").write(f"{n}\n")


def rss(src, out, mb):
    limit = int(float(mb) * 1024 * 1024)
    head = ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/">\n<channel>\n'
            '<title>Bench feed</title><link>https://news.example/</link>\n')
    tail = "</channel>\n</rss>\n"
    n, size = 0, len(head) + len(tail)
    with open(out, "w", encoding="utf-8") as f:
        f.write(head)
        for line in open(src, encoding="utf-8"):
            a = json.loads(line)
            text = a.get("text") or ""
            if not text.strip():
                continue
            paras = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())
            e = html.escape
            item = (f"<item><title>{e(a.get('title') or '')}</title>"
                    f"<link>https://news.example/{n}</link><guid>{e(str(a['id']))}</guid>"
                    f"<pubDate>Sat, 06 Dec 2026 10:00:00 GMT</pubDate>"
                    f"<dc:creator>{e(a.get('author') or 'Staff')}</dc:creator>"
                    f"<content:encoded>{e(paras)}</content:encoded></item>\n")
            if size + len(item.encode()) > limit:
                break
            f.write(item)
            size += len(item.encode())
            n += 1
        f.write(tail)
    open(out + ".count", "w").write(f"{n}\n")


def main(argv):
    match argv:
        case ["samples", mb, out]:
            samples(mb, out)
        case ["html-only", src, out]:
            rewrite(src, out, html_only)
        case ["no-lang", src, out]:
            rewrite(src, out, no_lang)
        case ["warc", src, out]:
            warc(src, out)
        case ["rss", src, out, mb]:
            rss(src, out, mb)
        case _:
            sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
