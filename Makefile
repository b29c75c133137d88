# copydesk — the common commands. `make run` and `make test` do their own set-up.

CARGO ?= cargo
BIN := target/release/copydesk
SHARED ?= ../shared
BENCH_MB ?= 100

.PHONY: all build pgo-check run watch test ensure-nats ensure-chromium ensure-postgres test-unit test-doc lint fmt bench eval clean

all: build

## The release binary, optimized with the committed profile (PGO: pgo/copydesk.profdata.gz,
## made by scripts/pgo.sh; rustc reads it, nothing else is needed). `PGO=0 make build` builds
## without it (a separate build: other flags).
PGO ?= 1
PGO_DATA := target/pgo/copydesk.profdata

build: $(if $(filter 1,$(PGO)),$(PGO_DATA))
	$(if $(filter 1,$(PGO)),RUSTFLAGS="$$RUSTFLAGS -Cprofile-use=$(CURDIR)/$(PGO_DATA)") \
		$(CARGO) build --release --locked

# rustc tracks the profile file: it is replaced only when its content changes (a checkout that
# only touches the .gz must not rebuild everything).
$(PGO_DATA): pgo/copydesk.profdata.gz
	@mkdir -p $(dir $@)
	@gzip -dc $< > $@.tmp
	@if cmp -s $@.tmp $@; then rm $@.tmp; touch -r $@ $<; else mv $@.tmp $@; fi

## Whether the committed profile still applies (CI runs it): it was made with this rustc and
## Cargo.lock (the profile names functions by cargo's per-crate hashes, which depend on both),
## and this rustc reads it (a profile rustc cannot read, or whose functions it does not find,
## is only a warning, or nothing: `make build` would quietly lose the optimization).
pgo-check: $(PGO_DATA)
	@scripts/pgo-stamp.sh | diff pgo/copydesk.profdata.stamp - || { \
		echo "make: pgo/copydesk.profdata.gz was made for another rustc or Cargo.lock (above):" \
			"run scripts/pgo.sh" >&2; exit 1; }
	@echo 'fn main() {}' > target/pgo/check.rs
	@rustc -O -Cprofile-use=$(CURDIR)/$(PGO_DATA) target/pgo/check.rs -o target/pgo/check \
		2> target/pgo/check.err; status=$$?; cat target/pgo/check.err; \
		if [ $$status -ne 0 ] || [ -s target/pgo/check.err ]; then \
			echo "make: rustc cannot use $(PGO_DATA): run scripts/pgo.sh" >&2; exit 1; fi
	@echo "pgo-check: rustc reads $(PGO_DATA)"

## The main job on the embedded default: watch ./feed (created, with the sample articles copied
## in) into the SQLite store ./copydesk.db, a line per article on stderr; then search it. `--once`
## makes it end when the folder is done; `make watch` keeps watching until Ctrl-C.
run: build feed
	$(BIN) watch feed --once --echo --rules config/rules.toml --state .copydesk-state.sqlite --sink sqlite:copydesk.db
	@echo
	@echo "== $(BIN) search harbour =="
	@$(BIN) search harbour --db copydesk.db
	@echo
	@echo "== $(BIN) search --entity 'Abdul Latif Rashid' --country IQ =="
	@$(BIN) search --entity 'Abdul Latif Rashid' --country IQ --db copydesk.db
	@echo
	@echo "== $(BIN) stats =="
	@$(BIN) stats --db copydesk.db
	@echo
	@echo "== the desk: search, articles and the overview of the store in a browser =="
	@echo "$(BIN) ui --db copydesk.db    # then open http://127.0.0.1:8081/"

## Watch ./feed into ./copydesk.db until Ctrl-C (drop files into feed/ meanwhile).
watch: build feed
	$(BIN) watch feed --echo --rules config/rules.toml --state .copydesk-state.sqlite --sink sqlite:copydesk.db

feed:
	mkdir -p feed
	cp -np config/samples/* feed/

## Every test: unit, property, end-to-end (the real binary, a real nats-server, a real
## PostgreSQL) and doc tests.
test: ensure-nats ensure-chromium ensure-postgres
	@if command -v cargo-nextest >/dev/null 2>&1; then \
		$(CARGO) nextest run --workspace --all-targets --locked --no-fail-fast; \
	else \
		$(CARGO) test --workspace --all-targets --locked --no-fail-fast; \
	fi
	$(CARGO) test --workspace --doc --locked

## The NATS tests start their own nats-server (Debian's package); install it when missing.
ensure-nats:
	@command -v nats-server >/dev/null 2>&1 || { \
		echo "make: installing nats-server with apt-get (the NATS tests run a real server)"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get install -y nats-server || { $$SUDO apt-get update && $$SUDO apt-get install -y nats-server; }; \
	}

## The PostgreSQL tests start their own server (Debian's package: initdb and pg_ctl in a temp
## folder); install it when missing (when it cannot be, those tests say so and skip).
ensure-postgres:
	@ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || command -v pg_ctl >/dev/null 2>&1 || { \
		echo "make: installing postgresql with apt-get (the PostgreSQL tests run a real server)"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get install -y postgresql || { $$SUDO apt-get update && $$SUDO apt-get install -y postgresql; } || \
			echo "make: postgresql cannot be installed: the PostgreSQL tests will say they are skipped"; \
	}

## The desk's tests drive a real headless Chromium (Debian's package); install it when missing
## (when it cannot be, those tests say so and skip).
ensure-chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "make: installing chromium with apt-get (the desk's tests run a real browser)"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get install -y chromium || { $$SUDO apt-get update && $$SUDO apt-get install -y chromium; } || \
			echo "make: chromium cannot be installed: the desk's browser tests will say they are skipped"; \
	}

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings

fmt:
	$(CARGO) fmt --all

## Throughput and memory of the whole pipeline and of each stage (docs/performance.md). Each
## benchmark's table is written into docs/performance.md with the date, commit and machine
## (scripts/bench_doc.py; bench.sh calls it itself).
bench: build
	SHARED=$(SHARED) BENCH_MB=$(BENCH_MB) scripts/bench.sh
	python3 scripts/bench_watch.py --bin $(BIN) > bench/results-watch.md && cat bench/results-watch.md
	python3 scripts/bench_doc.py bench-watch bench/results-watch.md
	python3 scripts/bench_serve.py --bin $(BIN) > bench/results-serve.md && cat bench/results-serve.md
	python3 scripts/bench_doc.py bench-serve bench/results-serve.md
	$(CARGO) bench --workspace --locked

## Quality on the dev corpus (needs ../shared/corpus): entities, quotes, language; HTML
## extraction (the dev split's pages, and html-dev's 130 pages: tuned and check parts);
## duplicate detection.
eval: build
	python3 scripts/eval.py --corpus $(SHARED)/corpus
	python3 scripts/eval_html.py --articles $(SHARED)/corpus/dev/articles.jsonl
	python3 scripts/eval_html_dev.py --dir $(SHARED)/corpus/html-dev
	python3 scripts/eval_dups.py --articles $(SHARED)/corpus/dev/articles.jsonl

clean:
	$(CARGO) clean
