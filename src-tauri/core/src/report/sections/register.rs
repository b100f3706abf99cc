//! The register: every risk of the report with its description, scores, status,
//! treatment and actions, one row each, on landscape pages; where chosen, the partner's
//! latest view of each risk in a column of its own beside ours.

use std::collections::HashMap;

use crate::exchange::PartnerView;
use crate::matrix::Matrix;
use crate::model::{Action, RiskFields, RiskStatus, Treatment};
use crate::report::kit::{
    chips, date, humanise, or_dash, Align, Doc, Style, Table, ALERT, BODY, HEAD, MUTED, SMALL,
    ZEBRA,
};

use super::{category_name, ReportData, Ticker};

/// Long texts in the register: a little smaller than the cells around them.
const DESCRIPTION: Style = Style::new(7.4);

pub(super) fn draw(doc: &mut Doc, data: &ReportData, tick: &mut Ticker) {
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
    let mut t = doc.table(columns(doc, data));
    for (n, e) in data.entries.iter().enumerate() {
        let f = &e.risk.fields;
        let background = (n % 2 == 1).then_some(ZEBRA);
        let row = t
            .row()
            .text(&e.risk.reference, BODY.bold())
            .cell(|c| {
                c.text(&f.title, BODY.bold());
                if !f.description.trim().is_empty() {
                    c.text(f.description.trim(), DESCRIPTION);
                }
            })
            .text(category_name(data, &f.category), BODY)
            .text(&f.owner, BODY)
            .cell(|c| chips::score(c, m, f.inherent))
            .cell(|c| chips::score(c, m, f.residual))
            .cell(|c| chips::score(c, m, f.target))
            .text(&humanise(f.status.as_str()), BODY)
            .cell(|c| {
                match f.treatment {
                    Some(t) => c.text(&humanise(t.as_str()), BODY.bold()),
                    None => c.text("No treatment decided", BODY.colour(MUTED)),
                };
                if !f.treatment_rationale.trim().is_empty() {
                    c.text(f.treatment_rationale.trim(), BODY);
                }
                if f.treatment == Some(Treatment::Accept) {
                    let text = format!(
                        "Accepted by {} until {}",
                        or_dash(&f.acceptance_approver),
                        date(f.acceptance_expiry)
                    );
                    c.text(&text, BODY.colour(MUTED));
                }
                for a in by_risk.get(e.risk.id.as_str()).into_iter().flatten() {
                    let mut text = format!("• {}", a.fields.title);
                    if let Some(due) = a.fields.due {
                        text.push_str(&format!(" (due {})", due.format("%Y-%m-%d")));
                    }
                    let overdue = a.fields.is_overdue(data.today);
                    c.text(&text, if overdue { BODY.colour(ALERT) } else { BODY });
                }
                if e.overdue_actions > 0 {
                    let text = format!(
                        "{} overdue action{}",
                        e.overdue_actions,
                        if e.overdue_actions == 1 { "" } else { "s" }
                    );
                    c.text(&text, BODY.bold().colour(ALERT));
                }
            });
        let row = match &data.partner_views {
            Some(views) => row.cell(|c| partner_view(c, m, f, views.get(e.risk.id.as_str()))),
            None => row,
        };
        row.draw_on(background);
        tick.step();
    }
}

/// The partner's latest view of a risk: the scores where they differ from ours (the
/// others in one line), their words, who and when.
fn partner_view(
    c: &mut crate::report::kit::Cell,
    m: &Matrix,
    ours: &RiskFields,
    view: Option<&PartnerView>,
) {
    let Some(v) = view else {
        c.text("No view from the partner", BODY.colour(MUTED));
        return;
    };
    let mut same = Vec::new();
    for (kind, theirs, ours) in [
        ("inherent", v.inherent, ours.inherent),
        ("residual", v.residual, ours.residual),
        ("target", v.target, ours.target),
    ] {
        match theirs {
            Some(score) if theirs != ours => {
                c.text(&humanise(kind), SMALL.colour(MUTED));
                chips::matrix_cell(c, m, score);
            }
            Some(_) => same.push(kind),
            None => {}
        }
    }
    if !same.is_empty() {
        c.text(
            &format!("As ours: {}", same.join(", ")),
            SMALL.colour(MUTED),
        );
    }
    if !v.comment.trim().is_empty() {
        c.text(v.comment.trim(), DESCRIPTION);
    }
    let by = format!("{}, {}", v.author, v.at.format("%Y-%m-%d"));
    c.text(&by, SMALL.colour(MUTED));
}

/// Short columns are as wide as their longest value, so that references, level chips
/// and statuses never break; the rest goes to the two long texts.
fn columns(doc: &Doc, data: &ReportData) -> Table {
    let m = data.matrix;
    let width = doc.content_width();
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
        &mut RiskStatus::ALL.iter().map(|s| humanise(s.as_str())),
        BODY,
    );
    let (cat_w, owner_w) = (62.0, 62.0);
    let chip_w = chip_w.min(width * 0.1);
    // The partner's column takes its room from the description more than from the
    // treatment, whose list of actions makes the tallest cells.
    let (partner_w, description) = if data.partner_views.is_some() {
        ((chip_w + 30.0).max(width * 0.13), 0.52)
    } else {
        (0.0, 0.66)
    };
    let rest = (width - ref_w - 3.0 * chip_w - status_w - cat_w - owner_w - partner_w).max(200.0);
    let mut columns = vec![
        ("Ref", ref_w, Align::Left),
        ("Risk and description", rest * description, Align::Left),
        ("Category", cat_w, Align::Left),
        ("Owner", owner_w, Align::Left),
        ("Inherent", chip_w, Align::Left),
        ("Residual", chip_w, Align::Left),
        ("Target", chip_w, Align::Left),
        ("Status", status_w, Align::Left),
        (
            "Treatment and mitigation",
            rest * (1.0 - description),
            Align::Left,
        ),
    ];
    if data.partner_views.is_some() {
        columns.push(("Partner's view", partner_w, Align::Left));
    }
    Table::fixed(doc.left(), &columns, HEAD)
}
