#!/usr/bin/env bash
# Long fuzz run of the spreadsheet import: random and mutated bytes through the CSV and
# XLSX readers, random tables through the dry run and the import, mutated partnership
# documents through the JSON import (the `fuzz` tests of src-tauri/core/tests/import/fuzz.rs,
# which `make test` runs with a few cases). A failure prints the smallest input found.
#
#   scripts/fuzz-import.sh [CASES]      # default 20000 cases per target
set -euo pipefail
cd "$(dirname "$0")/.."
cases="${1:-20000}"
echo "fuzzing the import with $cases cases per target (release build)"
start=$(date +%s)
PROPTEST_CASES="$cases" cargo test --release -p partner-risk-core --test import fuzz:: -- --test-threads 2
echo "done in $(( $(date +%s) - start )) s"
