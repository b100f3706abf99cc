#!/usr/bin/env bash
# Fills the demo partnership's exit plan through prisk, for the screenshots: the agreement
# (its notice deadline within 90 days), the assessment, owners, costs, a data set with too
# short a window, an asset, an alternative, and a tabletop test that failed three weeks
# ago. Gaps are left on purpose. Usage: scripts/exit-demo.sh WORKSPACE
set -euo pipefail
cd "$(dirname "$0")/.."
db=$1
p="Northwind Analytics – claims triage AI"
prisk() { target/debug/prisk --db "$db" --actor "Ada Analyst" "$@" >/dev/null; }
prisk exit start "$p"
prisk exit set "$p" --start 2024-04-01 --term-end "$(date -d '+80 days' +%F)" --renewal automatic \
  --renewal-months 12 --notice-ours 60 --notice-partner 90 --currency EUR \
  --termination-fee "15000 EUR" --substitutability medium --substitutability-reason difficult_migration \
  --reintegration difficult --discontinuing-impact high --exit-owner "Head of Claims Operations" \
  --decision-maker "COO" --success-criterion "Every claim file back and verified against the register" \
  --success-criterion "No interruption of triage beyond two working days"
prisk exit scenario set "$p" 1 --owner "Claims IT lead" --cost-low 40000 --cost-high 90000 --running 6000
prisk exit scenario set "$p" 2 --owner "Head of Claims Operations" --target-days 60 --cost-low 70000 --cost-high 150000
prisk exit data add "$p" --name "Claims triage decisions" --personal yes --disposition returned \
  --format "CSV + model audit log" --window-days 20 --paid-by partner --deletion-evidence yes
prisk exit asset add "$p" --name "Fine-tuned triage model" --kind model --disposition licence \
  --notes "Weights escrowed; licence survives termination for 24 months"
prisk exit alternative add "$p" --name "In-house rules engine" --kind in_house --readiness evaluated
prisk exit test add "$p" --date "$(date -d '-21 days' +%F)" --kind tabletop --scenario 2 \
  --operational fail --financial not-assessed \
  --finding "Nobody knew where the export key is kept; the in-house fallback needs four weeks, not one"
