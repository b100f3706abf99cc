//! The sections of a report: cover, summary, heat maps, register, mitigation plan,
//! requirements and the matrix appendix.

use std::collections::{BTreeMap, HashMap};

use crate::matrix::{Matrix, Score};
use crate::model::{Action, RequirementStatus, ScoreKind};
use crate::register::RegisterEntry;

use super::layout::{
    Align, Colour, Doc, Item, Row, Style, Table, ALERT, GREY, INK, MUTED, NAVY, OVERDUE, RULE,
    WHITE, ZEBRA,
};
use super::{PlanGrouping, ReportData, ReportProgress, ReportStage, Section};

const BODY: Style = Style::new(8.0);
const SMALL: Style = Style::new(6.8);
const HEAD: Style = Style::new(7.5).bold().colour(WHITE);
/// Long texts in the register: a little smaller than the cells around them.
const DESCRIPTION: Style = Style::new(7.4);

/// Draws the sections in order; returns a bookmark (name, 1-based page) per section.
pub(crate) fn draw(
    doc: &mut Doc,
    data: &ReportData,
    sections: &[Section],
    progress: &mut dyn FnMut(ReportProgress),
) -> Vec<(String, usize)> {
    let mut marks = Vec::new();
    let total = data.entries.len() * usize::from(sections.contains(&Section::Register))
        + data.actions.len() * usize::from(sections.contains(&Section::Plan));
    let mut tick = Ticker {
        done: 0,
        total,
        progress,
    };
    tick.report();
    for &section in sections {
        let landscape = matches!(section, Section::Register | Section::Plan);
        doc.new_page(landscape);
        let start = doc.page_count();
        let name = match section {
            Section::Cover => {
                cover(doc, data);
                "Cover"
            }
            Section::Summary => {
                summary(doc, data);
                "Summary"
            }
            Section::HeatMaps => {
                heat_maps(doc, data);
                "Heat maps"
            }
            Section::Register => {
                register(doc, data, &mut tick);
                "Risk register"
            }
            Section::Plan => {
                plan(doc, data, &mut tick);
                "Mitigation plan"
            }
            Section::Requirements => {
                requirements(doc, data);
                "Requirements"
            }
            Section::Appendix => {
                appendix(doc, data);
                "Appendix: scoring matrix"
            }
        };
        marks.push((name.to_owned(), start));
    }
    tick.done = tick.total;
    tick.report();
    marks
}

struct Ticker<'p> {
    done: usize,
    total: usize,
    progress: &'p mut dyn FnMut(ReportProgress),
}

impl Ticker<'_> {
    fn report(&mut self) {
        (self.progress)(ReportProgress {
            stage: ReportStage::Layout,
            done: self.done,
            total: self.total,
        });
    }

    fn step(&mut self) {
        self.done += 1;
        if self.done.is_multiple_of(250) {
            self.report();
        }
    }
}

