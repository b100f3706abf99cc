//! The summary: key figures, risks by level and by category, the ten highest risks,
//! overdue actions and requirements not in place.

use std::collections::BTreeMap;

use crate::model::{Action, ScoreKind};
use crate::register::RegisterEntry;
use crate::report::kit::blocks::{key_figures, Figure};
use crate::report::kit::chips::{self, level_colour, score_level};
use crate::report::kit::{
    date, humanise, Align, Doc, Table, ALERT, BODY, HEAD, MUTED, NAVY, OVERDUE, ZEBRA,
};

use super::{category_name, current_level, reference, ReportData, Ticker};

/// Lists of overdue actions and open requirements stop after this many rows.
const LIMIT: usize = 15;

pub(super) fn draw(doc: &mut Doc, data: &ReportData, _: &mut Ticker) {
    let m = data.matrix;
    let (left, width) = (doc.left(), doc.content_width());
    doc.heading("Summary", 16.0, 120.0);
    if !data.scope.is_empty() {
        let text = format!(
            "This report covers {} risks: {}.",
            data.entries.len(),
            data.scope
        );
        doc.paragraph(&text, BODY.colour(MUTED), left, width);
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
    let open_requirements = data
        .requirements
        .iter()
        .filter(|r| !r.fields.status.is_in_place())
        .count();
    let alert_if = |n: usize| if n > 0 { ALERT } else { NAVY };
    let figure = |n: usize, label, colour| Figure {
        number: n.to_string(),
        label,
        colour,
    };
    key_figures(
        doc,
        &[
            figure(data.entries.len(), "risks in this report", NAVY),
            figure(outside, "outside appetite", alert_if(outside)),
            figure(overdue.len(), "overdue actions", alert_if(overdue.len())),
            figure(
                open_requirements,
                "requirements not in place",
                alert_if(open_requirements),
            ),
        ],
    );

    levels_table(doc, data);
    doc.y += 14.0;
    for kind in [ScoreKind::Inherent, ScoreKind::Residual] {
        category_table(doc, data, kind);
        doc.y += 14.0;
    }
    top_ten(doc, data);
    doc.y += 14.0;
    overdue_actions(doc, data, &overdue);
    doc.y += 14.0;
    requirements_not_in_place(doc, data);
}

/// How many risks each level holds, for each kind of score.
fn levels_table(doc: &mut Doc, data: &ReportData) {
    let m = data.matrix;
    doc.heading("Risks by level", 11.0, 60.0);
    let mut by_kind = vec![[0usize; 3]; m.levels.len()];
    let mut unscored = [0usize; 3];
    for e in data.entries {
        for (k, kind) in ScoreKind::ALL.into_iter().enumerate() {
            match score_level(m, e.risk.fields.score(kind)) {
                Some(l) => by_kind[l][k] += 1,
                None => unscored[k] += 1,
            }
        }
    }
    let mut t = doc.table(Table::new(
        doc.left(),
        doc.content_width().min(420.0),
        &[
            ("Level", 2.2, Align::Left),
            ("Appetite", 1.6, Align::Left),
            ("Inherent", 1.0, Align::Right),
            ("Residual", 1.0, Align::Right),
            ("Target", 1.0, Align::Right),
        ],
        HEAD,
    ));
    for l in (0..m.levels.len()).rev() {
        let appetite = if m.levels[l].within_appetite {
            "within"
        } else {
            "outside"
        };
        let [a, b, c] = by_kind[l].map(|n| n.to_string());
        t.row()
            .cell(|c| chips::level(c, m, l))
            .text(appetite, BODY)
            .text(&a, BODY)
            .text(&b, BODY)
            .text(&c, BODY)
            .draw();
    }
    let [a, b, c] = unscored.map(|n| n.to_string());
    let muted = BODY.colour(MUTED);
    t.row()
        .text("Not scored", muted)
        .empty()
        .text(&a, muted)
        .text(&b, muted)
        .text(&c, muted)
        .draw();
}

/// Risks per category and level for one kind of score, with totals.
fn category_table(doc: &mut Doc, data: &ReportData, kind: ScoreKind) {
    let m = data.matrix;
    let n = m.levels.len();
    let mut counts: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for e in data.entries {
        let row = counts
            .entry(category_name(data, &e.risk.fields.category))
            .or_insert_with(|| vec![0; n + 1]);
        match score_level(m, e.risk.fields.score(kind)) {
            Some(l) => row[l] += 1,
            None => row[n] += 1,
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
    let mut t = doc.table(Table::new(doc.left(), doc.content_width(), &spec, HEAD));
    let mut totals = vec![0usize; n + 1];
    for (name, row) in &counts {
        let mut r = t.row().text(name, BODY);
        for l in (0..n).rev() {
            r = r.cell(|c| chips::count(c, row[l], level_colour(m, l)));
            totals[l] += row[l];
        }
        totals[n] += row[n];
        let sum: usize = row.iter().sum();
        r.text(&row[n].to_string(), BODY.colour(MUTED))
            .text(&sum.to_string(), BODY.bold())
            .draw();
    }
    let mut r = t.row().text("Total", BODY.bold());
    for l in (0..n).rev().chain([n]) {
        r = r.text(&totals[l].to_string(), BODY.bold());
    }
    let sum: usize = totals.iter().sum();
    r.text(&sum.to_string(), BODY.bold()).draw_on(Some(ZEBRA));
}

/// The ten risks with the highest residual (then inherent) level.
fn top_ten(doc: &mut Doc, data: &ReportData) {
    let m = data.matrix;
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
    if ranked.is_empty() {
        let (left, width) = (doc.left(), doc.content_width());
        doc.paragraph("No risks in this report.", BODY.colour(MUTED), left, width);
        return;
    }
    let mut t = doc.table(Table::new(
        doc.left(),
        doc.content_width(),
        &[
            ("Ref", 1.05, Align::Left),
            ("Risk", 4.25, Align::Left),
            ("Owner", 1.6, Align::Left),
            ("Inherent", 1.3, Align::Left),
            ("Residual", 1.3, Align::Left),
            ("Status", 1.1, Align::Left),
        ],
        HEAD,
    ));
    for e in ranked.into_iter().take(10) {
        let f = &e.risk.fields;
        t.row()
            .text(&e.risk.reference, BODY.bold())
            .text(&f.title, BODY)
            .text(&f.owner, BODY)
            .cell(|c| chips::score(c, m, f.inherent))
            .cell(|c| chips::score(c, m, f.residual))
            .text(&humanise(f.status.as_str()), BODY)
            .draw();
    }
}

fn overdue_actions(doc: &mut Doc, data: &ReportData, overdue: &[&&Action]) {
    let (left, width) = (doc.left(), doc.content_width());
    doc.heading("Overdue actions", 11.0, 50.0);
    if overdue.is_empty() {
        doc.paragraph("No action is overdue.", BODY.colour(MUTED), left, width);
        return;
    }
    let mut t = doc.table(Table::new(
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
    ));
    for a in overdue.iter().take(LIMIT) {
        let days = a.fields.due.map_or(0, |d| (data.today - d).num_days());
        t.row()
            .text(reference(data, &a.risk_id), BODY.bold())
            .text(&a.fields.title, BODY)
            .text(&a.fields.owner, BODY)
            .text(&date(a.fields.due), BODY)
            .text(&format!("{days} days"), BODY.bold().colour(ALERT))
            .draw_on(Some(OVERDUE));
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

fn requirements_not_in_place(doc: &mut Doc, data: &ReportData) {
    let (left, width) = (doc.left(), doc.content_width());
    doc.heading("Requirements not in place", 11.0, 50.0);
    let open: Vec<_> = data
        .requirements
        .iter()
        .filter(|r| !r.fields.status.is_in_place())
        .collect();
    if open.is_empty() {
        let text = if data.requirements.is_empty() {
            "The partnership has no requirements."
        } else {
            "Every requirement is in place."
        };
        doc.paragraph(text, BODY.colour(MUTED), left, width);
        return;
    }
    let mut t = doc.table(Table::new(
        left,
        width,
        &[
            ("Code", 1.0, Align::Left),
            ("Requirement", 5.2, Align::Left),
            ("Area", 1.6, Align::Left),
            ("Status", 1.5, Align::Left),
        ],
        HEAD,
    ));
    for r in open.iter().take(LIMIT) {
        t.row()
            .text(&r.fields.code, BODY.bold())
            .text(&r.fields.title, BODY)
            .text(&r.fields.area, BODY)
            .cell(|c| chips::status(c, r.fields.status))
            .draw();
    }
    if open.len() > LIMIT {
        doc.y += 3.0;
        let more = format!(
            "…and {} more in the requirements section.",
            open.len() - LIMIT
        );
        doc.paragraph(&more, BODY.colour(MUTED), left, width);
    }
}
