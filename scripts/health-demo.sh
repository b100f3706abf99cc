#!/usr/bin/env bash
# Adds partnership health to the demo partnership of a workspace: five indicators from the
# library linked to risks, and a year of readings imported from a generated CSV (daily
# availability and response times, monthly incidents and accuracy, a certificate count
# last read long ago) — availability turns red in the last days, response times amber,
# the certificate stale. Used by scripts/screenshots.sh and to look at the Health PDF.
# Usage: scripts/health-demo.sh WORKSPACE [PRISK]
set -euo pipefail
db=$1
prisk_bin=${2:-target/debug/prisk}
p="Northwind Analytics – claims triage AI"
prisk() { "$prisk_bin" --db "$db" --actor "Ada Analyst" "$@" >/dev/null; }
prisk indicator add "$p" --from availability --owner "Service owner" --risk TEC-002 --risk TEC-005
prisk indicator add "$p" --from p95_response_ms --owner "Integration lead" --risk TEC-001
prisk indicator add "$p" --from incidents --owner "Service owner" --risk TEC-005
prisk indicator add "$p" --from model_accuracy --owner "Data science" --risk TEC-004
prisk indicator add "$p" --from certificate_days_left --name "SOC 2 report: days left" --owner "Compliance"
csv=$(mktemp --suffix=.csv)
trap 'rm -f "$csv"' EXIT
python3 - "$csv" <<'PY'
import csv, datetime, math, random, sys
random.seed(23)
today = datetime.date.today()
rows = []
for n in range(365, -1, -1):
    day = today - datetime.timedelta(days=n)
    avail = 99.93 - 0.08 * random.random() - (0.3 if n % 61 == 7 else 0)
    if n <= 3:
        avail = 98.7 + 0.1 * n
    p95 = 260 + 60 * math.sin(n / 40) + 25 * random.random() + (290 if n <= 10 else 0)
    row = {"date": day.isoformat(), "Availability": f"{avail:.2f}", "p95 response time": f"{p95:.0f}"}
    if day.day == 1 or n == 0:
        row["Incidents"] = str(random.choice([0, 0, 0, 1, 2]) if n > 0 else 0)
        row["Model accuracy"] = f"{95.5 - 0.25 * (365 - n) / 30 + random.random():.1f}"
    if n in (300, 240, 200):
        row["SOC 2 report: days left"] = str(365 - (365 - n) * 2)
    rows.append(row)
fields = ["date", "Availability", "p95 response time", "Incidents", "Model accuracy", "SOC 2 report: days left"]
with open(sys.argv[1], "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=fields)
    w.writeheader()
    w.writerows(rows)
PY
prisk reading import "$csv" --partnership "$p"