/// `limited_launch` → `Limited launch`.
pub(crate) fn humanise(code: &str) -> String {
    let text = code.replace('_', " ");
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// 1234567 minor units of EUR → `12,345.67 EUR`.
pub(crate) fn money(minor: i64, currency: &str) -> String {
    let whole = (minor / 100).abs().to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if minor < 0 { "-" } else { "" };
    format!("{sign}{grouped}.{:02} {currency}", (minor % 100).abs())
}

fn level_colour(matrix: &Matrix, index: usize) -> Colour {
    matrix
        .levels
        .get(index)
        .map_or(GREY, |l| Colour::hex(&l.colour))
}

fn score_level(matrix: &Matrix, score: Option<Score>) -> Option<usize> {
    score.and_then(|s| matrix.level_index(s))
}

/// The level that counts for appetite and ranking: residual, else inherent.
fn current_level(matrix: &Matrix, e: &RegisterEntry) -> Option<usize> {
    score_level(matrix, e.risk.fields.residual.or(e.risk.fields.inherent))
}

fn category_name<'a>(data: &'a ReportData, code: &'a str) -> &'a str {
    data.category_names
        .get(code)
        .map_or(code, |name| name.as_str())
}

fn plain(doc: &Doc, text: &str, width: f32, style: Style) -> Vec<Item> {
    doc.cell(text, width, style)
}

// ---------------------------------------------------------------------------------
// Cover

fn cover(doc: &mut Doc, data: &ReportData) {
    let p = data.partnership;
    let (left, width) = (doc.left(), doc.content_width());
    let title = if data.options.plan_only {
        "Mitigation plan"
    } else {
        "Risk register"
    };
    doc.y = 110.0;
    let kicker = Style::new(10.0).colour(MUTED);
    doc.text(left, doc.y, "PARTNERSHIP RISK ASSESSMENT", kicker.bold());
    doc.y += 30.0;
    let big = Style::new(30.0).bold().colour(NAVY);
    doc.text(left, doc.y, title, big);
    doc.y += 22.0;
    doc.rect(left, doc.y, 60.0, 3.0, NAVY);
    doc.y += 24.0;
    doc.paragraph(&p.fields.name, Style::new(18.0).bold(), left, width);
    if !p.fields.partner.trim().is_empty() {
        doc.y += 2.0;
        let line = format!("with {}", p.fields.partner.trim());
        doc.paragraph(&line, Style::new(12.0).colour(MUTED), left, width);
    }
    doc.y += 26.0;

    let scope = if data.scope.is_empty() {
        format!("All {} risks of the partnership", data.entries.len())
    } else {
        format!("{} risks: {}", data.entries.len(), data.scope)
    };
    let prepared = if data.options.prepared_by.trim().is_empty() {
        "—".to_owned()
    } else {
        data.options.prepared_by.trim().to_owned()
    };
    let rows: Vec<(&str, String)> = vec![
        ("Partner", or_dash(&p.fields.partner)),
        ("Stage", humanise(p.fields.stage.as_str())),
        ("Partnership owner", or_dash(&p.fields.owner)),
        ("Scoring matrix", data.matrix.name.clone()),
        ("Report date", data.today.format("%-d %B %Y").to_string()),
        ("Prepared by", prepared),
        ("Scope", scope),
    ];
    let label = Style::new(9.5).bold().colour(MUTED);
    let value = Style::new(10.5);
    for (k, v) in rows {
        let lines: Vec<String> = doc
            .wrap(&v, width - 140.0, value)
            .into_iter()
            .map(str::to_owned)
            .collect();
        let y = doc.y;
        doc.text(left, y + value.baseline(), k, label);
        for (n, line) in lines.iter().enumerate() {
            doc.text(
                left + 140.0,
                y + value.baseline() + n as f32 * value.leading(),
                line,
                value,
            );
        }
        doc.y += lines.len().max(1) as f32 * value.leading() + 5.0;
        doc.line(left, doc.y - 2.5, left + width, doc.y - 2.5, RULE, 0.4);
    }
    if !p.fields.description.trim().is_empty() {
        doc.y += 14.0;
        let style = Style::new(9.5).colour(INK);
        let lines: Vec<String> = doc
            .wrap(p.fields.description.trim(), width, style)
            .into_iter()
            .take(14)
            .map(str::to_owned)
            .collect();
        for line in lines {
            let y = doc.y;
            doc.text(left, y + style.baseline(), &line, style);
            doc.y += style.leading();
        }
    }

    let label = data.options.confidentiality.trim();
    if !label.is_empty() {
        let style = Style::new(11.0).bold().colour(ALERT);
        let line = doc.fit(label, width - 24.0, style).into_owned();
        let h = 30.0;
        let y = doc.bottom() - h - 10.0;
        if doc.y < y {
            doc.frame(left, y, width, h, ALERT, 1.2);
            doc.text_in(left, width, y + 19.0, &line, style, Align::Centre);
        }
    }
}

fn or_dash(text: &str) -> String {
    if text.trim().is_empty() {
        "—".into()
    } else {
        text.trim().into()
    }
}

// ---------------------------------------------------------------------------------
// Summary

fn summary(doc: &mut Doc, data: &ReportData) {
    let m = data.matrix;
    let (left, width) = (doc.left(), doc.content_width());
    doc.heading("Summary", 16.0, 120.0);
    if !data.scope.is_empty() {
        doc.paragraph(
            &format!(
                "This report covers {} risks: {}.",
                data.entries.len(),
                data.scope
            ),
            BODY.colour(MUTED),
            left,
            width,
        );
        doc.y += 4.0;
    }

    let outside = data
        .entries
        .iter()
        .filter(|e| current_level(m, e).is_some_and(|l| !m.levels[l].within_appetite))
        .count();
    let overdue: Vec<&&Action> = data
        .actions
        .iter()
        .filter(|a| a.fields.is_overdue(data.today))
        .collect();
    let open_requirements: Vec<_> = data
        .requirements
        .iter()
        .filter(|r| !r.fields.status.is_in_place())
        .collect();

    // Key figures.
    let figures = [
        (data.entries.len().to_string(), "risks in this report", NAVY),
        (
            outside.to_string(),
            "outside appetite",
            if outside > 0 { ALERT } else { NAVY },
        ),
        (
            overdue.len().to_string(),
            "overdue actions",
            if overdue.is_empty() { NAVY } else { ALERT },
        ),
        (
            open_requirements.len().to_string(),
            "requirements not in place",
            if open_requirements.is_empty() {
                NAVY
            } else {
                ALERT
            },
        ),
    ];
    let gap = 8.0;
    let box_w = (width - gap * 3.0) / 4.0;
    let y = doc.y;
    for (i, (number, label, colour)) in figures.iter().enumerate() {
        let x = left + i as f32 * (box_w + gap);
        doc.rect(x, y, box_w, 50.0, ZEBRA);
        doc.rect(x, y, 3.0, 50.0, *colour);
        doc.text(
            x + 10.0,
            y + 26.0,
            number,
            Style::new(20.0).bold().colour(*colour),
        );
        doc.text(x + 10.0, y + 41.0, label, Style::new(8.0).colour(MUTED));
    }
    doc.y += 50.0 + 14.0;

    // Counts by level.
    doc.heading("Risks by level", 11.0, 60.0);
    let mut by_kind = vec![[0usize; 3]; m.levels.len()];
    let mut unscored = [0usize; 3];
    for e in data.entries {
        for (k, kind) in ScoreKind::ALL.into_iter().enumerate() {
            let score = e.risk.fields.score(kind);
            match score_level(m, score) {
                Some(l) => by_kind[l][k] += 1,
                None => unscored[k] += 1,
            }
        }
    }
    let table = Table::new(
        left,
        width.min(420.0),
        &[
            ("Level", 2.2, Align::Left),
            ("Appetite", 1.6, Align::Left),
            ("Inherent", 1.0, Align::Right),
            ("Residual", 1.0, Align::Right),
            ("Target", 1.0, Align::Right),
        ],
        HEAD,
    );
    doc.table_start(&table);
    for l in (0..m.levels.len()).rev() {
        let level = &m.levels[l];
        let appetite = if level.within_appetite {
            "within"
        } else {
            "outside"
        };
        let mut cells = vec![
            doc.chip(&level.name, table.inner(0), BODY.size, level_colour(m, l)),
            plain(doc, appetite, table.inner(1), BODY),
        ];
        for (k, n) in by_kind[l].iter().enumerate() {
            cells.push(plain(doc, &n.to_string(), table.inner(2 + k), BODY));
        }
        doc.table_row(
            &table,
            Row {
                cells,
                background: None,
            },
        );
    }
    let mut cells = vec![
        plain(doc, "Not scored", table.inner(0), BODY.colour(MUTED)),
        Vec::new(),
    ];
    for (k, n) in unscored.iter().enumerate() {
        cells.push(plain(
            doc,
            &n.to_string(),
            table.inner(2 + k),
            BODY.colour(MUTED),
        ));
    }
    doc.table_row(
        &table,
        Row {
            cells,
            background: None,
        },
    );
    doc.y += 14.0;

    // Counts by category, inherent and residual.
    for kind in [ScoreKind::Inherent, ScoreKind::Residual] {
        category_table(doc, data, kind);
        doc.y += 14.0;
    }

    // Top ten by residual level.
    doc.heading("Top ten risks by residual level", 11.0, 60.0);
    let mut ranked: Vec<&RegisterEntry> = data.entries.iter().collect();
    let rank = |e: &RegisterEntry| {
        (
            score_level(m, e.risk.fields.residual),
            score_level(m, e.risk.fields.inherent),
        )
    };
    ranked.sort_by(|a, b| {
        rank(b)
            .cmp(&rank(a))
            .then_with(|| a.risk.reference.cmp(&b.risk.reference))
    });
    let table = Table::new(
        left,
        width,
        &[
            ("Ref", 1.05, Align::Left),
            ("Risk", 4.25, Align::Left),
            ("Owner", 1.6, Align::Left),
            ("Inherent", 1.3, Align::Left),
            ("Residual", 1.3, Align::Left),
            ("Status", 1.1, Align::Left),
        ],
        HEAD,
    );
    if ranked.is_empty() {
        doc.paragraph("No risks in this report.", BODY.colour(MUTED), left, width);
    } else {
        doc.table_start(&table);
        for e in ranked.into_iter().take(10) {
            let f = &e.risk.fields;
            let cells = vec![
                plain(doc, &e.risk.reference, table.inner(0), BODY.bold()),
                plain(doc, &f.title, table.inner(1), BODY),
                plain(doc, &f.owner, table.inner(2), BODY),
                score_chip(doc, m, f.inherent, table.inner(3)),
                score_chip(doc, m, f.residual, table.inner(4)),
                plain(doc, &humanise(f.status.as_str()), table.inner(5), BODY),
            ];
            doc.table_row(
                &table,
                Row {
                    cells,
                    background: None,
                },
            );
        }
    }
    doc.y += 14.0;

    // Overdue actions.
    doc.heading("Overdue actions", 11.0, 50.0);
    if overdue.is_empty() {
        doc.paragraph("No action is overdue.", BODY.colour(MUTED), left, width);
    } else {
        let table = Table::new(
            left,
            width,
            &[
                ("Risk", 1.05, Align::Left),
                ("Action", 4.45, Align::Left),
                ("Owner", 1.6, Align::Left),
                ("Due", 1.1, Align::Left),
                ("Overdue by", 1.1, Align::Right),
            ],
            HEAD,
        );
        doc.table_start(&table);
        const LIMIT: usize = 15;
        for a in overdue.iter().take(LIMIT) {
            let days = a.fields.due.map_or(0, |d| (data.today - d).num_days());
            let cells = vec![
                plain(
                    doc,
                    reference(data, &a.risk_id),
                    table.inner(0),
                    BODY.bold(),
                ),
                plain(doc, &a.fields.title, table.inner(1), BODY),
                plain(doc, &a.fields.owner, table.inner(2), BODY),
                plain(doc, &date(a.fields.due), table.inner(3), BODY),
                plain(
                    doc,
                    &format!("{days} days"),
                    table.inner(4),
                    BODY.bold().colour(ALERT),
                ),
            ];
            doc.table_row(
                &table,
                Row {
                    cells,
                    background: Some(OVERDUE),
                },
            );
        }
        if overdue.len() > LIMIT {
            doc.y += 3.0;
            let more = format!(
                "…and {} more in the mitigation plan.",
                overdue.len() - LIMIT
            );
            doc.paragraph(&more, BODY.colour(MUTED), left, width);
        }
    }
    doc.y += 14.0;

    // Requirements not in place.
    doc.heading("Requirements not in place", 11.0, 50.0);
    if open_requirements.is_empty() {
        let text = if data.requirements.is_empty() {
            "The partnership has no requirements."
        } else {
            "Every requirement is in place."
        };
        doc.paragraph(text, BODY.colour(MUTED), left, width);
    } else {
        let table = Table::new(
            left,
            width,
            &[
                ("Code", 1.0, Align::Left),
                ("Requirement", 5.2, Align::Left),
                ("Area", 1.6, Align::Left),
                ("Status", 1.5, Align::Left),
            ],
            HEAD,
        );
        doc.table_start(&table);
        const LIMIT: usize = 15;
        for r in open_requirements.iter().take(LIMIT) {
            let cells = vec![
                plain(doc, &r.fields.code, table.inner(0), BODY.bold()),
                plain(doc, &r.fields.title, table.inner(1), BODY),
                plain(doc, &r.fields.area, table.inner(2), BODY),
                status_chip(doc, r.fields.status, table.inner(3)),
            ];
            doc.table_row(
                &table,
                Row {
                    cells,
                    background: None,
                },
            );
        }
        if open_requirements.len() > LIMIT {
            doc.y += 3.0;
            let more = format!(
                "…and {} more in the requirements section.",
                open_requirements.len() - LIMIT
            );
            doc.paragraph(&more, BODY.colour(MUTED), left, width);
        }
    }
}

fn category_table(doc: &mut Doc, data: &ReportData, kind: ScoreKind) {
    let m = data.matrix;
    let (left, width) = (doc.left(), doc.content_width());
    let mut counts: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for e in data.entries {
        let row = counts
            .entry(category_name(data, &e.risk.fields.category))
            .or_insert_with(|| vec![0; m.levels.len() + 1]);
        match score_level(m, e.risk.fields.score(kind)) {
            Some(l) => row[l] += 1,
            None => row[m.levels.len()] += 1,
        }
    }
    let title = format!("{} risks by category", humanise(kind.as_str()));
    doc.heading(&title, 11.0, 60.0);
    let mut spec: Vec<(&str, f32, Align)> = vec![("Category", 2.6, Align::Left)];
    for level in m.levels.iter().rev() {
        spec.push((level.name.as_str(), 1.0, Align::Right));
    }
    spec.push(("Not scored", 1.0, Align::Right));
    spec.push(("Total", 0.9, Align::Right));
    let table = Table::new(left, width, &spec, HEAD);
    doc.table_start(&table);
    let mut totals = vec![0usize; m.levels.len() + 1];
    for (name, row) in &counts {
        let mut cells = vec![plain(doc, name, table.inner(0), BODY)];
        for (col, l) in (0..m.levels.len()).rev().enumerate() {
            cells.push(count_cell(
                doc,
                row[l],
                table.inner(1 + col),
                level_colour(m, l),
            ));
            totals[l] += row[l];
        }
        totals[m.levels.len()] += row[m.levels.len()];
        let n = m.levels.len();
        cells.push(plain(
            doc,
            &row[n].to_string(),
            table.inner(1 + n),
            BODY.colour(MUTED),
        ));
        let sum: usize = row.iter().sum();
        cells.push(plain(
            doc,
            &sum.to_string(),
            table.inner(2 + n),
            BODY.bold(),
        ));
        doc.table_row(
            &table,
            Row {
                cells,
                background: None,
            },
        );
    }
    let n = m.levels.len();
    let mut cells = vec![plain(doc, "Total", table.inner(0), BODY.bold())];
    for (col, l) in (0..n).rev().enumerate() {
        cells.push(plain(
            doc,
            &totals[l].to_string(),
            table.inner(1 + col),
            BODY.bold(),
        ));
    }
    cells.push(plain(
        doc,
        &totals[n].to_string(),
        table.inner(1 + n),
        BODY.bold(),
    ));
    let sum: usize = totals.iter().sum();
    cells.push(plain(
        doc,
        &sum.to_string(),
        table.inner(2 + n),
        BODY.bold(),
    ));
    doc.table_row(
        &table,
        Row {
            cells,
            background: Some(ZEBRA),
        },
    );
}

/// A count, on its level's colour when it is not zero.
fn count_cell(doc: &Doc, n: usize, width: f32, colour: Colour) -> Vec<Item> {
    if n == 0 {
        return plain(doc, "·", width, BODY.colour(GREY));
    }
    doc.chip(&n.to_string(), width, BODY.size, colour)
}

fn score_chip(doc: &Doc, m: &Matrix, score: Option<Score>, width: f32) -> Vec<Item> {
    match score {
        Some(s) => match m.level_index(s) {
            Some(l) => {
                let mut items = doc.chip(&m.levels[l].name, width, BODY.size, level_colour(m, l));
                items.push(Item {
                    text: format!("L{} × I{}", s.likelihood, s.impact),
                    style: SMALL,
                    chip: None,
                });
                items
            }
            None => plain(doc, &s.to_string(), width, BODY),
        },
        None => plain(doc, "—", width, BODY.colour(GREY)),
    }
}

fn status_chip(doc: &Doc, status: RequirementStatus, width: f32) -> Vec<Item> {
    let colour = match status {
        RequirementStatus::Verified => Colour::rgb(0x2E, 0x7D, 0x32),
        RequirementStatus::InPlace => Colour::rgb(0x7C, 0xB3, 0x42),
        RequirementStatus::InProgress => Colour::rgb(0xFB, 0xC0, 0x2D),
        RequirementStatus::NotStarted => Colour::rgb(0xC6, 0x28, 0x28),
        RequirementStatus::NotApplicable => Colour::rgb(0xBD, 0xBD, 0xBD),
    };
    doc.chip(&humanise(status.as_str()), width, BODY.size, colour)
}

fn reference<'a>(data: &'a ReportData, risk_id: &str) -> &'a str {
    data.references.get(risk_id).map_or("?", |r| r.as_str())
}

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map_or_else(|| "—".to_owned(), |d| d.format("%Y-%m-%d").to_string())
}

