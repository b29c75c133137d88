#!/usr/bin/env bash
# Whole-pipeline benchmark of the release binary (`make bench` runs it, then the per-stage
# micro-benchmarks). Prints a Markdown table: MB/s, articles/s, CPU seconds and peak RSS.
#
# Corpus: ../shared/corpus/make_bench.py (real articles) when present, else the in-repo
# samples cycled to the same size. BENCH_MB sets the size (default 100).
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=target/release/copydesk
SHARED=${SHARED:-../shared}
MB=${BENCH_MB:-100}
mkdir -p bench
CORPUS=bench/bench-${MB}mb.jsonl
RULES=bench/rules100.toml

if [ ! -s "$CORPUS" ]; then
  if [ -f "$SHARED/corpus/make_bench.py" ]; then
    python3 "$SHARED/corpus/make_bench.py" --mb "$MB" --out "$CORPUS"
  else
    echo "note: $SHARED/corpus not found; cycling the in-repo samples" >&2
    python3 scripts/corpus.py samples "$MB" "$CORPUS"
  fi
fi

# HTML pages alone (the HTML articles of the corpus, page only), for HTML throughput.
HTML_CORPUS=bench/bench-html.jsonl
if [ ! -s "$HTML_CORPUS" ] && [ -f "$SHARED/corpus/make_bench.py" ]; then
  python3 "$SHARED/corpus/make_bench.py" --mb 20 --with-html --out bench/bench-html-src.jsonl
  python3 scripts/corpus.py html-only bench/bench-html-src.jsonl "$HTML_CORPUS"
  rm -f bench/bench-html-src.jsonl
fi

# 100 rules: phrases over a news vocabulary, every tenth with a regex (the shape of a real
# rules file: mostly phrases, some patterns).
python3 - > "$RULES" <<'PY'
words = ["government", "minister", "election", "police", "court", "market", "bank", "energy",
         "oil", "school", "hospital", "storm", "fire", "army", "border", "trade", "tax",
         "football", "cricket", "film", "music", "health", "water", "farm", "rail"]
for i in range(100):
    a, b = words[i % len(words)], words[(i * 7 + 3) % len(words)]
    print(f'[[rule]]\ntag = "t{i}"\nany = ["{a} {i}", "{b}", "{a}s"]\nnone = ["w{i}x"]')
    if i % 10 == 0:
        print(f'all = ["re:\\\\b{a}[a-z]*\\\\b"]')
PY

BYTES=$(stat -c %s "$CORPUS")
ARTICLES=$(wc -l < "$CORPUS")
echo
echo "corpus: $CORPUS, $ARTICLES articles, $BYTES bytes; $(nproc) cores; $(date -u +%Y-%m-%d)"
echo
echo "| run | wall s | MB/s | articles/s | CPU s (user+sys) | MB per CPU-s | peak RSS MB |"
echo "|---|---|---|---|---|---|---|"
run() {
  local name=$1; shift
  local input=$CORPUS
  if [ "${1:-}" = "--input" ]; then input=$2; shift 2; fi
  local bytes n
  bytes=$(stat -c %s "$input"); n=$(wc -l < "$input")
  local best=""
  # Best of three: the machine is shared, the minimum is the least disturbed run.
  for _ in 1 2 3; do
    local t
    t=$( { /usr/bin/time -f "%e %U %S %M" "$BIN" "$@" < "$input" > /dev/null; } 2>&1 | tail -1 )
    if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN{split(a,x," ");split(b,y," ");exit !(x[1]<y[1])}'; then
      best=$t
    fi
  done
  awk -v t="$best" -v bytes="$bytes" -v n="$n" -v name="$name" 'BEGIN{
    split(t, x, " "); wall=x[1]; cpu=x[2]+x[3]; rss=x[4]/1024;
    printf "| %s | %.2f | %.1f | %.0f | %.2f | %.1f | %.0f |\n", name, wall, bytes/1e6/wall, n/wall, cpu, bytes/1e6/cpu, rss }'
}
# The same articles without their `lang` field, so that the language is detected.
NOLANG=bench/bench-${MB}mb-nolang.jsonl
if [ ! -s "$NOLANG" ]; then
  python3 scripts/corpus.py no-lang "$CORPUS" "$NOLANG"
fi

run "pass-through (--passthrough)" --passthrough
run "normalize only (--no-entities --keywords 0)" --no-entities --keywords 0
run "normalize only, language detected (no lang in the input)" --input "$NOLANG" --no-entities --keywords 0
run "normalize only, 1 worker" --no-entities --keywords 0 --workers 1
run "normalize + keywords (--no-entities)" --no-entities
run "normalize + keywords + 100 rules (--no-entities)" --no-entities --rules "$RULES"
run "normalize + entities + keywords"
run "normalize + entities + keywords + 100 rules" --rules "$RULES"
run "normalize + entities + keywords + 100 rules, 1 worker" --rules "$RULES" --workers 1
if [ -s "${HTML_CORPUS:-}" ]; then
  run "HTML pages ($(wc -l < "$HTML_CORPUS") pages): extract + normalize + entities + keywords" --input "$HTML_CORPUS"
  run "HTML pages, 1 worker" --input "$HTML_CORPUS" --workers 1
fi

# Start-up: a one-line article through the whole binary (with the entity gazetteers, and
# without), best and median of 60 runs: the mean is at the mercy of a loaded machine.
echo
python3 - "$BIN" <<'PY'
import statistics, subprocess, sys, time
for label, args in (("", []), (" --no-entities", ["--no-entities"])):
    runs = []
    for _ in range(60):
        t = time.perf_counter()
        subprocess.run([sys.argv[1], *args], input=b"A short article about the harbour.\n",
                       stdout=subprocess.DEVNULL, check=True)
        runs.append((time.perf_counter() - t) * 1000)
    print(f"start-up: `echo text | copydesk{label}` takes {min(runs):.1f} ms at best, "
          f"{statistics.median(runs):.1f} ms median (60 runs)")
PY
