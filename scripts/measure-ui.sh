#!/usr/bin/env bash
# Measures the release app on a partnership of 10,000 risks: launch to rows visible,
# keystroke in the search box to updated rows, memory of all the app's processes.
set -euo pipefail
cd "$(dirname "$0")/.."
make --no-print-directory ui
cargo build --release -p partner-risk --bin partner-risk && cargo build --release -p partner-risk-cli --bin prisk
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The demo brings the library's templates; generated risks make up the rest.
templates=$(target/release/prisk template list --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["templates"]))')
target/release/prisk --db "$work/big.prisk" demo --risks $((10000 - templates))
# The measuring client is only a WebDriver client timing in the page: its debug build,
# which the tests share, is enough and saves a second release build of the app.
cargo run --quiet --example measure_ui -- "$PWD/target/release/partner-risk" "$work/big.prisk"