// ---------------------------------------------------------------------------------
// Heat maps

/// Cell size and label widths of a grid drawn at the current width.
struct GridGeometry {
    x: f32,
    label_w: f32,
    cell_w: f32,
    cell_h: f32,
}

fn grid_geometry(doc: &Doc, m: &Matrix, max_cell: f32) -> GridGeometry {
    let (lmax, imax) = m.size();
    let label_w = 96.0;
    let avail = doc.content_width() - label_w - 8.0;
    let cell_w = (avail / imax as f32).min(max_cell);
    let cell_h = (cell_w * 0.62).clamp(22.0, 34.0) - (lmax as f32 - 5.0).max(0.0) * 2.0;
    GridGeometry {
        x: doc.left(),
        label_w,
        cell_w,
        cell_h,
    }
}

/// The height a grid with its axis labels and legend needs.
fn grid_height(doc: &Doc, m: &Matrix, g: &GridGeometry) -> f32 {
    let (lmax, _) = m.size();
    let label_lines = impact_label_lines(doc, m, g).len().max(1);
    14.0 + lmax as f32 * g.cell_h + 6.0 + label_lines as f32 * SMALL.leading() + 44.0
}

fn impact_label_lines(doc: &Doc, m: &Matrix, g: &GridGeometry) -> Vec<Vec<String>> {
    let lines: Vec<Vec<String>> = m
        .impact
        .iter()
        .map(|a| {
            doc.wrap(&a.label, g.cell_w - 4.0, SMALL)
                .into_iter()
                .take(3)
                .map(str::to_owned)
                .collect()
        })
        .collect();
    let depth = lines.iter().map(Vec::len).max().unwrap_or(1);
    (0..depth)
        .map(|d| {
            lines
                .iter()
                .map(|l| l.get(d).cloned().unwrap_or_default())
                .collect()
        })
        .collect()
}

