//! Requirements and controls: every requirement with its status, the risks it
//! mitigates and its evidence.

use std::collections::BTreeMap;

use crate::model::RequirementStatus;
use crate::report::kit::{chips, humanise, Align, Doc, Table, BODY, HEAD, MUTED, SMALL, ZEBRA};

use super::{reference, ReportData, Ticker};

pub(super) fn draw(doc: &mut Doc, data: &ReportData, _: &mut Ticker) {
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
    let mut t = doc.table(Table::new(
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
    ));
    for (n, r) in data.requirements.iter().enumerate() {
        let f = &r.fields;
        let refs: Vec<&str> = r.risk_ids.iter().map(|id| reference(data, id)).collect();
        t.row()
            .text(&f.code, BODY.bold())
            .cell(|c| {
                c.text(&f.title, BODY.bold());
                if !f.description.trim().is_empty() {
                    c.text(f.description.trim(), SMALL.colour(MUTED));
                }
            })
            .text(&f.area, BODY)
            .cell(|c| chips::status(c, f.status))
            .text(&refs.join(", "), SMALL)
            .text(f.evidence.trim(), SMALL)
            .draw_on((n % 2 == 1).then_some(ZEBRA));
    }
}
