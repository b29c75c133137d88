# copydesk — the common commands. `make run` and `make test` do their own set-up.

CARGO ?= cargo
BIN := target/release/copydesk
SHARED ?= ../shared
BENCH_MB ?= 100

.PHONY: all build run test test-unit test-doc lint fmt bench eval clean

all: build

build:
	$(CARGO) build --release --locked

## Pipe the sample articles in config/ through copydesk and show the records.
run: build
	@echo "== config/samples/seed-article.txt (plain text) =="
	$(BIN) --stats < config/samples/seed-article.txt
	@echo
	@echo "== config/samples/articles.jsonl (NDJSON, one HTML page inside) with config/rules.toml =="
	$(BIN) --stats --rules config/rules.toml < config/samples/articles.jsonl

## Every test: unit, property, end-to-end (the real binary) and doc tests.
test:
	@if command -v cargo-nextest >/dev/null 2>&1; then \
		$(CARGO) nextest run --workspace --all-targets --locked --no-fail-fast; \
	else \
		$(CARGO) test --workspace --all-targets --locked --no-fail-fast; \
	fi
	$(CARGO) test --workspace --doc --locked

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings

fmt:
	$(CARGO) fmt --all

## Throughput and memory of the whole pipeline and of each stage (see README, "Performance").
bench: build
	SHARED=$(SHARED) BENCH_MB=$(BENCH_MB) scripts/bench.sh
	python3 scripts/bench_watch.py --bin $(BIN)
	$(CARGO) bench --workspace --locked

## Quality on the dev corpus (needs ../shared/corpus): entities, quotes, language; HTML
## extraction; duplicate detection.
eval: build
	python3 scripts/eval.py --corpus $(SHARED)/corpus
	python3 scripts/eval_html.py --articles $(SHARED)/corpus/dev/articles.jsonl
	python3 scripts/eval_dups.py --articles $(SHARED)/corpus/dev/articles.jsonl

clean:
	$(CARGO) clean
