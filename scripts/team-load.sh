#!/usr/bin/env bash
# Load of the team register (issue 26), not a test: WORKSPACES workspaces (default 50) make
# EDITS edits each (default 100), syncing every BATCH edits (default 10), all at once,
# through two `prisk team serve` processes on loopback against one private PostgreSQL
# cluster. Workspace i edits risk i of the demo (its title), so that nothing conflicts and
# the end state is known. Reports p50 / p99 / max sync time, syncs and records per second,
# and checks exactly once: every batch's last title is in the log once, by its author, and
# after a final round every workspace and the server's current copy hold the same titles.
#
# Usage: scripts/team-load.sh [PRISK]   (default target/release/prisk, else target/debug/prisk)
# Environment: WORKSPACES, EDITS, BATCH, PG_BIN (PostgreSQL's server binaries), TEAM_LOAD_DIR
# (where the cluster and the workspaces go; default /dev/shm).
set -euo pipefail
cd "$(dirname "$0")/.."
prisk=${1:-}
if [ -z "$prisk" ]; then
  if [ -x target/release/prisk ]; then prisk=$PWD/target/release/prisk; else prisk=$PWD/target/debug/prisk; fi
fi
workspaces=${WORKSPACES:-50}
edits=${EDITS:-100}
batch=${BATCH:-10}
demo="Northwind Analytics – claims triage AI"
pg_bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}

# In memory where there is room: 50 demo workspaces with their rolling backups (a sync that
# changes a workspace takes the session backup when one is due).
work=$(mktemp -d "${TEAM_LOAD_DIR:-$( [ -d /dev/shm ] && echo /dev/shm || echo /tmp)}/prisk-team-load.XXXXXX")
export PARTNER_RISK_CONFIG_DIR=$work/config PARTNER_RISK_LOG_DIR=$work/log
as_pg=()
if [ "$(id -u)" = 0 ]; then chown postgres: "$work"; as_pg=(runuser -u postgres --); fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

"${as_pg[@]}" "$pg_bin/initdb" -D "$work/data" -A trust -U postgres -E UTF8 --no-sync >/dev/null
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/data" -l "$work/data/server.log" -w \
  -o "-k $work -c listen_addresses=127.0.0.1 -p $port -c max_connections=200" start >/dev/null
psql -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "CREATE DATABASE team"
export PARTNER_RISK_TEAM_DATABASE=postgres://postgres@127.0.0.1:$port/team
sql() { psql -X -q -A -t -h 127.0.0.1 -p "$port" -U postgres -d team -c "$1"; }

mkdir -p "$work/ws" "$work/times"
for s in 1 2; do
  "$prisk" team serve --bind 127.0.0.1 --port 0 --pool 24 >"$work/server$s.out" 2>"$work/server$s.err" &
  pids+=($!)
done
for s in 1 2; do
  until [ -s "$work/server$s.out" ]; do sleep 0.1; done
done
urls=("$(head -1 "$work/server1.out")" "$(head -1 "$work/server2.out")")
echo "servers: ${urls[*]}; prisk: $prisk"

# Workspace 0 brings the demo; every workspace joins (half through each server) and pulls it.
for i in $(seq 0 $((workspaces - 1))); do
  token=$("$prisk" team user add "w$i" --role editor 2>/dev/null)
  "$prisk" --db "$work/ws/w$i.prisk" --actor "w$i" init >/dev/null
  "$prisk" --db "$work/ws/w$i.prisk" --actor "w$i" team join "${urls[$((i % 2))]}" --token "$token" >/dev/null
done
"$prisk" --db "$work/ws/w0.prisk" --actor w0 demo >/dev/null
"$prisk" --db "$work/ws/w0.prisk" --actor w0 team sync >/dev/null
jobs=()
for i in $(seq 1 $((workspaces - 1))); do
  "$prisk" --db "$work/ws/w$i.prisk" --actor "w$i" team sync >/dev/null &
  jobs+=($!)
  if (( i % 8 == 0 )); then wait "${jobs[@]}"; jobs=(); fi
