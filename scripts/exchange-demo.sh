#!/usr/bin/env bash
# Prepares an exchange for the screenshots, through prisk: our workspace (the demo
# partnership) has sent it to a colleague (Ben) and shared it with the partner (Priya at
# Northwind), whose scores and comments came back and were merged as the partner's view;
# since then both we and Ben changed the register, some of it the same fields.
# Usage: scripts/exchange-demo.sh FOLDER — writes FOLDER/ours.prisk (for the window) and
# FOLDER/ben.prisk-exchange (Ben's copy, to merge in the window) and the partner's second round
# (FOLDER/partner-round-2.prisk-exchange).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$1
p="Northwind Analytics – claims triage AI"
run() { db=$1 actor=$2; shift 2; target/debug/prisk --db "$dir/$db" --actor "$actor" "$@" >/dev/null; }
ours() { run ours.prisk "Ada Analyst" "$@"; }
ben() { run ben.prisk "Ben Brook" "$@"; }
partner() { run partner.prisk "Priya Shah" "$@"; }

ours demo
target/debug/prisk --db "$dir/ours.prisk" whoami --set "Ada Analyst" >/dev/null
target/debug/prisk --db "$dir/ben.prisk" init >/dev/null
target/debug/prisk --db "$dir/partner.prisk" init >/dev/null

# Ben gets the whole partnership; the partner gets a share of it.
ours exchange export "$p" --out "$dir/to-ben.prisk-exchange"
ben exchange merge "$dir/to-ben.prisk-exchange"
ours exchange export "$p" --for-partner --fields description,cause,consequence,tags --out "$dir/to-partner.prisk-exchange"
partner exchange merge "$dir/to-partner.prisk-exchange"

# The partner scores from their side, with reasons, and sends it back.
partner review add --partnership "$p" DPR-001 --decision rescore --residual 4,5 \
  --rationale "Our DPA template is still with legal; claims data already flows in the pilot"
partner review add --partnership "$p" TEC-001 --decision rescore --residual 1,1 \
  --rationale "We publish the API schema and version it; breaking changes come with 6 months' notice"
partner review add --partnership "$p" EXT-001 --decision rescore --residual 5,4 \
  --rationale "No exit clause in the draft MSA we received"
partner risk set --partnership "$p" FIN-001 --residual 4,4
partner exchange export "$p" --out "$dir/from-partner.prisk-exchange"
ours exchange merge "$dir/from-partner.prisk-exchange"

# Since then: we and Ben both retitle and rescore DPR-001; Ben rewrites a description,
# moves an owner and adds a risk whose reference we took meanwhile.
ours risk set --partnership "$p" DPR-001 --title "Personal data leaves the EU before a DPA is signed" --residual 3,5
ours risk add --partnership "$p" --category exit --title "Source code escrow is missing"
ben risk set --partnership "$p" DPR-001 --title "Claims data is shared before the DPA is signed" --residual 2,4 \
  --owner "Ben Brook"
ours risk set --partnership "$p" DPR-001 --owner "Privacy office"
ben risk set --partnership "$p" TEC-001 --description "The partner's claims API changes without notice; our integration breaks on every release"
ben risk add --partnership "$p" --category exit --title "Key people at the partner leave" --residual 3,3
ben exchange export "$p" --out "$dir/ben.prisk-exchange"

# The partner's second round, not merged yet: FOLDER/partner-round-2.prisk-exchange.
partner review add --partnership "$p" FIN-002 --decision rescore --residual 1,3 \
  --rationale "Our funding for the pilot is committed until 2028"
partner review add --partnership "$p" EXT-001 --decision rescore --residual 5,5 \
  --rationale "Still no exit clause; our board asked for one"
partner exchange export "$p" --out "$dir/partner-round-2.prisk-exchange"
