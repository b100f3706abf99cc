//! The review log: the analyst's reviews of the report's risks in a period — decision,
//! scores before and after, next review, rationale, and whether the sign-off still
//! holds — and every acceptance with its approver and expiry.

use std::collections::{BTreeMap, HashSet};

use crate::matrix::Score;
use crate::report::kit::{
    chips, humanise, plural, Align, Doc, Style, Table, ALERT, BODY, HEAD, MUTED, OVERDUE, SMALL,
    ZEBRA,
};
use crate::review::acceptance::{Acceptance, AcceptanceState};
use crate::review::Review;
use crate::store::EXPIRING_DAYS;

use super::{ReportData, Ticker};

pub(super) fn draw(doc: &mut Doc, data: &ReportData, _: &mut Ticker) {
    let (left, width) = (doc.left(), doc.content_width());
    doc.heading("Review log", 16.0, 80.0);
    doc.paragraph(&summary(data), BODY.colour(MUTED), left, width);
    doc.y += 4.0;
    if !data.reviews.is_empty() {
        reviews(doc, data);
    }
    doc.y += 12.0;
    doc.subheading("Acceptances");
    let intro = acceptance_summary(data);
    doc.paragraph(&intro, BODY.colour(MUTED), left, width);
    doc.y += 4.0;
    if !data.acceptances.is_empty() {
        acceptances(doc, data);
    }
}

fn summary(data: &ReportData) -> String {
    let period = format!("From {} to {}", data.review_since, data.today);
    if data.reviews.is_empty() {
        return format!("{period}: no review of the risks in this report.");
    }
    let mut decisions: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &data.reviews {
        *decisions.entry(r.decision.as_str()).or_default() += 1;
    }
    let parts: Vec<String> = decisions
        .iter()
        .map(|(d, n)| format!("{n} {}", humanise(d).to_lowercase()))
        .collect();
    let risks: HashSet<&str> = data.reviews.iter().map(|r| r.risk_id.as_str()).collect();
    let mut text = format!(
        "{period}: {} review{} of {} risk{} ({}).",
        data.reviews.len(),
        plural(data.reviews.len()),
        risks.len(),
        plural(risks.len()),
        parts.join(", ")
    );
    let undone = data
        .reviews
        .iter()
        .filter(|r| r.withdrawn_by.is_some())
        .count();
    let outdated = data
        .reviews
        .iter()
        .filter(|r| r.withdrawn_by.is_none() && r.outdated)
        .count();
    if outdated > 0 {
        text.push_str(&if outdated == 1 {
            " 1 sign-off is outdated: its risk's scores, treatment or status changed after the review.".to_string()
        } else {
            format!(" {outdated} sign-offs are outdated: their risks' scores, treatment or status changed after the review.")
        });
    }
    if undone == 1 {
        text.push_str(" 1 review was undone and no longer counts.");
    } else if undone > 1 {
        text.push_str(&format!(
            " {undone} reviews were undone and no longer count."
        ));
    }
    text
}

fn reviews(doc: &mut Doc, data: &ReportData) {
    let (left, width) = (doc.left(), doc.content_width());
    let mut t = doc.table(Table::new(
        left,
        width,
        &[
            ("Date", 0.85, Align::Left),
            ("Risk", 0.75, Align::Left),
            ("Reviewer", 1.1, Align::Left),
            ("Decision", 0.95, Align::Left),
            ("Residual", 1.2, Align::Left),
            ("Next review", 1.1, Align::Left),
            ("Rationale", 3.2, Align::Left),
            ("Sign-off", 1.1, Align::Left),
        ],
        HEAD,
    ));
    for (n, r) in data.reviews.iter().enumerate() {
        let (state, style, flagged) = sign_off(r);
        t.row()
            .text(&r.reviewed_on.to_string(), BODY)
            .text(&r.reference, BODY.bold())
            .text(&r.reviewer, BODY)
            .text(&humanise(r.decision.as_str()), BODY)
            .cell(|c| {
                if r.residual_before != r.residual_after {
                    c.text(
                        &format!("was {}", score_text(r.residual_before)),
                        SMALL.colour(MUTED),
                    );
                }
                chips::score(c, data.matrix, r.residual_after.or(r.inherent_after));
            })
            .cell(|c| {
                c.text(&r.next_review.to_string(), BODY);
                c.text(
                    &humanise(r.next_review_source.as_str()),
                    SMALL.colour(MUTED),
                );
            })
            .text(r.rationale.trim(), SMALL)
            .text(&state, style)
            .draw_on(if flagged {
                Some(OVERDUE)
            } else {
                (n % 2 == 1).then_some(ZEBRA)
            });
    }
}

