#!/usr/bin/env bash
# Times one indicator's chart in the real window: a partnership whose availability has ten
# years of daily readings (3,650) and whose incidents have twelve monthly ones; the tour
# clicks one then the other and prints, from the page's clock, the click to the chart drawn
# and the longest frame meanwhile. Debug build (the chart is drawn by the page; the Rust
# side's read is in the health bench).
set -euo pipefail
cd "$(dirname "$0")/.."
export WEBKIT_DISABLE_COMPOSITING_MODE=0
make --no-print-directory ui
cargo build -p partner-risk --bin partner-risk && cargo build -p partner-risk-cli --bin prisk
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prisk() { target/debug/prisk --db "$work/ten.prisk" "$@" >/dev/null; }
prisk init
prisk partnership add --name "Ten years"
prisk whoami --set "Ada Analyst"
prisk indicator add "Ten years" --from availability
prisk indicator add "Ten years" --from incidents
python3 - "$work/readings.csv" <<'PY'
import csv, datetime, random, sys
random.seed(10)
today = datetime.date.today()
with open(sys.argv[1], "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["indicator", "date", "value"])
    for n in range(3649, -1, -1):
        w.writerow(["Availability", (today - datetime.timedelta(days=n)).isoformat(), f"{99.2 + 0.8 * random.random():.2f}"])
    for m in range(12):
        w.writerow(["Incidents", (today - datetime.timedelta(days=30 * m)).isoformat(), random.choice([0, 0, 1, 2, 4])])
PY
prisk reading import "$work/readings.csv" --partnership "Ten years"
cargo run --quiet --example screenshots -- "$PWD/target/debug/partner-risk" "$work/ten.prisk" "$work" health-timing