/// Draws the matrix grid at the cursor, most likely row on top; `cell` gives each
/// cell's text (1-based likelihood, impact).
fn draw_grid(
    doc: &mut Doc,
    m: &Matrix,
    g: &GridGeometry,
    cell: &dyn Fn(usize, usize) -> String,
    cell_style: Style,
) {
    let (lmax, imax) = m.size();
    let grid_x = g.x + g.label_w;
    let axis = SMALL.bold().colour(MUTED);
    let y = doc.y;
    doc.text_in(
        g.x,
        g.label_w - 8.0,
        y + 8.0,
        "Likelihood ↑",
        axis,
        Align::Right,
    );
    doc.y += 12.0;
    let top = doc.y;
    for row in 0..lmax {
        let l = lmax - row; // 1-based likelihood, highest first
        let y = top + row as f32 * g.cell_h;
        // Row label, up to two lines, centred on the row.
        let label = &m.likelihood[l - 1].label;
        let lines: Vec<String> = doc
            .wrap(label, g.label_w - 8.0, SMALL)
            .into_iter()
            .take(2)
            .map(str::to_owned)
            .collect();
        let block = lines.len() as f32 * SMALL.leading();
        let mut ly = y + (g.cell_h - block) / 2.0;
        for line in &lines {
            doc.text_in(
                g.x,
                g.label_w - 8.0,
                ly + SMALL.baseline(),
                line,
                SMALL,
                Align::Right,
            );
            ly += SMALL.leading();
        }
        for i in 1..=imax {
            let x = grid_x + (i - 1) as f32 * g.cell_w;
            let level = m.level_index(Score::new(l as u8, i as u8)).unwrap_or(0);
            let colour = level_colour(m, level);
            doc.rect(x, y, g.cell_w, g.cell_h, colour);
            let text = cell(l, i);
            if !text.is_empty() {
                let style = cell_style.colour(colour.text_on());
                let lines: Vec<String> = doc
                    .wrap(&text, g.cell_w - 4.0, style)
                    .into_iter()
                    .take(2)
                    .map(str::to_owned)
                    .collect();
                let block = lines.len() as f32 * style.leading();
                let mut ty = y + (g.cell_h - block) / 2.0;
                for line in &lines {
                    doc.text_in(
                        x + 2.0,
                        g.cell_w - 4.0,
                        ty + style.baseline(),
                        line,
                        style,
                        Align::Centre,
                    );
                    ty += style.leading();
                }
            }
        }
    }
    // White gutters between cells.
    let bottom = top + lmax as f32 * g.cell_h;
    let right = grid_x + imax as f32 * g.cell_w;
    for row in 0..=lmax {
        let y = top + row as f32 * g.cell_h;
        doc.line(grid_x, y, right, y, WHITE, 1.5);
    }
    for col in 0..=imax {
        let x = grid_x + col as f32 * g.cell_w;
        doc.line(x, top, x, bottom, WHITE, 1.5);
    }
    doc.y = bottom + 4.0;
    for line in impact_label_lines(doc, m, g) {
        for (i, text) in line.iter().enumerate() {
            let x = grid_x + i as f32 * g.cell_w;
            let y = doc.y;
            doc.text_in(
                x + 2.0,
                g.cell_w - 4.0,
                y + SMALL.baseline(),
                text,
                SMALL,
                Align::Centre,
            );
        }
        doc.y += SMALL.leading();
    }
    let y = doc.y;
    let width = imax as f32 * g.cell_w;
    doc.text_in(grid_x, width, y + 8.0, "Impact →", axis, Align::Centre);
    doc.y += 14.0;
    legend(doc, m, grid_x);
}

