#!/usr/bin/env python3
"""Helpers for scripts/compare-pdf.sh: the same risk register drawn by the peers.

  compare_pdf.py reportlab RISKS.json MATRIX.json OUT.pdf   draws it with ReportLab
  compare_pdf.py html      RISKS.json MATRIX.json OUT.html  writes the HTML Chromium prints
  compare_pdf.py time      LOG                               "wall_ms peak_mb" from /usr/bin/time -v
  compare_pdf.py table     RESULTS.tsv                       prints the comparison table

RISKS.json is `prisk risk list --json`, MATRIX.json is `prisk matrix show --json`.
Both peers get the register table of the PDF report: reference, title and description,
category, owner, the three scores as level names on coloured chips, status, treatment
and rationale, on landscape A4 with the header row repeated on every page.
"""

import html
import json
import sys

COLUMNS = ["Ref", "Risk and description", "Category", "Owner", "Inherent",
           "Residual", "Target", "Status", "Treatment and mitigation"]
WIDTHS = [0.72, 3.3, 0.95, 0.95, 0.82, 0.82, 0.82, 0.8, 2.6]


def load(risks_path, matrix_path):
    with open(risks_path, encoding="utf-8") as f:
        risks = json.load(f)
    with open(matrix_path, encoding="utf-8") as f:
        matrix = json.load(f)
    colours = {level["name"]: level["colour"] for level in matrix["levels"]}
    return risks, colours


def text_on(colour):
    """Black or white, whichever contrasts more with the background (WCAG)."""
    def lin(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    lum = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    return "#000000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#FFFFFF"


def human(code):
    return (code or "").replace("_", " ").capitalize()


def reportlab(risks_path, matrix_path, out):
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    risks, colours = load(risks_path, matrix_path)
    pdfmetrics.registerFont(TTFont("DejaVu", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"))
    body = ParagraphStyle("body", fontName="DejaVu", fontSize=8, leading=10.2)
    bold = ParagraphStyle("bold", parent=body, fontName="DejaVu-Bold")
    head = ParagraphStyle("head", parent=bold, textColor=colors.white, fontSize=7.5)
    esc = html.escape

    page_w, _ = landscape(A4)
    usable = page_w - 80
    widths = [usable * w / sum(WIDTHS) for w in WIDTHS]
    rows = [[Paragraph(c, head) for c in COLUMNS]]
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1F3A5F")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#C8CDD4")),
        ("FONTNAME", (0, 0), (-1, -1), "DejaVu"),
    ]
    for n, r in enumerate(risks, start=1):
        def chip(kind, col):
            level = r.get(f"{kind}_level")
            score = r.get(kind)
            if not level:
                return Paragraph("—", body)
            colour = colours.get(level, "#9E9E9E")
            style.append(("BACKGROUND", (col, n), (col, n), colors.HexColor(colour)))
            chip_style = ParagraphStyle("chip", parent=bold, textColor=colors.HexColor(text_on(colour)))
            return Paragraph(f"{esc(level)}<br/>L{score['likelihood']} × I{score['impact']}", chip_style)
        mitigation = f"<b>{esc(human(r.get('treatment')) or 'No treatment decided')}</b>"
        if r.get("treatment_rationale"):
            mitigation += "<br/>" + esc(r["treatment_rationale"])
        if r.get("overdue_actions"):
            mitigation += f"<br/><font color='#B01C1C'>{r['overdue_actions']} overdue actions</font>"
        risk = f"<b>{esc(r['title'])}</b>"
        if r.get("description"):
            risk += "<br/>" + esc(r["description"])
        rows.append([
            Paragraph(esc(r["reference"]), bold),
            Paragraph(risk, body),
            Paragraph(esc(human(r["category"])), body),
            Paragraph(esc(r.get("owner", "")), body),
            chip("inherent", 4),
            chip("residual", 5),
            chip("target", 6),
            Paragraph(esc(human(r["status"])), body),
            Paragraph(mitigation, body),
        ])
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))

    def footer(canvas, doc):
        canvas.setFont("DejaVu", 7.5)
        canvas.drawRightString(page_w - 40, 22, f"Page {doc.page}")

    doc = SimpleDocTemplate(out, pagesize=landscape(A4), leftMargin=40, rightMargin=40,
                            topMargin=50, bottomMargin=44, title="Risk register")
    doc.build([Paragraph("Risk register", ParagraphStyle("h", parent=bold, fontSize=16)), table],
              onFirstPage=footer, onLaterPages=footer)


