//! The cover: title, partnership, the facts of the report and the confidentiality box.

use crate::report::kit::blocks::{
    confidentiality_box, cover_note, cover_subject, cover_title, fact_rows,
};
use crate::report::kit::{humanise, or_dash, Doc};

use super::{ReportData, Ticker};

pub(super) fn draw(doc: &mut Doc, data: &ReportData, _: &mut Ticker) {
    let p = &data.partnership.fields;
    let title = if data.options.plan_only {
        "Mitigation plan"
    } else {
        "Risk register"
    };
    cover_title(doc, "PARTNERSHIP RISK ASSESSMENT", title);
    let with = format!("with {}", p.partner.trim());
    cover_subject(
        doc,
        &p.name,
        (!p.partner.trim().is_empty()).then_some(&with),
    );

    let scope = if data.scope.is_empty() {
        format!("All {} risks of the partnership", data.entries.len())
    } else {
        format!("{} risks: {}", data.entries.len(), data.scope)
    };
    let rows: Vec<(&str, String)> = vec![
        ("Partner", or_dash(&p.partner)),
        ("Stage", humanise(p.stage.as_str())),
        ("Partnership owner", or_dash(&p.owner)),
        ("Scoring matrix", data.matrix.name.clone()),
        ("Report date", data.today.format("%-d %B %Y").to_string()),
        ("Prepared by", or_dash(&data.options.prepared_by)),
        ("Scope", scope),
    ];
    fact_rows(doc, &rows);
    cover_note(doc, &p.description, 14);
    confidentiality_box(doc, &data.options.confidentiality);
}