fn legend(doc: &mut Doc, m: &Matrix, x0: f32) {
    let style = SMALL;
    let mut x = x0;
    for (l, level) in m.levels.iter().enumerate() {
        let w = doc.width(&level.name, style) + 16.0;
        if x + w > doc.right() {
            x = x0;
            doc.y += 12.0;
        }
        let y = doc.y;
        doc.rect(x, y + 1.0, 8.0, 8.0, level_colour(m, l));
        doc.text(x + 11.0, y + 8.0, &level.name, style);
        x += w + 6.0;
    }
    doc.y += 14.0;
}

fn heat_maps(doc: &mut Doc, data: &ReportData) {
    let m = data.matrix;
    let (lmax, imax) = m.size();
    doc.heading("Heat maps", 16.0, 200.0);
    let kinds: Vec<ScoreKind> = ScoreKind::ALL
        .into_iter()
        .filter(|&k| {
            k != ScoreKind::Target || data.entries.iter().any(|e| e.risk.fields.target.is_some())
        })
        .collect();
    let g = grid_geometry(doc, m, 62.0);
    for kind in kinds {
        let mut counts = vec![vec![0usize; imax]; lmax];
        let mut unscored = 0;
        for e in data.entries {
            match e.risk.fields.score(kind) {
                Some(s) if m.level_index(s).is_some() => {
                    counts[usize::from(s.likelihood) - 1][usize::from(s.impact) - 1] += 1
                }
                _ => unscored += 1,
            }
        }
        let need = grid_height(doc, m, &g) + 24.0;
        doc.ensure(need);
        let scored = data.entries.len() - unscored;
        let title = format!(
            "{} risk — {scored} scored{}",
            humanise(kind.as_str()),
            if unscored > 0 {
                format!(", {unscored} not scored")
            } else {
                String::new()
            }
        );
        subheading(doc, &title);
        let cell = |l: usize, i: usize| {
            let n = counts[l - 1][i - 1];
            if n == 0 {
                String::new()
            } else {
                n.to_string()
            }
        };
        draw_grid(doc, m, &g, &cell, Style::new(11.0).bold());
        doc.y += 10.0;
    }
    movement(doc, data);
}

fn subheading(doc: &mut Doc, text: &str) {
    let style = Style::new(10.5).bold().colour(NAVY);
    doc.ensure(style.leading() + 40.0);
    let (x, y) = (doc.left(), doc.y);
    doc.text(x, y + style.baseline(), text, style);
    doc.y += style.leading() + 4.0;
}

fn movement(doc: &mut Doc, data: &ReportData) {
    let m = data.matrix;
    let (left, width) = (doc.left(), doc.content_width());
    let n = m.levels.len();
    let mut by_level = vec![vec![0usize; n]; n];
    let mut cells: HashMap<(Score, Score), usize> = HashMap::new();
    let (mut down, mut same_level_better, mut same, mut up) = (0, 0, 0, 0);
    for e in data.entries {
        let f = &e.risk.fields;
        let (Some(from), Some(to)) = (f.inherent, f.residual) else {
            continue;
        };
        let (Some(a), Some(b)) = (m.level_index(from), m.level_index(to)) else {
            continue;
        };
        by_level[a][b] += 1;
        *cells.entry((from, to)).or_default() += 1;
        match b.cmp(&a) {
            std::cmp::Ordering::Less => down += 1,
            std::cmp::Ordering::Greater => up += 1,
            std::cmp::Ordering::Equal if from != to => same_level_better += 1,
            std::cmp::Ordering::Equal => same += 1,
        }
    }
    let both = down + same_level_better + same + up;
    doc.ensure(200.0);
    doc.y += 6.0;
    doc.heading("Movement from inherent to residual", 11.0, 120.0);
    let text = format!(
        "Of {both} risks scored both ways, {down} moved to a lower level with today's controls, \
         {same_level_better} moved to another cell of the same level, {same} did not move and \
         {up} moved to a higher level."
    );
    doc.paragraph(&text, BODY, left, width);
    doc.y += 6.0;
    if both == 0 {
        return;
    }
    // Level-to-level table: rows inherent, columns residual.
    let mut spec: Vec<(&str, f32, Align)> = vec![("Inherent \\ residual", 2.0, Align::Left)];
    for level in m.levels.iter().rev() {
        spec.push((level.name.as_str(), 1.0, Align::Right));
    }
    let table = Table::new(left, width.min(110.0 + 62.0 * n as f32), &spec, HEAD);
    doc.table_start(&table);
    for a in (0..n).rev() {
        let mut row = vec![doc.chip(
            &m.levels[a].name,
            table.inner(0),
            BODY.size,
            level_colour(m, a),
        )];
        for (col, b) in (0..n).rev().enumerate() {
            let count = by_level[a][b];
            let style = if b < a {
                BODY.bold().colour(Colour::rgb(0x2E, 0x7D, 0x32))
            } else if b > a {
                BODY.bold().colour(ALERT)
            } else {
                BODY
            };
            let text = if count == 0 {
                "·".to_owned()
            } else {
                count.to_string()
            };
            row.push(plain(
                doc,
                &text,
                table.inner(1 + col),
                if count == 0 { BODY.colour(GREY) } else { style },
            ));
        }
        doc.table_row(
            &table,
            Row {
                cells: row,
                background: None,
            },
        );
    }
    doc.y += 12.0;

    // The largest cell-to-cell moves.
    let mut moves: Vec<((Score, Score), usize)> =
        cells.into_iter().filter(|((a, b), _)| a != b).collect();
    moves.sort_by(|a, b| {
        b.1.cmp(&a.1).then_with(|| {
            (b.0 .0.likelihood, b.0 .0.impact).cmp(&(a.0 .0.likelihood, a.0 .0.impact))
        })
    });
    if moves.is_empty() {
        return;
    }
    doc.heading("Largest moves between cells", 11.0, 60.0);
    let table = Table::new(
        left,
        width.min(420.0),
        &[
            ("From (inherent)", 2.0, Align::Left),
            ("To (residual)", 2.0, Align::Left),
            ("Risks", 0.8, Align::Right),
        ],
        HEAD,
    );
    doc.table_start(&table);
    for ((from, to), count) in moves.into_iter().take(12) {
        let cells = vec![
            cell_chip(doc, m, from, table.inner(0)),
            cell_chip(doc, m, to, table.inner(1)),
            plain(doc, &count.to_string(), table.inner(2), BODY.bold()),
        ];
        doc.table_row(
            &table,
            Row {
                cells,
                background: None,
            },
        );
    }
}

