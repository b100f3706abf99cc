#!/usr/bin/env bash
# Launches the real app under Xvfb on a fresh demo workspace and saves screenshots of the
# main screens into docs/screenshots/ (the README shows them).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/screenshots}
# WebKitWebDriver's screenshot command hangs when the window paints without GL
# compositing, its default on a machine without a GPU (NOTES.md).
export WEBKIT_DISABLE_COMPOSITING_MODE=0
make --no-print-directory ui
cargo build -p partner-risk --bin partner-risk && cargo build -p partner-risk-cli --bin prisk
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target/debug/prisk --db "$work/demo.prisk" demo >/dev/null
target/debug/prisk --db "$work/demo.prisk" whoami --set "Ada Analyst" >/dev/null
cargo run --quiet --example screenshots -- "$PWD/target/debug/partner-risk" "$work/demo.prisk" "$out"

# The analyst's review: a second partnership and a few reviews, one of them outdated since.
prisk() { target/debug/prisk --db "$work/review.prisk" --actor "Ada Analyst" "$@" >/dev/null; }
prisk demo
target/debug/prisk --db "$work/review.prisk" whoami --set "Ada Analyst" >/dev/null
p="Northwind Analytics – claims triage AI"
prisk partnership add --name "Helios Cloud – EU hosting" --partner "Helios Cloud GmbH" --templates all --stage limited_launch
prisk review add --partnership "$p" DPR-001 --decision rescore --residual 2,4 --rationale "DPA signed; transfer impact assessment done"
prisk review add --partnership "$p" DPR-002 --decision no-change
prisk review add --partnership "$p" DPR-003 --decision mitigate --action-title "Pass erasure requests on within 72 hours" --action-owner "Privacy office" --rationale "No process with the partner yet"
prisk review add --partnership "$p" FIN-001 --decision accept --approver "CFO" --expiry "$(date -d '+20 days' +%F)" --rationale "Capped by the pilot budget"
prisk risk set --partnership "$p" DPR-002 --residual 3,4
cargo run --quiet --example screenshots -- "$PWD/target/debug/partner-risk" "$work/review.prisk" "$out" review

# Partnership health: indicators with a year of readings, one red, one amber, one stale.
target/debug/prisk --db "$work/health.prisk" demo >/dev/null
target/debug/prisk --db "$work/health.prisk" whoami --set "Ada Analyst" >/dev/null
scripts/health-demo.sh "$work/health.prisk"
cargo run --quiet --example screenshots -- "$PWD/target/debug/partner-risk" "$work/health.prisk" "$out" health

# Exit plans: the demo partnership's plan with gaps and a failed tabletop test.
target/debug/prisk --db "$work/exit.prisk" demo >/dev/null
target/debug/prisk --db "$work/exit.prisk" whoami --set "Ada Analyst" >/dev/null
scripts/exit-demo.sh "$work/exit.prisk"
cargo run --quiet --example screenshots -- "$PWD/target/debug/partner-risk" "$work/exit.prisk" "$out" exit

# Voting from phones: a running workshop with five voters and one vote already cast.
prisk() { target/debug/prisk --db "$work/phones.prisk" --actor "Fran Okafor" "$@" >/dev/null; }
prisk demo
target/debug/prisk --db "$work/phones.prisk" whoami --set "Fran Okafor" >/dev/null
w="Pilot go/no-go risk workshop"
prisk workshop create --partnership "$p" --title "$w" --facilitator "Fran Okafor" --place "Room 4.12"
for name in "Amira Haddad" "Kwame Mensah" "Tomás Herrera" "Lena Vogel" "Sofia Marin"; do
  prisk workshop participant add "$w" --name "$name"
done
prisk workshop agenda add "$w" DPR-001,DPR-003,EXT-001
prisk workshop start "$w"
prisk workshop vote "$w" DPR-001 --participant "Kwame Mensah" --score 3,4
cargo run --quiet --example screenshots -- "$PWD/target/debug/partner-risk" "$work/phones.prisk" "$out" phones

# Import…: a messy CSV (examples/fixtures/messy-register.csv) into the demo partnership.
# The native open dialog is answered with xdotool (apt-get install xdotool).
target/debug/prisk --db "$work/import.prisk" demo >/dev/null
target/debug/prisk --db "$work/import.prisk" whoami --set "Ada Analyst" >/dev/null
cargo run --quiet --example screenshots -- "$PWD/target/debug/partner-risk" "$work/import.prisk" "$out" import

# A damaged workspace: the window offers the newest good backup (a page of the file is
# zeroed after a backup was taken).
target/debug/prisk --db "$work/damaged.prisk" demo >/dev/null
target/debug/prisk --db "$work/damaged.prisk" backup create >/dev/null
python3 - "$work/damaged.prisk" <<'PY'
import sys
path = sys.argv[1]
with open(path, "r+b") as f:
    f.seek(16384 * 3)
    f.write(b"\0" * 16384)
PY
cargo run --quiet --example screenshots -- "$PWD/target/debug/partner-risk" "$work/damaged.prisk" "$out" damaged

# Exchange: Ben's copy of the demo partnership merged in the window (the native open dialog
# answered with xdotool), and Where we disagree with the partner's view merged before.
mkdir "$work/exchange"
scripts/exchange-demo.sh "$work/exchange"
cargo run --quiet --example screenshots -- "$PWD/target/debug/partner-risk" "$work/exchange/ours.prisk" "$out" exchange
