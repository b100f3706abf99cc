#!/usr/bin/env bash
# Load test of the voting server, end to end: DEVICES phones (default 50) join a running
# workshop served by `prisk workshop serve`, vote on the current risk at the same moment,
# a third of them reconnect mid-round and change their vote; the facilitator reveals
# with the CLI on the same workspace while the server runs, and every vote must be in
# the file exactly once, with its last value.
#
#   scripts/voting-load.sh [DEVICES]
#
# Builds `prisk` and the load example (src-tauri/voting/examples/load/) in release,
# works in a throwaway workspace under a temp dir, prints the vote latencies and the
# server's memory, and exits non-zero on any failed request, lost or duplicated vote.
# KEEP_TMP=1 keeps the temp dir (workspace, server output, reveal JSON); LOAD_ARGS adds
# options to the load example (e.g. LOAD_ARGS=--same-address: every device from
# 127.0.0.1, which meets the per-address rate limit; see the example's header).
set -euo pipefail

DEVICES=${1:-50}
case $DEVICES in '' | *[!0-9]*) echo "usage: $0 [DEVICES]" >&2; exit 2 ;; esac
[ "$DEVICES" -ge 1 ] || { echo "usage: $0 [DEVICES]  (at least 1)" >&2; exit 2; }
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

echo "== building prisk and the load example (release)"
nice -n 10 cargo build --release --quiet -p partner-risk-cli
nice -n 10 cargo build --release --quiet -p partner-risk-voting --example load
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
PRISK=$TARGET/release/prisk
LOAD=$TARGET/release/examples/load

TMP=$(mktemp -d "${TMPDIR:-/tmp}/voting-load.XXXXXX")
DB=$TMP/load.prisk
SERVER=
cleanup() {
    if [ -n "$SERVER" ] && kill -0 "$SERVER" 2>/dev/null; then
        kill -KILL "$SERVER" 2>/dev/null || true
    fi
    if [ "${KEEP_TMP:-0}" = 1 ]; then
        echo "kept $TMP"
    else
        rm -rf "$TMP"
    fi
}
trap cleanup EXIT
p() { "$PRISK" --db "$DB" --actor load-test "$@"; }

echo "== a workspace in $TMP: the demo partnership, a workshop with $DEVICES voters"
p demo >/dev/null
PARTNERSHIP=$(p partnership list --json | sed -n 's/^ *"id": "\([^"]*\)".*/\1/p' | head -n 1)
REFS=$(p risk list --partnership "$PARTNERSHIP" --json |
    sed -n 's/^ *"reference": "\([^"]*\)".*/\1/p' | head -n 3 | paste -sd, -)
FIRST=${REFS%%,*}
W=$(p workshop create --partnership "$PARTNERSHIP" --title "Load test" --anonymity named)
for i in $(seq 1 "$DEVICES"); do
    p workshop participant add "$W" --name "$(printf 'Voter %03d' "$i")" >/dev/null
done
p workshop participant add "$W" --name "Olga Observer" --observer >/dev/null
p workshop agenda add "$W" "$REFS" >/dev/null
p workshop start "$W" >/dev/null
echo "workshop $W, agenda $REFS, voting on $FIRST"

echo "== serving"
"$PRISK" --db "$DB" --actor load-test workshop serve "$W" --bind 127.0.0.1 \
    >"$TMP/serve.out" 2>"$TMP/serve.err" &
SERVER=$!
URL=
for _ in $(seq 1 100); do
    URL=$(head -n 1 "$TMP/serve.out" 2>/dev/null || true)
    [ -n "$URL" ] && break
    kill -0 "$SERVER" 2>/dev/null || break
    sleep 0.1
done
if [ -z "$URL" ]; then
    echo "the server printed no join URL:" >&2
    cat "$TMP/serve.out" "$TMP/serve.err" >&2
    exit 1
fi
echo "server pid $SERVER at $URL"
mem() { # field of /proc/PID/status, e.g. VmRSS
    sed -n "s/^$1:[[:space:]]*//p" "/proc/$SERVER/status" 2>/dev/null || echo "?"
}
echo "server before the load: RSS $(mem VmRSS), threads $(mem Threads)"

echo "== load: $DEVICES devices"
FAILED=0
# shellcheck disable=SC2086 # LOAD_ARGS is a list of options
"$LOAD" "$URL" --devices "$DEVICES" --out "$TMP/expected.json" --await-reveal 20 \
    ${LOAD_ARGS:-} > >(tee "$TMP/load.out") 2>&1 &
LOADER=$!
# Reveal once every device has voted and checked (the load prints "ready"), or when the
# load has ended without getting there (then the check shows what reached the file).
for _ in $(seq 1 1200); do
    grep -qx ready "$TMP/load.out" 2>/dev/null && break
    kill -0 "$LOADER" 2>/dev/null || break
    sleep 0.1
done
HWM_LOAD=$(mem VmHWM)
RSS_LOAD=$(mem VmRSS)
THREADS_LOAD=$(mem Threads)

echo "== facilitator: prisk workshop reveal $W $FIRST (while the server runs)"
if ! p workshop reveal "$W" "$FIRST" --json >"$TMP/reveal.json" 2>"$TMP/reveal.err"; then
    echo "reveal failed:" >&2
    cat "$TMP/reveal.err" >&2
    FAILED=1
fi
if ! wait "$LOADER"; then
    echo "the load reported failures" >&2
    FAILED=1
fi

echo "== check: every voter's vote exactly once, with its last value"
if [ -s "$TMP/reveal.json" ] && [ -s "$TMP/expected.json" ]; then
    "$LOAD" check "$TMP/expected.json" "$TMP/reveal.json" || FAILED=1
else
    echo "nothing to check (no reveal or no votes sent)" >&2
    FAILED=1
fi

HWM=$(mem VmHWM)
RSS=$(mem VmRSS)
CPU=$(awk '{ printf "%.2f s", ($14 + $15) / '"$(getconf CLK_TCK)"' }' "/proc/$SERVER/stat" 2>/dev/null || echo "?")
echo "== server memory: peak (VmHWM) $HWM_LOAD after the load, $HWM after the reveal;"
echo "   RSS $RSS_LOAD after the load, $RSS now; threads $THREADS_LOAD; CPU time $CPU"

echo "== stopping the server (SIGINT)"
kill -INT "$SERVER"
STOPPED=0
for _ in $(seq 1 100); do
    kill -0 "$SERVER" 2>/dev/null || { STOPPED=1; break; }
    sleep 0.1
done
if [ "$STOPPED" = 1 ]; then
    SERVE_RC=0
    wait "$SERVER" || SERVE_RC=$?
    SERVER=
    if [ "$SERVE_RC" != 0 ]; then
        echo "the server exited with status $SERVE_RC:" >&2
        cat "$TMP/serve.err" >&2
        FAILED=1
    elif ! grep -q "voting closed" "$TMP/serve.out"; then
        echo "the server stopped without saying 'voting closed'" >&2
        FAILED=1
    else
        echo "stopped: $(tail -n 1 "$TMP/serve.out")"
    fi
else
    echo "the server did not stop within 10 s of SIGINT" >&2
    FAILED=1
fi

if [ "$FAILED" = 0 ]; then
    echo "== voting-load: ok"
else
    echo "== voting-load: FAILED" >&2
fi
exit "$FAILED"