fn cell_chip(doc: &Doc, m: &Matrix, s: Score, width: f32) -> Vec<Item> {
    let l = m.level_index(s).unwrap_or(0);
    let text = format!("{} (L{} × I{})", m.levels[l].name, s.likelihood, s.impact);
    doc.chip(&text, width, BODY.size, level_colour(m, l))
}

// ---------------------------------------------------------------------------------
// Register

fn register(doc: &mut Doc, data: &ReportData, tick: &mut Ticker) {
    let m = data.matrix;
    let (left, width) = (doc.left(), doc.content_width());
    doc.heading("Risk register", 16.0, 80.0);
    let intro = if data.scope.is_empty() {
        format!("{} risks, in reference order.", data.entries.len())
    } else {
        format!(
            "{} risks ({}), in reference order.",
            data.entries.len(),
            data.scope
        )
    };
    doc.paragraph(&intro, BODY.colour(MUTED), left, width);
    doc.y += 4.0;
    if data.entries.is_empty() {
        doc.paragraph("No risks match.", BODY, left, width);
        return;
    }
    let mut by_risk: HashMap<&str, Vec<&Action>> = HashMap::new();
    for a in &data.actions {
        by_risk.entry(a.risk_id.as_str()).or_default().push(a);
    }
    // Short columns are as wide as their longest value, so that references, level
    // chips and statuses never break; the rest goes to the two long texts.
    let pad = 2.0 * 3.0 + 1.0;
    let widest = |texts: &mut dyn Iterator<Item = String>, style: Style| {
        texts.map(|t| doc.width(&t, style)).fold(0.0f32, f32::max) + pad
    };
    let ref_w = widest(
        &mut data.entries.iter().map(|e| e.risk.reference.clone()),
        BODY.bold(),
    );
    let chip_w = widest(&mut m.levels.iter().map(|l| l.name.clone()), BODY.bold())
        .max(doc.width("L7 × I7", SMALL) + pad)
        + 5.0;
    let status_w = widest(
        &mut crate::model::RiskStatus::ALL
            .iter()
            .map(|s| humanise(s.as_str())),
        BODY,
    );
    let (cat_w, owner_w) = (62.0, 62.0);
    let chip_w = chip_w.min(width * 0.1);
    let rest = (width - ref_w - 3.0 * chip_w - status_w - cat_w - owner_w).max(200.0);
    let table = Table::fixed(
        left,
        &[
            ("Ref", ref_w, Align::Left),
            ("Risk and description", rest * 0.66, Align::Left),
            ("Category", cat_w, Align::Left),
            ("Owner", owner_w, Align::Left),
            ("Inherent", chip_w, Align::Left),
            ("Residual", chip_w, Align::Left),
            ("Target", chip_w, Align::Left),
            ("Status", status_w, Align::Left),
            ("Treatment and mitigation", rest * 0.34, Align::Left),
        ],
        HEAD,
    );
    doc.table_start(&table);
    for (n, e) in data.entries.iter().enumerate() {
        let f = &e.risk.fields;
        let mut risk = Vec::new();
        doc.push_cell(&mut risk, &f.title, table.inner(1), BODY.bold(), None);
        if !f.description.trim().is_empty() {
            doc.push_cell(
                &mut risk,
                f.description.trim(),
                table.inner(1),
                DESCRIPTION,
                None,
            );
        }
        let mut mitigation = Vec::new();
        let w = table.inner(8);
        match f.treatment {
            Some(t) => doc.push_cell(&mut mitigation, &humanise(t.as_str()), w, BODY.bold(), None),
            None => doc.push_cell(
                &mut mitigation,
                "No treatment decided",
                w,
                BODY.colour(MUTED),
                None,
            ),
        }
        if !f.treatment_rationale.trim().is_empty() {
            doc.push_cell(&mut mitigation, f.treatment_rationale.trim(), w, BODY, None);
        }
        if f.treatment == Some(crate::model::Treatment::Accept) {
            let text = format!(
                "Accepted by {} until {}",
                or_dash(&f.acceptance_approver),
                date(f.acceptance_expiry)
            );
            doc.push_cell(&mut mitigation, &text, w, BODY.colour(MUTED), None);
        }
        for a in by_risk.get(e.risk.id.as_str()).into_iter().flatten() {
            let overdue = a.fields.is_overdue(data.today);
            let mut text = format!("• {}", a.fields.title);
            if let Some(due) = a.fields.due {
                text.push_str(&format!(" (due {})", due.format("%Y-%m-%d")));
            }
            let style = if overdue { BODY.colour(ALERT) } else { BODY };
            doc.push_cell(&mut mitigation, &text, w, style, None);
        }
        if e.overdue_actions > 0 {
            let text = format!(
                "{} overdue action{}",
                e.overdue_actions,
                if e.overdue_actions == 1 { "" } else { "s" }
            );
            doc.push_cell(&mut mitigation, &text, w, BODY.bold().colour(ALERT), None);
        }
        let cells = vec![
            plain(doc, &e.risk.reference, table.inner(0), BODY.bold()),
            risk,
            plain(doc, category_name(data, &f.category), table.inner(2), BODY),
            plain(doc, &f.owner, table.inner(3), BODY),
            score_chip(doc, m, f.inherent, table.inner(4)),
            score_chip(doc, m, f.residual, table.inner(5)),
            score_chip(doc, m, f.target, table.inner(6)),
            plain(doc, &humanise(f.status.as_str()), table.inner(7), BODY),
            mitigation,
        ];
        let background = (n % 2 == 1).then_some(ZEBRA);
        doc.table_row(&table, Row { cells, background });
        tick.step();
    }
}