def html_page(risks_path, matrix_path, out):
    risks, colours = load(risks_path, matrix_path)
    esc = html.escape
    parts = ["""<!doctype html><html><head><meta charset="utf-8"><title>Risk register</title>
<style>
@page { size: A4 landscape; margin: 50pt 40pt 44pt 40pt; }
body { font-family: "DejaVu Sans", sans-serif; font-size: 8pt; color: #1A1A1A; }
h1 { font-size: 16pt; color: #1F3A5F; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th { background: #1F3A5F; color: #fff; font-size: 7.5pt; text-align: left; padding: 3pt; }
td { vertical-align: top; padding: 3pt; border-bottom: 0.4pt solid #C8CDD4; line-height: 1.28; }
tbody tr:nth-child(even) { background: #F4F6F8; }
.chip { font-weight: bold; padding: 0 2.5pt; display: block; }
.muted { color: #555B66; }
.late { color: #B01C1C; font-weight: bold; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
</style></head><body><h1>Risk register</h1><table><colgroup>"""]
    total = sum(WIDTHS)
    parts += [f'<col style="width:{100 * w / total:.2f}%">' for w in WIDTHS]
    parts.append("</colgroup><thead><tr>")
    parts += [f"<th>{esc(c)}</th>" for c in COLUMNS]
    parts.append("</tr></thead><tbody>")
    for r in risks:
        def chip(kind):
            level = r.get(f"{kind}_level")
            if not level:
                return "<td>—</td>"
            colour = colours.get(level, "#9E9E9E")
            s = r[kind]
            return (f'<td><span class="chip" style="background:{colour};color:{text_on(colour)}">'
                    f'{esc(level)}</span><span class="muted">L{s["likelihood"]} × I{s["impact"]}</span></td>')
        mitigation = f"<b>{esc(human(r.get('treatment')) or 'No treatment decided')}</b>"
        if r.get("treatment_rationale"):
            mitigation += "<br>" + esc(r["treatment_rationale"])
        if r.get("overdue_actions"):
            mitigation += f'<br><span class="late">{r["overdue_actions"]} overdue actions</span>'
        parts.append(
            f"<tr><td><b>{esc(r['reference'])}</b></td>"
            f"<td><b>{esc(r['title'])}</b><br><span class='muted'>{esc(r.get('description', ''))}</span></td>"
            f"<td>{esc(human(r['category']))}</td><td>{esc(r.get('owner', ''))}</td>"
            f"{chip('inherent')}{chip('residual')}{chip('target')}"
            f"<td>{esc(human(r['status']))}</td><td>{mitigation}</td></tr>")
    parts.append("</tbody></table></body></html>")
    with open(out, "w", encoding="utf-8") as f:
        f.write("".join(parts))


def parse_time(log):
    """Wall time (ms) and peak RSS (MB) from the output of /usr/bin/time -v."""
    wall = peak = None
    with open(log, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            if line.startswith("Elapsed (wall clock) time"):
                value = line.rsplit(" ", 1)[-1]
                seconds = 0.0
                for part in value.split(":"):
                    seconds = seconds * 60 + float(part)
                wall = seconds * 1000
            elif line.startswith("Maximum resident set size"):
                peak = int(line.rsplit(" ", 1)[-1]) / 1024
    print(f"{wall:.0f} {peak:.0f}")


def table(results):
    """results: lines `risks tool run wall_ms peak_mb pages` (tab-separated)."""
    rows = {}
    with open(results, encoding="utf-8") as f:
        for line in f:
            risks, tool, wall, peak, pages = line.split()
            rows.setdefault((int(risks), tool), []).append((float(wall), float(peak), pages))

    def median(values):
        values = sorted(values)
        return values[len(values) // 2]

    tools = ["prisk-register", "prisk-full", "reportlab", "chromium"]
    print(f"{'risks':>7} {'tool':<16} {'wall (median)':>14} {'runs':>5} {'peak RSS':>9} {'pages':>6} {'× slower than prisk':>20}")
    for risks in sorted({r for r, _ in rows}):
        base = rows.get((risks, "prisk-register"))
        base_ms = median([w for w, _, _ in base]) if base else None
        for tool in tools:
            runs = rows.get((risks, tool))
            if not runs:
                continue
            wall = median([w for w, _, _ in runs])
            peak = max(p for _, p, _ in runs)
            pages = runs[-1][2]
            ratio = f"{wall / base_ms:.1f}×" if base_ms and tool.startswith(("reportlab", "chromium")) else ""
            print(f"{risks:>7} {tool:<16} {wall:>11.0f} ms {len(runs):>5} {peak:>6.0f} MB {pages:>6} {ratio:>20}")


if __name__ == "__main__":
    command, *args = sys.argv[1:] or ["help"]
    commands = {"reportlab": reportlab, "html": html_page, "time": parse_time, "table": table}
    if command not in commands:
        print(__doc__)
        sys.exit(2)
    commands[command](*args)