done
if (( ${#jobs[@]} )); then wait "${jobs[@]}"; fi
mapfile -t refs < <("$prisk" --db "$work/ws/w0.prisk" risk list --partnership "$demo" --json |
  python3 -c 'import json,sys; print("\n".join(r["reference"] for r in json.load(sys.stdin)))')
if (( ${#refs[@]} < workspaces )); then echo "the demo has ${#refs[@]} risks: at most that many workspaces" >&2; exit 2; fi
entries_before=$(sql "SELECT count(*) FROM log")

one_workspace() {
  local i=$1 ref=${refs[$1]} db=$work/ws/w$1.prisk n t0 t1
  for n in $(seq 1 "$edits"); do
    "$prisk" --db "$db" --actor "w$i" risk set --partnership "$demo" "$ref" --title "w$i edit $n" >/dev/null
    if (( n % batch == 0 )); then
      t0=$(date +%s%N)
      until "$prisk" --db "$db" --actor "w$i" team sync >/dev/null 2>>"$work/times/w$i.err"; do sleep 0.2; done
      t1=$(date +%s%N)
      echo $(( (t1 - t0) / 1000000 )) >>"$work/times/w$i.ms"
    fi
  done
}
start=$(date +%s%N)
jobs=()
for i in $(seq 0 $((workspaces - 1))); do one_workspace "$i" & jobs+=($!); done
wait "${jobs[@]}"
end=$(date +%s%N)
# A final round so that every workspace has everyone's last edit.
for round in 1 2; do
  for i in $(seq 0 $((workspaces - 1))); do "$prisk" --db "$work/ws/w$i.prisk" --actor "w$i" team sync >/dev/null; done
done

entries=$(( $(sql "SELECT count(*) FROM log") - entries_before ))
cat "$work"/times/*.ms | sort -n >"$work/all.ms"
python3 - "$work/all.ms" "$(( (end - start) / 1000000 ))" "$entries" <<'EOF'
import sys
times = [int(x) for x in open(sys.argv[1]) if x.strip()]
wall, entries = int(sys.argv[2]) / 1000, int(sys.argv[3])
q = lambda p: times[min(len(times) - 1, int(p * len(times)))]
print(f"syncs: {len(times)} in {wall:.1f} s wall ({len(times) / wall:.1f} syncs/s); log entries written: {entries} ({entries / wall:.1f}/s)")
print(f"sync time: p50 {q(0.5)} ms, p99 {q(0.99)} ms, max {times[-1]} ms")
EOF
retries=$(cat "$work"/times/*.err 2>/dev/null | grep -c . || true)
echo "syncs that failed and were retried: $retries"

# Exactly once: the title of each batch's last edit is in the log once, written by its author.
problems=0
for i in $(seq 0 $((workspaces - 1))); do
  for n in $(seq "$batch" "$batch" "$edits"); do
    c=$(sql "SELECT count(*) FROM log, jsonb_array_elements(changes) c WHERE author = 'w$i' AND c->>'table' = 'risks' AND c->'row'->>'title' = 'w$i edit $n'")
    if [ "$c" != 1 ]; then echo "w$i edit $n: $c times in the log" >&2; problems=$((problems + 1)); fi
  done
done
dups=$(sql "SELECT count(*) - count(DISTINCT change_id) FROM log")
server=$(sql "SELECT string_agg(reference || '=' || title, ',' ORDER BY reference) FROM risks")
for i in $(seq 0 $((workspaces - 1))); do
  mine=$("$prisk" --db "$work/ws/w$i.prisk" risk list --partnership "$demo" --json |
    python3 -c 'import json,sys; print(",".join(r["reference"] + "=" + r["title"] for r in sorted(json.load(sys.stdin), key=lambda r: r["reference"])))')
  if [ "$mine" != "$server" ]; then echo "w$i differs from the server's copy" >&2; problems=$((problems + 1)); fi
done
echo "exactly once: $((workspaces * edits / batch)) batches checked, duplicate change ids $dups, problems $problems"

# The server's own cost, one client, no workspace: per push and per record; and the space a
# record takes in PostgreSQL (log, current copy, versions, indexes).
sql "SELECT row FROM risks LIMIT 1" >"$work/row.json"
bench=$("$prisk" team user add bench --role editor 2>/dev/null)
python3 scripts/team_push_cost.py "${urls[0]}" "$bench" bench "$work/row.json"
sql "SELECT 'database: ' || pg_size_pretty(pg_database_size('team')) || ' for ' || (SELECT count(*) FROM risks) || ' risks in the current copy and ' || (SELECT coalesce(sum(jsonb_array_length(changes)), 0) FROM log) || ' records in the log'"
[ "$problems" = 0 ] && [ "$dups" = 0 ]
