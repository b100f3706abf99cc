#!/usr/bin/env bash
# Times the PDF register of `prisk export pdf` (release build) against ReportLab and
# headless Chromium drawing the same register table, in the same run on the same
# machine, for 1,000 and 10,000 risks. Wall time and peak RSS come from /usr/bin/time -v
# (whole processes: start-up, reading the data and writing the file included).
#
#   scripts/compare-pdf.sh [RUNS]     (default 3 runs each; the median is reported)
#
# Needs (installed when missing, as root): time, python3-venv, chromium; ReportLab is
# pip-installed into target/pdf-compare/venv. Results: target/pdf-compare/results.tsv.
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-3}"
target="${CARGO_TARGET_DIR:-target}"
work="target/pdf-compare"
mkdir -p "$work"

need=()
[ -x /usr/bin/time ] || need+=(time)
command -v chromium >/dev/null || need+=(chromium)
python3 -c 'import ensurepip' 2>/dev/null || need+=(python3-venv)
if [ ${#need[@]} -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || { echo "install first: apt-get install ${need[*]}" >&2; exit 1; }
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
if [ ! -x "$work/venv/bin/python" ]; then
  python3 -m venv "$work/venv"
fi
"$work/venv/bin/python" -c 'import reportlab' 2>/dev/null || "$work/venv/bin/pip" install -q reportlab
py="$work/venv/bin/python"
helper=scripts/compare_pdf.py

cargo build -q --release -p partner-risk-cli --bin prisk
prisk="$target/release/prisk"

# How many risks the demo has before generated ones are added.
rm -f "$work/base.prisk"*
base=$("$prisk" --db "$work/base.prisk" demo | sed -E 's/.* with ([0-9]+) risks/\1/')
demo="$("$prisk" --db "$work/base.prisk" partnership list --json | "$py" -c 'import json,sys; print(json.load(sys.stdin)[0]["name"])')"

timed() { # LOG COMMAND...: runs COMMAND under /usr/bin/time -v, prints "wall_ms peak_mb"
  local log="$1"; shift
  /usr/bin/time -v -o "$log" "$@" >/dev/null 2>"$log.err" || { cat "$log.err" >&2; return 1; }
  "$py" "$helper" time "$log"
}
pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages/ {print $2}'; }

results="$work/results.tsv"
: >"$results"
for n in 1000 10000; do
  db="$work/$n.prisk"
  rm -f "$db"*
  "$prisk" --db "$db" demo --risks $((n - base)) >/dev/null
  "$prisk" --db "$db" risk list --partnership "$demo" --json >"$work/$n-risks.json"
  "$prisk" --db "$db" matrix show 5x5 --json >"$work/matrix.json"
  "$py" "$helper" html "$work/$n-risks.json" "$work/matrix.json" "$work/$n-register.html"
  for run in $(seq "$runs"); do
    read -r ms mb < <(timed "$work/t.log" "$prisk" --db "$db" export pdf --partnership "$demo" \
      --sections register --out "$work/$n-prisk-register.pdf")
    printf '%s\tprisk-register\t%s\t%s\t%s\n' "$n" "$ms" "$mb" "$(pages "$work/$n-prisk-register.pdf")" >>"$results"
    read -r ms mb < <(timed "$work/t.log" "$prisk" --db "$db" export pdf --partnership "$demo" \
      --out "$work/$n-prisk-full.pdf")
    printf '%s\tprisk-full\t%s\t%s\t%s\n' "$n" "$ms" "$mb" "$(pages "$work/$n-prisk-full.pdf")" >>"$results"
    read -r ms mb < <(timed "$work/t.log" "$py" "$helper" reportlab "$work/$n-risks.json" \
      "$work/matrix.json" "$work/$n-reportlab.pdf")
    printf '%s\treportlab\t%s\t%s\t%s\n' "$n" "$ms" "$mb" "$(pages "$work/$n-reportlab.pdf")" >>"$results"
    profile="$(mktemp -d)"
    read -r ms mb < <(timed "$work/t.log" chromium --headless --no-sandbox --disable-gpu \
      --disable-background-networking --disable-component-update --disable-sync --no-first-run \
      --user-data-dir="$profile" --no-pdf-header-footer --print-to-pdf="$work/$n-chromium.pdf" \
      "file://$PWD/$work/$n-register.html")
    rm -rf "$profile"
    printf '%s\tchromium\t%s\t%s\t%s\n' "$n" "$ms" "$mb" "$(pages "$work/$n-chromium.pdf")" >>"$results"
    echo "risks $n, run $run done" >&2
  done
done
"$py" "$helper" table "$results"