/// Whether a review's sign-off holds, in words, and whether to flag its row.
fn sign_off(r: &Review) -> (String, Style, bool) {
    match (&r.withdrawn_by, r.outdated) {
        (Some(by), _) => (format!("Undone by {by}"), SMALL.colour(MUTED), false),
        (None, true) => ("Outdated".into(), BODY.bold().colour(ALERT), true),
        (None, false) => ("Current".into(), BODY, false),
    }
}

fn score_text(s: Option<Score>) -> String {
    s.map_or("unscored".into(), |s| {
        format!("L{} × I{}", s.likelihood, s.impact)
    })
}

fn acceptance_summary(data: &ReportData) -> String {
    if data.acceptances.is_empty() {
        return "No acceptance has been asked for the risks in this report.".into();
    }
    let count = |f: &dyn Fn(&Acceptance) -> bool| data.acceptances.iter().filter(|a| f(a)).count();
    let running = count(&|a| a.state == AcceptanceState::Approved && !a.expired);
    let expiring = count(&|a| expiring(data, a));
    let expired = count(&|a| a.expired);
    let requested = count(&|a| a.state == AcceptanceState::Requested);
    let own = count(&|a| a.self_approved && a.state == AcceptanceState::Approved);
    let mut text = format!(
        "{} acceptance{}: {running} in force ({expiring} expiring within {EXPIRING_DAYS} days), {expired} expired, {requested} waiting for a decision.",
        data.acceptances.len(),
        plural(data.acceptances.len())
    );
    if own > 0 {
        text.push_str(&format!(
            " {own} in force {} approved by the person who asked for {}.",
            if own == 1 { "was" } else { "were" },
            if own == 1 { "it" } else { "them" }
        ));
    }
    text
}

fn expiring(data: &ReportData, a: &Acceptance) -> bool {
    a.state == AcceptanceState::Approved
        && !a.expired
        && (a.expiry - data.today).num_days() < i64::from(EXPIRING_DAYS)
}

fn acceptances(doc: &mut Doc, data: &ReportData) {
    let (left, width) = (doc.left(), doc.content_width());
    let mut t = doc.table(Table::new(
        left,
        width,
        &[
            ("Risk", 0.75, Align::Left),
            ("State", 1.1, Align::Left),
            ("Expires", 0.9, Align::Left),
            ("Approver", 1.2, Align::Left),
            ("Requested by", 1.2, Align::Left),
            ("Justification", 3.0, Align::Left),
            ("Decision", 2.0, Align::Left),
        ],
        HEAD,
    ));
    for (n, a) in data.acceptances.iter().enumerate() {
        let state = if a.expired {
            "Expired".to_string()
        } else {
            humanise(a.state.as_str())
        };
        let alert = a.expired
            || expiring(data, a)
            || (a.self_approved && a.state == AcceptanceState::Approved);
        t.row()
            .text(&a.reference, BODY.bold())
            .cell(|c| {
                let style = if alert {
                    BODY.bold().colour(ALERT)
                } else {
                    BODY
                };
                c.text(&state, style);
                if expiring(data, a) {
                    c.text("expires soon", SMALL.colour(ALERT));
                }
                if a.self_approved {
                    c.text("approver is the requester", SMALL.colour(ALERT));
                }
            })
            .text(&a.expiry.to_string(), BODY)
            .text(&a.approver, BODY)
            .text(&a.requested_by, BODY)
            .text(a.justification.trim(), SMALL)
            .cell(|c| {
                if let (Some(by), Some(at)) = (&a.decided_by, a.decided_at) {
                    c.text(
                        &format!("recorded by {by}, {}", at.format("%Y-%m-%d")),
                        SMALL,
                    );
                }
                if !a.decision_note.trim().is_empty() {
                    c.text(a.decision_note.trim(), SMALL.colour(MUTED));
                }
                if let (Some(by), Some(at)) = (&a.revoked_by, a.revoked_at) {
                    c.text(
                        &format!(
                            "revoked by {by}, {}: {}",
                            at.format("%Y-%m-%d"),
                            a.revoke_reason.trim()
                        ),
                        SMALL,
                    );
                }
            })
            .draw_on((n % 2 == 1).then_some(ZEBRA));
    }
}
