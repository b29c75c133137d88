#!/usr/bin/env bash
# Regenerates the profile that `make build` optimizes the release binary with (profile-guided
# optimization, PGO): builds an instrumented binary, runs it over a training corpus the way
# users run copydesk, and merges what it recorded into pgo/copydesk.profdata.gz (committed).
#
#     scripts/pgo.sh            # then: make build && make bench
#
# Run it after changing hot code: functions whose code changed since the profile was made are
# compiled without profile (correct, only slower; rustc warns "hash mismatch"); the rest still
# use it. Run it after changing the toolchain or Cargo.lock too: the profile names functions
# with cargo's per-crate hashes, which depend on both, and a function it does not find gets
# no warning (`make pgo-check` compares pgo/copydesk.profdata.stamp). `PGO=0 make build`
# builds without the profile.
#
# Training corpus: the dev split's 102 articles (../shared/corpus/make_bench.py --no-lee),
# cycled to 16 MiB, and their HTML pages; the bench corpus's other 260 articles (gensim's
# lee_background) are never seen in training. Without ../shared, the in-repo samples cycled. Runs: the
# default pipeline, with the repo's rules, with the language to detect, without entities,
# pass-through, HTML pages, the SQLite sink, and `watch --once` + `search` + `stats` as `make
# run` does. Needs llvm-profdata of rustc's LLVM major (Debian's llvm-22 for rustc 1.95),
# installed with apt-get when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

SHARED=${SHARED:-../shared}
LLVM_MAJOR=$(rustc --version --verbose | sed -n 's/^LLVM version: \([0-9]*\).*/\1/p')
[ -n "$LLVM_MAJOR" ] || { echo "pgo: cannot read rustc's LLVM version (rustc -vV)" >&2; exit 1; }
PROFDATA=$(command -v "llvm-profdata-$LLVM_MAJOR" || true)
if [ -z "$PROFDATA" ]; then
  echo "pgo: installing llvm-$LLVM_MAJOR with apt-get (for llvm-profdata-$LLVM_MAJOR)" >&2
  SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
  $SUDO apt-get install -y --no-install-recommends "llvm-$LLVM_MAJOR" \
    || { $SUDO apt-get update && $SUDO apt-get install -y --no-install-recommends "llvm-$LLVM_MAJOR"; }
  PROFDATA=$(command -v "llvm-profdata-$LLVM_MAJOR")
fi

WORK=$PWD/target/pgo-gen
RAW=$WORK/raw
rm -rf "$RAW" "$WORK/run" "$WORK/build-profiles"
mkdir -p "$RAW" "$WORK/run"

# The instrumented build has its own target directory (other flags: it would evict the
# release build). Build scripts and proc macros are instrumented too and write profiles while
# cargo runs them: only the training runs' profiles (LLVM_PROFILE_FILE below) are merged.
CARGO_TARGET_DIR=$WORK/target RUSTFLAGS="${RUSTFLAGS:-} -Cprofile-generate=$WORK/build-profiles" \
  cargo build --release --locked -p copydesk
BIN=$WORK/target/release/copydesk

TRAIN=$WORK/run/train.jsonl
HTML=$WORK/run/html.jsonl
if [ -f "$SHARED/corpus/make_bench.py" ]; then
  python3 "$SHARED/corpus/make_bench.py" --no-lee --mb 16 --out "$TRAIN"
  python3 "$SHARED/corpus/make_bench.py" --no-lee --mb 8 --with-html --out "$WORK/run/with-html.jsonl"
else
  echo "pgo: $SHARED/corpus not found; training on the in-repo samples" >&2
  python3 scripts/corpus.py samples 8 "$TRAIN"
  cp "$TRAIN" "$WORK/run/with-html.jsonl"
fi
R=$WORK/run
head -n $(($(wc -l < "$TRAIN") / 4)) "$TRAIN" > "$R/head.jsonl"
python3 scripts/corpus.py no-lang "$R/head.jsonl" "$R/nolang.jsonl"
python3 scripts/corpus.py html-only "$R/with-html.jsonl" "$HTML"

export LLVM_PROFILE_FILE=$RAW/copydesk-%p-%m.profraw
"$BIN" < "$TRAIN" > /dev/null
"$BIN" --rules config/rules.toml < "$R/head.jsonl" > /dev/null
"$BIN" < "$R/nolang.jsonl" > /dev/null
"$BIN" --no-entities < "$R/head.jsonl" > /dev/null
"$BIN" --passthrough < "$R/head.jsonl" > /dev/null
if [ -s "$HTML" ]; then "$BIN" < "$HTML" > /dev/null; fi
"$BIN" --sink "sqlite:$R/store.db" < "$R/head.jsonl"
mkdir -p "$R/feed"
cp config/samples/* "$R/feed/"
head -n 200 "$R/head.jsonl" > "$R/feed/more.jsonl"
"$BIN" watch "$R/feed" --once --rules config/rules.toml --state "$R/state.sqlite" \
  --sink "sqlite:$R/watch.db" 2> "$R/watch.err" || { cat "$R/watch.err" >&2; exit 1; }
"$BIN" search harbour --db "$R/watch.db" > /dev/null
"$BIN" search --entity 'Abdul Latif Rashid' --country IQ --db "$R/watch.db" > /dev/null
"$BIN" stats --db "$R/watch.db" > /dev/null

mkdir -p pgo
# Sparse: functions that never ran are left out (they are optimized as without a profile).
"$PROFDATA" merge --sparse -o "$WORK/copydesk.profdata" "$RAW"/*.profraw
gzip -9n < "$WORK/copydesk.profdata" > pgo/copydesk.profdata.gz
# What the profile's function names depend on besides the code (cargo's per-crate hashes):
# `make pgo-check` fails when these differ from the checkout's.
scripts/pgo-stamp.sh > pgo/copydesk.profdata.stamp
"$PROFDATA" show "$WORK/copydesk.profdata" | tail -n 5
ls -l pgo/copydesk.profdata.gz
