#!/usr/bin/env bash
# The crash harness: kills `prisk` with SIGKILL at random moments and checks, after each
# kill, that the workspace is whole (`PRAGMA integrity_check`), that every edit prisk
# acknowledged (exit 0) is still there, and that a killed batch left all or nothing.
#
#   scripts/crash-harness.sh [TRIALS]     default 20 (under a minute; `make test` runs it)
#   scripts/crash-harness.sh 500          the long run
#   PRISK=target/release/prisk scripts/crash-harness.sh 100
#   KEEP=1 scripts/crash-harness.sh       keeps the temporary workspace to look at
#
# Each trial is one of, in turn: (a) a few acknowledged `risk add` / `risk set` edits, then
# one more killed while it runs; (b) `prisk demo --risks 3000` (one transaction) killed
# mid-way: the risk count must be the one before or before + the whole batch; (c) `prisk
# backup create` killed mid-way: every backup that `backup list` shows must be whole.
# Prints each trial and a summary; exits 1 on any loss or damage.
set -uo pipefail
cd "$(dirname "$0")/.."

trials=${1:-20}
prisk=${PRISK:-target/debug/prisk}
[ -x "$prisk" ] || { echo "crash-harness: no $prisk (build it: cargo build -p partner-risk-cli)" >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "crash-harness: sqlite3 is needed (scripts/install-deps.sh --test)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "crash-harness: python3 is needed (scripts/install-deps.sh --test)" >&2; exit 2; }

work=$(mktemp -d)
trap 'if [ -n "${KEEP:-}" ]; then echo "kept $work"; else rm -rf "$work"; fi' EXIT
db=$work/workspace.prisk
# Keep the harness's commands out of the user's own log.
export PARTNER_RISK_LOG_DIR=$work/logs
expect=$work/expected.tsv # ref, field, value, acked|maybe: what the register must show
: >"$expect"

p() { "$prisk" --db "$db" --actor crash-harness "$@"; }

kills=0 finished=0 losses=0 acked=0 leftovers=0

fail() {
  echo "  LOSS: $*"
  losses=$((losses + 1))
}

# Milliseconds since the epoch.
now_ms() { date +%s%3N; }

# Starts `prisk "$@"` in the background and kills it with SIGKILL after a random 0..$1 ms;
# sets `outcome` to "killed after N ms" (it was running) or its exit status.
kill_during() {
  local window=$1
  shift
  # prisk itself in the background (not a shell function, whose subshell would take the kill).
  "$prisk" --db "$db" --actor crash-harness "$@" >"$work/victim.out" 2>&1 &
  local pid=$!
  at=$((RANDOM % (window + 1)))
  sleep "$(printf '%d.%03d' $((at / 1000)) $((at % 1000)))"
  kill -9 "$pid" 2>/dev/null
  # (bash's own "Killed" notice would clutter the output)
  { wait "$pid"; } 2>/dev/null
  local status=$?
  if [ "$status" -eq 137 ]; then
    outcome="killed after ${at} ms"
    kills=$((kills + 1))
  else
    outcome=$status
    finished=$((finished + 1))
  fi
}

integrity() {
  local file=$1 result
  result=$(sqlite3 "$file" 'PRAGMA integrity_check;' 2>&1)
  [ "$result" = "ok" ] || fail "integrity_check of $(basename "$file"): $result"
}

# Every acknowledged add is there with its title; every field holds its last acknowledged
# value or the value of a later killed edit (which may or may not have committed).
check_edits() {
  local out
  p risk list --partnership "$partnership" --json >"$work/risks.json" 2>"$work/list.err" ||
    { fail "risk list failed: $(cat "$work/list.err")"; return; }
  out=$(python3 - "$work/risks.json" "$expect" <<'EOF'
import json, sys
risks = {r["reference"]: r for r in json.load(open(sys.argv[1]))}
allowed = {}
for line in open(sys.argv[2], encoding="utf-8"):
    ref, field, value, kind = line.rstrip("\n").split("\t")
    key = (ref, field)
    if kind == "acked":
        allowed[key] = {value}
    else:
        allowed.setdefault(key, set()).add(value)
for (ref, field), values in sorted(allowed.items()):
    risk = risks.get(ref)
    if risk is None:
        print(f"{ref} is missing")
    elif (risk.get(field) or "") not in values:
        print(f"{ref} {field} is {risk.get(field)!r}, expected one of {sorted(values)!r}")
EOF
  )
  [ -z "$out" ] || fail "$out"
}

# Records an acknowledged new risk: its title, and its owner (none yet).
ack_add() {
  refs+=("$1")
  printf '%s\ttitle\t%s\tacked\n%s\towner\t\tacked\n' "$1" "$2" "$1" >>"$expect"
}

risk_count() {
  p partnership list --json | python3 -c 'import json,sys; print(sum(p["risk_count"] for p in json.load(sys.stdin)))'
}

# --- setup ---------------------------------------------------------------------------
p init >/dev/null || { echo "crash-harness: prisk init failed" >&2; exit 2; }
partnership=$(p demo | sed -n 's/.*(\([0-9a-f-]\{36\}\)).*/\1/p')
[ -n "$partnership" ] || { echo "crash-harness: prisk demo printed no id" >&2; exit 2; }
refs=() # references of acknowledged risks, for `risk set`

# How long one edit and one batch take here, to aim the kills inside them.
t0=$(now_ms)
ref=$(p risk add --partnership "$partnership" --category technical --title "timing") || exit 2
t1=$(now_ms)
before=$(risk_count)
p demo --risks 3000 >/dev/null || exit 2
t2=$(now_ms)
batch=$(($(risk_count) - before))
edit_ms=$((t1 - t0))
batch_ms=$(((t2 - t1) * 8 / 10)) # most kills land inside the batch
ack_add "$ref" timing

timings="one edit ~${edit_ms} ms, a batch of $batch risks ~${batch_ms} ms"
if p backup --help >/dev/null 2>&1; then
  t0=$(now_ms)
  p backup create >/dev/null || { echo "crash-harness: prisk backup create failed" >&2; exit 2; }
  backup_ms=$(($(now_ms) - t0))
  timings+=", a backup ~${backup_ms} ms"
  modes=(edits batch backup)
else
  echo "prisk backup is not available: backup trials skipped"
  modes=(edits batch)
fi
echo "prisk: $prisk; $timings"

# --- trials --------------------------------------------------------------------------
for ((trial = 1; trial <= trials; trial++)); do
  mode=${modes[$(((trial - 1) % ${#modes[@]}))]}
  case $mode in
  edits)
    n=$((2 + RANDOM % 3))
    for ((j = 1; j <= n; j++)); do
      if [ $((RANDOM % 2)) -eq 0 ] || [ ${#refs[@]} -eq 0 ]; then
        title="ack $trial.$j"
        if ref=$(p risk add --partnership "$partnership" --category security --title "$title" 2>/dev/null); then
          ack_add "$ref" "$title"
          acked=$((acked + 1))
        fi
      else
        ref=${refs[$((RANDOM % ${#refs[@]}))]}
        owner="owner $trial.$j"
        if p risk set --partnership "$partnership" "$ref" --owner "$owner" >/dev/null 2>&1; then
          printf '%s\towner\t%s\tacked\n' "$ref" "$owner" >>"$expect"
          acked=$((acked + 1))
        fi
      fi
    done
    # The victim: a set of an acknowledged risk (its value may or may not land) or an add.
    if [ $((RANDOM % 2)) -eq 0 ]; then
      ref=${refs[$((RANDOM % ${#refs[@]}))]}
      owner="victim $trial"
      printf '%s\towner\t%s\tmaybe\n' "$ref" "$owner" >>"$expect"
      kill_during "$edit_ms" risk set --partnership "$partnership" "$ref" --owner "$owner"
      what="risk set $ref"
      if [ "$outcome" = 0 ]; then
        printf '%s\towner\t%s\tacked\n' "$ref" "$owner" >>"$expect"
      fi
    else
      kill_during "$edit_ms" risk add --partnership "$partnership" --category exit --title "victim $trial"
      what="risk add"
      if [ "$outcome" = 0 ]; then
        ack_add "$(cat "$work/victim.out")" "victim $trial"
      fi
    fi
    ;;
  batch)
    before=$(risk_count)
    kill_during "$batch_ms" demo --risks 3000
    what="demo --risks 3000"
    after=$(risk_count)
    if [ "$after" -ne "$before" ] && [ "$after" -ne $((before + batch)) ]; then
      fail "a killed batch left $((after - before)) of $batch risks"
    fi
    ;;
  backup)
    kill_during "$backup_ms" backup create
    what="backup create"
    if p backup list --json >"$work/backups.json" 2>"$work/list.err"; then
      while IFS= read -r file; do
        [ -n "$file" ] && integrity "$file"
      done < <(python3 -c 'import json,sys; [print(b["path"]) for b in json.load(open(sys.argv[1]))]' "$work/backups.json")
      # A killed backup may leave a temporary file; note it (it is not a loss).
      listed=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$work/backups.json")
      present=$(find "$work/backups" -type f 2>/dev/null | wc -l)
      [ "$present" -le "$listed" ] || leftovers=$((present - listed))
    else
      fail "backup list failed after a kill: $(cat "$work/list.err")"
    fi
    ;;
  esac
  integrity "$db"
  check_edits
  case $outcome in
  killed*) printf 'trial %d: %-22s %s\n' "$trial" "$what" "$outcome" ;;
  *) printf 'trial %d: %-22s finished before the kill (exit %s)\n' "$trial" "$what" "$outcome" ;;
  esac
done

[ "$leftovers" -eq 0 ] || echo "note: $leftovers file(s) in backups/ that backup list does not show (left by killed backups)"
echo "crash harness: $trials trials, $kills killed mid-run, $finished finished before the kill, $acked acknowledged edits checked, $losses losses"
[ "$losses" -eq 0 ]
