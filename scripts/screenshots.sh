#!/usr/bin/env bash
# Launches the real app under Xvfb on a fresh demo workspace and saves screenshots of the
# main screens into docs/screenshots/ (the README shows them).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/screenshots}
make --no-print-directory ui
cargo build -p partner-risk --bin partner-risk && cargo build -p partner-risk-cli --bin prisk
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target/debug/prisk --db "$work/demo.prisk" demo >/dev/null
cargo run --quiet --example screenshots -- "$PWD/target/debug/partner-risk" "$work/demo.prisk" "$out"
