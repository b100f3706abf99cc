//! The exit plan, when the partnership has one: the agreement with the last day to give
//! notice, the readiness and its gaps, and each scenario with its timeline (the whole plan,
//! with data, assets, tests and sign-off, is the exit plan PDF of its own).

use crate::report::kit::{Doc, BODY, MUTED};

use super::{ReportData, Ticker};

pub(super) fn draw(doc: &mut Doc, data: &ReportData, _: &mut Ticker) {
    // Only chosen when there is a plan (see `render_pdf`).
    let Some(exit) = &data.exit else { return };
    let (left, width) = (doc.left(), doc.content_width());
    doc.heading("Exit plan", 18.0, 80.0);
    doc.paragraph(
        "How we would leave the partnership: the agreement's deadlines, what the plan still lacks, and the scenarios with the critical path of their steps. The exit plan PDF holds the whole plan.",
        BODY.colour(MUTED),
        left,
        width,
    );
    doc.y += 10.0;
    crate::report::exit_plan::draw_in_report(doc, data.partnership, exit, data.today);
}
