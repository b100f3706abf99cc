#!/usr/bin/env bash
# Builds prisk, exports the demo report on a 3×3, a 5×5 and a 7×4 matrix, and renders
# every page to PNG (pdftoppm) under target/pdf-pages/<matrix>/, so the pages can be
# looked at: cover, heat maps, a register page and a plan page of each.
#
#   scripts/render-pdf-pages.sh [EXTRA_RISKS]    (default 40 generated risks)
#
# CARGO_TARGET_DIR and CARGO_BUILD_JOBS are honoured.
set -euo pipefail
cd "$(dirname "$0")/.."

extra="${1:-40}"
target="${CARGO_TARGET_DIR:-target}"
out="target/pdf-pages"
command -v pdftoppm >/dev/null || { echo "pdftoppm missing: apt-get install poppler-utils" >&2; exit 1; }

cargo build -q -p partner-risk-cli --bin prisk
cargo build -q -p partner-risk-core --example demo_matrix
prisk="$target/debug/prisk"
demo_matrix="$target/debug/examples/demo_matrix"

rm -rf "$out"
mkdir -p "$out"
for shape in 3x3 5x5 7x4; do
  db="$out/$shape.prisk"
  name="$("$demo_matrix" "$db" "$shape" "$extra")"
  pdf="$out/$shape.pdf"
  "$prisk" --db "$db" export pdf --partnership "$name" --out "$pdf" \
    --prepared-by "Risk office" --confidentiality "Confidential — board use only"
  "$prisk" --db "$db" export pdf --partnership "$name" --out "$out/$shape-plan.pdf" \
    --plan-only --paper letter --plan-group due_month
  mkdir -p "$out/$shape"
  pdftoppm -r 60 -png "$pdf" "$out/$shape/page"
  pdftoppm -r 60 -png "$out/$shape-plan.pdf" "$out/$shape/plan"
  if command -v qpdf >/dev/null; then
    qpdf --check "$pdf" >/dev/null && echo "$shape: qpdf --check ok"
  fi
  echo "$shape: $(pdfinfo "$pdf" | awk '/^Pages/ {print $2}') pages -> $out/$shape/"
done
