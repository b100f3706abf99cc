#!/usr/bin/env bash
# Figures of the spreadsheet import as a user meets them, whole processes included
# (prisk, and the child process that reads the file): the import of a 10,000-row XLSX
# (target <= 1 s) over RUNS runs, and each hostile file (zip bomb, shared strings that
# declare 4 billion strings, a cell at XFD1048576, a truncated OLE header renamed .xlsx):
# exit status, time and peak memory (target for the zip bomb <= 200 MB).
#
#   scripts/import-figures.sh [RUNS]      # default 5
#
# Builds prisk in release and works in a temp dir (KEEP_TMP=1 keeps it).
# Needs /usr/bin/time and python3 (both installed by scripts/install-deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
cargo build --release -q -p partner-risk-cli
PRISK=$PWD/target/release/prisk
tmp=$(mktemp -d)
[ "${KEEP_TMP:-}" = 1 ] && echo "temp dir: $tmp" || trap 'rm -rf "$tmp"' EXIT
export PARTNER_RISK_DB=$tmp/w.prisk
"$PRISK" demo --risks 9946 >/dev/null
demo=$("$PRISK" partnership list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
"$PRISK" export xlsx --partnership "$demo" --out "$tmp/register.xlsx" >/dev/null
echo "10,000-row workbook: $(stat -c %s "$tmp/register.xlsx") bytes"

echo "== import of 10,000 rows into a new partnership (read in a child process, dry run, write)"
for i in $(seq "$RUNS"); do
  "$PRISK" partnership add --name "copy $i" >/dev/null
  /usr/bin/time -f "run $i: %e s, peak %M KB" "$PRISK" import table "$tmp/register.xlsx" --partnership "copy $i" >/dev/null
done

echo "== hostile files"
python3 - "$tmp" <<'PY'
import sys, zipfile
tmp = sys.argv[1]
src = zipfile.ZipFile(f"{tmp}/register.xlsx")
def variant(name, replace, content=None, stream_zeros=0):
    with zipfile.ZipFile(f"{tmp}/{name}", "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            if item.filename != replace:
                out.writestr(item.filename, src.read(item.filename))
            elif stream_zeros:
                with out.open(item.filename, "w", force_zip64=True) as f:
                    chunk = b"\0" * (1 << 20)
                    for _ in range(stream_zeros):
                        f.write(chunk)
            else:
                out.writestr(item.filename, content)
variant("bomb.xlsx", "xl/worksheets/sheet1.xml", stream_zeros=1024)
variant("strings.xlsx", "xl/sharedStrings.xml",
        b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4000000000" uniqueCount="4000000000"><si><t>Title</t></si></sst>')
variant("far.xlsx", "xl/worksheets/sheet1.xml",
        b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Title</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>')
open(f"{tmp}/ole.xlsx", "wb").write(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 8)
PY
"$PRISK" partnership add --name hostile >/dev/null
for f in bomb strings far ole; do
  size=$(stat -c %s "$tmp/$f.xlsx")
  set +e
  /usr/bin/time -o "$tmp/time" -f "%e s, peak %M KB" "$PRISK" import table "$tmp/$f.xlsx" --partnership hostile 2>"$tmp/err" >/dev/null
  status=$?
  set -e
  echo "$f.xlsx ($size bytes): exit $status, $(cat "$tmp/time")"
  echo "  $(head -c 300 "$tmp/err")"
done
