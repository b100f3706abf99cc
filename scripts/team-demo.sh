#!/usr/bin/env bash
# The team register in the real window: a private PostgreSQL cluster (Debian's server, in a
# temporary folder, on a free loopback port), two users (Ada and Ben), Ada's workspace with
# the demo partnership and Ben's empty one; then examples/team_screens.rs starts the team
# server, connects Ada's window to it, makes a conflict with Ben through prisk, shows the
# server offline, syncs, settles the conflict in the window and saves screenshots into
# OUT_DIR (team-*.png). The cluster is stopped at the end, whatever happens.
# Usage: scripts/team-demo.sh [OUT_DIR]   (default docs/screenshots)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/screenshots}
export WEBKIT_DISABLE_COMPOSITING_MODE=0
make --no-print-directory ui
cargo build -p partner-risk --bin partner-risk && cargo build -p partner-risk-cli --bin prisk
cargo build --example team_screens

work=$(mktemp -d /tmp/prisk-team-demo.XXXXXX)
# The cluster runs as the postgres user when this runs as root: it must reach its folder.
chmod 755 "$work"
pg_bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir "$work/pg"
[ "$(id -u)" = 0 ] && chown postgres: "$work/pg"
stop() {
  as_pg "$pg_bin/pg_ctl" -D "$work/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap stop EXIT
as_pg "$pg_bin/initdb" -D "$work/pg/data" -A trust -U postgres -E UTF8 --no-sync >/dev/null
as_pg "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -w start \
  -o "-k $work/pg -c listen_addresses=127.0.0.1 -p $port -c fsync=off" >/dev/null
"$pg_bin/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "CREATE DATABASE team" >/dev/null
database="postgres://postgres@127.0.0.1:$port/team"
echo "$database" >"$work/database.url"

prisk() { target/debug/prisk "$@"; }
# `user add` prints the token once, on the last line.
prisk team user add ada --role editor --database "$database" | tail -1 >"$work/ada.token"
prisk team user add ben --role editor --database "$database" | tail -1 >"$work/ben.token"
prisk --db "$work/ada.prisk" --actor "Ada Analyst" demo >/dev/null
prisk --db "$work/ada.prisk" whoami --set "Ada Analyst" >/dev/null
prisk --db "$work/ben.prisk" init >/dev/null
prisk --db "$work/ben.prisk" whoami --set "Ben Brook" >/dev/null

target/debug/examples/team_screens "$PWD/target/debug/partner-risk" "$PWD/target/debug/prisk" "$work" "$out"
