#!/usr/bin/env python3
"""Screenshots of the desk's four views for README.md, made with headless Chromium.

Starts `copydesk serve` with HTTP ingest and the desk on free ports over a temporary store,
posts the sample articles (config/samples), and has Chromium (Debian's `chromium`) take a
picture of each view into docs/desk/: wire.png, search.png, article.png, overview.png.

    cargo build && python3 scripts/desk_screenshots.py [--bin target/debug/copydesk]
"""

import argparse
import base64
import json
import re
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "desk"
CONFIG = """[ui]
listen = "127.0.0.1:0"
[[source]]
type = "http"
listen = "127.0.0.1:0"
[[sink]]
type = "sqlite"
path = "store.db"
"""


class Chromium:
    """Headless Chromium driven over the DevTools protocol on a pipe (fds 3 and 4)."""

    def __init__(self, exe, profile):
        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--hide-scrollbars", "--window-size=1200,820", f"--user-data-dir={profile}",
                 "--remote-debugging-pipe"]
        self.proc = subprocess.Popen(
            ["sh", "-c", 'exec "$0" "$@" 3<&0 4>&1 </dev/null >/dev/null', exe, *flags, "about:blank"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.next, self.session = 0, None
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": 1200, "height": 820, "deviceScaleFactor": 1, "mobile": False})

    def call(self, method, params):
        self.next += 1
        msg = {"id": self.next, "method": method, "params": params}
        if self.session:
            msg["sessionId"] = self.session
        self.proc.stdin.write(json.dumps(msg).encode() + b"\0")
        self.proc.stdin.flush()
        while True:
            buf = bytearray()
            while (c := self.proc.stdout.read(1)) != b"\0":
                if not c:
                    raise SystemExit(f"chromium ended during {method}")
                buf += c
            answer = json.loads(buf)
            if answer.get("id") == self.next:
                if "error" in answer:
                    raise SystemExit(f"{method}: {answer['error']}")
                return answer["result"]

    def wait(self, expr, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            r = self.call("Runtime.evaluate", {"expression": f"!!({expr})", "returnByValue": True})
            if r["result"].get("value"):
                time.sleep(0.3)  # let the last rows paint: a picture, not a test
                return
            time.sleep(0.05)
        raise SystemExit(f"the page never showed {expr}")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.proc.kill()
        self.proc.wait()


def port(stderr, prefix):
    for line in stderr:
        if line.startswith(prefix):
            return int(re.search(r":(\d+)", line[len(prefix):].replace("http://", "")).group(1))
    raise SystemExit(f"copydesk never printed {prefix!r}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default=str(ROOT / "target" / "debug" / "copydesk"))
    ap.add_argument("--chromium", default="chromium")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "copydesk.toml"
        config.write_text(CONFIG)
        serve = subprocess.Popen([args.bin, "serve", "--config", str(config)],
                                 stderr=subprocess.PIPE, text=True)
        try:
            ingest = port(serve.stderr, "copydesk: listening on ")
            desk = port(serve.stderr, "copydesk: the desk on ")
            body = (ROOT / "config" / "samples" / "articles.jsonl").read_bytes()
            body += json.dumps({"id": "seed", "title": "Iraq's parliament elects a president",
                                "text": (ROOT / "config" / "samples" / "seed-article.txt").read_text()}).encode()
            req = urllib.request.Request(f"http://127.0.0.1:{ingest}/articles?wait=true", data=body,
                                         headers={"Content-Type": "application/x-ndjson"})
            urllib.request.urlopen(req, timeout=60).read()
            views = {
                "wire": ("#/wire", "document.querySelector('#wire li.row')"),
                "search": ("#/search?q=harbour OR election", "document.querySelector('#results li.row')"),
                "article": ("#/article/seed", "document.querySelector('#article .ent')"),
                "overview": ("#/overview?since=1h", "document.querySelector('#map path.hit')"),
            }
            with tempfile.TemporaryDirectory() as profile, Chromium(args.chromium, profile) as browser:
                for name, (hash_, ready) in views.items():
                    browser.call("Page.navigate", {"url": f"http://127.0.0.1:{desk}/{hash_}"})
                    browser.wait(ready)
                    shot = browser.call("Page.captureScreenshot", {"format": "png"})
                    (OUT / f"{name}.png").write_bytes(base64.b64decode(shot["data"]))
                    print(OUT / f"{name}.png")
        finally:
            serve.terminate()
            serve.wait(timeout=60)


main()