// ---------------------------------------------------------------------------------
// Mitigation plan

fn plan(doc: &mut Doc, data: &ReportData, tick: &mut Ticker) {
    let (left, width) = (doc.left(), doc.content_width());
    let by_month = data.options.plan_grouping == PlanGrouping::DueMonth;
    doc.heading("Mitigation plan", 16.0, 80.0);
    let overdue = data
        .actions
        .iter()
        .filter(|a| a.fields.is_overdue(data.today))
        .count();
    let intro = format!(
        "{} actions, {overdue} overdue as of {}, grouped by {}{}.",
        data.actions.len(),
        data.today.format("%Y-%m-%d"),
        if by_month { "due month" } else { "owner" },
        if data.scope.is_empty() {
            String::new()
        } else {
            format!("; risks: {}", data.scope)
        }
    );
    doc.paragraph(&intro, BODY.colour(MUTED), left, width);
    doc.y += 4.0;
    if data.actions.is_empty() {
        doc.paragraph("No actions in this report.", BODY, left, width);
        return;
    }
    // Group keys sort so that "no owner" / "no due date" come last.
    let mut groups: BTreeMap<(bool, String), Vec<&Action>> = BTreeMap::new();
    for a in &data.actions {
        let key = if by_month {
            match a.fields.due {
                Some(d) => (false, d.format("%Y-%m").to_string()),
                None => (true, "No due date".to_owned()),
            }
        } else if a.fields.owner.trim().is_empty() {
            (true, "No owner".to_owned())
        } else {
            (false, a.fields.owner.trim().to_owned())
        };
        groups.entry(key).or_default().push(a);
    }
    let risks: HashMap<&str, &RegisterEntry> = data
        .entries
        .iter()
        .map(|e| (e.risk.id.as_str(), e))
        .collect();
    let table = Table::new(
        left,
        width,
        &[
            ("Risk", 1.9, Align::Left),
            ("Action", 3.5, Align::Left),
            ("Residual", 0.9, Align::Left),
            ("Due", 0.9, Align::Left),
            ("Status", 0.8, Align::Left),
            ("Cost", 1.3, Align::Right),
        ],
        HEAD,
    );
    doc.table_start(&table);
    let mut grand: BTreeMap<String, i64> = BTreeMap::new();
    for ((_, name), actions) in &groups {
        let late = actions
            .iter()
            .filter(|a| a.fields.is_overdue(data.today))
            .count();
        let label = format!(
            "{name} — {} action{}{}",
            actions.len(),
            if actions.len() == 1 { "" } else { "s" },
            if late > 0 {
                format!(", {late} overdue")
            } else {
                String::new()
            }
        );
        let band = plain(
            doc,
            &label,
            table.width() - 2.0 * table.pad,
            BODY.bold().colour(NAVY),
        );
        doc.table_band(&table, band, Colour::rgb(0xE3, 0xEA, 0xF3));
        let mut subtotal: BTreeMap<String, i64> = BTreeMap::new();
        for a in actions {
            let f = &a.fields;
            let overdue = f.is_overdue(data.today);
            let mut risk = plain(
                doc,
                reference(data, &a.risk_id),
                table.inner(0),
                BODY.bold(),
            );
            let entry = risks.get(a.risk_id.as_str());
            if let Some(e) = entry {
                doc.push_cell(
                    &mut risk,
                    &e.risk.fields.title,
                    table.inner(0),
                    SMALL.colour(MUTED),
                    None,
                );
            }
            let mut action = plain(doc, &f.title, table.inner(1), BODY);
            if !f.detail.trim().is_empty() {
                doc.push_cell(
                    &mut action,
                    f.detail.trim(),
                    table.inner(1),
                    SMALL.colour(MUTED),
                    None,
                );
            }
            if by_month {
                let owner = format!("Owner: {}", or_dash(&f.owner));
                doc.push_cell(
                    &mut action,
                    &owner,
                    table.inner(1),
                    SMALL.bold().colour(MUTED),
                    None,
                );
            }
            let level = entry.and_then(|e| e.risk.fields.residual.or(e.risk.fields.inherent));
            let mut due = plain(
                doc,
                &date(f.due),
                table.inner(3),
                if overdue {
                    BODY.bold().colour(ALERT)
                } else {
                    BODY
                },
            );
            if overdue {
                let days = f.due.map_or(0, |d| (data.today - d).num_days());
                doc.push_cell(
                    &mut due,
                    &format!("overdue {days} d"),
                    table.inner(3),
                    SMALL.bold().colour(ALERT),
                    None,
                );
            }
            let cost = match &f.cost {
                Some(c) => {
                    *subtotal.entry(c.currency.clone()).or_default() += c.minor;
                    *grand.entry(c.currency.clone()).or_default() += c.minor;
                    money(c.minor, &c.currency)
                }
                None => "—".to_owned(),
            };
            let cells = vec![
                risk,
                action,
                score_chip(doc, data.matrix, level, table.inner(2)),
                due,
                plain(doc, &humanise(f.status.as_str()), table.inner(4), BODY),
                plain(doc, &cost, table.inner(5), BODY),
            ];
            doc.table_row(
                &table,
                Row {
                    cells,
                    background: overdue.then_some(OVERDUE),
                },
            );
            tick.step();
        }
        total_row(doc, &table, &format!("Subtotal {name}"), &subtotal, false);
    }
    total_row(doc, &table, "Total cost of the plan", &grand, true);
}

