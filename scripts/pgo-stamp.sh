#!/usr/bin/env bash
# Prints what the PGO profile's function names depend on besides the code: rustc's version
# and the dependency lock (cargo hashes both into every crate's symbol names). scripts/pgo.sh
# stores it next to the profile; `make pgo-check` compares.
set -euo pipefail
cd "$(dirname "$0")/.."
rustc --version --verbose | grep -E '^(rustc|LLVM version)'
echo "Cargo.lock $(sha256sum Cargo.lock | cut -d' ' -f1)"