fn total_row(doc: &mut Doc, table: &Table, label: &str, sums: &BTreeMap<String, i64>, grand: bool) {
    let style = if grand {
        BODY.bold()
    } else {
        BODY.bold().colour(MUTED)
    };
    let text = if sums.is_empty() {
        "—".to_owned()
    } else {
        sums.iter()
            .map(|(c, m)| money(*m, c))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let label_width: f32 =
        table.columns[..5].iter().map(|c| c.width).sum::<f32>() - 2.0 * table.pad;
    let label = plain(doc, label, label_width, style);
    let value = plain(doc, &text, table.inner(5), style);
    let colour = if grand {
        Colour::rgb(0xE3, 0xEA, 0xF3)
    } else {
        ZEBRA
    };
    doc.table_total(table, label, value, colour);
}

// ---------------------------------------------------------------------------------
// Requirements

fn requirements(doc: &mut Doc, data: &ReportData) {
    let (left, width) = (doc.left(), doc.content_width());
    doc.heading("Requirements and controls", 16.0, 80.0);
    let mut counts: BTreeMap<RequirementStatus, usize> = BTreeMap::new();
    for r in data.requirements {
        *counts.entry(r.fields.status).or_default() += 1;
    }
    let parts: Vec<String> = counts
        .iter()
        .map(|(s, n)| format!("{n} {}", humanise(s.as_str()).to_lowercase()))
        .collect();
    let intro = if data.requirements.is_empty() {
        "The partnership has no requirements.".to_owned()
    } else {
        format!(
            "{} requirements: {}.",
            data.requirements.len(),
            parts.join(", ")
        )
    };
    doc.paragraph(&intro, BODY.colour(MUTED), left, width);
    doc.y += 4.0;
    if data.requirements.is_empty() {
        return;
    }
    let table = Table::new(
        left,
        width,
        &[
            ("Code", 0.9, Align::Left),
            ("Requirement", 3.5, Align::Left),
            ("Area", 1.1, Align::Left),
            ("Status", 1.25, Align::Left),
            ("Mitigates", 1.0, Align::Left),
            ("Evidence", 2.0, Align::Left),
        ],
        HEAD,
    );
    doc.table_start(&table);
    for (n, r) in data.requirements.iter().enumerate() {
        let f = &r.fields;
        let mut req = plain(doc, &f.title, table.inner(1), BODY.bold());
        if !f.description.trim().is_empty() {
            doc.push_cell(
                &mut req,
                f.description.trim(),
                table.inner(1),
                SMALL.colour(MUTED),
                None,
            );
        }
        let refs: Vec<&str> = r.risk_ids.iter().map(|id| reference(data, id)).collect();
        let cells = vec![
            plain(doc, &f.code, table.inner(0), BODY.bold()),
            req,
            plain(doc, &f.area, table.inner(2), BODY),
            status_chip(doc, f.status, table.inner(3)),
            plain(doc, &refs.join(", "), table.inner(4), SMALL),
            plain(doc, f.evidence.trim(), table.inner(5), SMALL),
        ];
        doc.table_row(
            &table,
            Row {
                cells,
                background: (n % 2 == 1).then_some(ZEBRA),
            },
        );
    }
}

// ---------------------------------------------------------------------------------
// Appendix

fn appendix(doc: &mut Doc, data: &ReportData) {
    let m = data.matrix;
    let (left, width) = (doc.left(), doc.content_width());
    doc.heading("Appendix: scoring matrix", 16.0, 80.0);
    let (lmax, imax) = m.size();
    let intro = format!(
        "{} — {lmax} likelihood levels × {imax} impact levels, {} risk levels. {}",
        m.name,
        m.levels.len(),
        m.description.trim()
    );
    doc.paragraph(intro.trim(), BODY, left, width);
    doc.paragraph(
        "The level of a risk is looked up in the grid below, never computed from likelihood × impact.",
        BODY.colour(MUTED),
        left,
        width,
    );
    doc.y += 8.0;

    subheading(doc, "Risk levels");
    let table = Table::new(
        left,
        width,
        &[
            ("Level", 1.3, Align::Left),
            ("Meaning", 4.2, Align::Left),
            ("Review every", 1.1, Align::Right),
            ("Appetite", 1.1, Align::Left),
        ],
        HEAD,
    );
    doc.table_start(&table);
    for l in (0..m.levels.len()).rev() {
        let level = &m.levels[l];
        let cells = vec![
            doc.chip(&level.name, table.inner(0), BODY.size, level_colour(m, l)),
            plain(doc, &level.description, table.inner(1), BODY),
            plain(
                doc,
                &format!("{} days", level.review_days),
                table.inner(2),
                BODY,
            ),
            plain(
                doc,
                if level.within_appetite {
                    "Within"
                } else {
                    "Outside"
                },
                table.inner(3),
                BODY,
            ),
        ];
        doc.table_row(
            &table,
            Row {
                cells,
                background: None,
            },
        );
    }
    doc.y += 12.0;

    let g = grid_geometry(doc, m, 70.0);
    doc.ensure(grid_height(doc, m, &g) + 30.0);
    subheading(doc, "The grid");
    let name = |l: usize, i: usize| {
        m.level_index(Score::new(l as u8, i as u8))
            .map_or_else(String::new, |x| m.levels[x].name.clone())
    };
    draw_grid(doc, m, &g, &name, Style::new(7.0).bold());
    doc.y += 10.0;

    for (title, axis) in [
        ("Likelihood levels", &m.likelihood),
        ("Impact levels", &m.impact),
    ] {
        subheading(doc, title);
        let table = Table::new(
            left,
            width,
            &[
                ("#", 0.35, Align::Right),
                ("Label", 1.4, Align::Left),
                ("Range", 1.5, Align::Left),
                ("Description", 4.6, Align::Left),
            ],
            HEAD,
        );
        doc.table_start(&table);
        for (i, a) in axis.iter().enumerate().rev() {
            let cells = vec![
                plain(doc, &(i + 1).to_string(), table.inner(0), BODY),
                plain(doc, &a.label, table.inner(1), BODY.bold()),
                plain(doc, a.range.as_deref().unwrap_or("—"), table.inner(2), BODY),
                plain(doc, &a.description, table.inner(3), BODY),
            ];
            doc.table_row(
                &table,
                Row {
                    cells,
                    background: None,
                },
            );
        }
        doc.y += 12.0;
    }
}
