//! The sign-off: lines for the facilitator and the partnership owner, and the digest of
//! the ballots that lets anyone check these minutes against the workspace.

use crate::report::kit::{Doc, Style, BODY, MUTED, RULE};

use super::MinutesData;

pub(super) fn draw(doc: &mut Doc, data: &MinutesData) {
    let w = &data.detail.workshop;
    let (left, width) = (doc.left(), doc.content_width());
    doc.heading("Sign-off", 16.0, 200.0);
    doc.paragraph(
        "We confirm that these minutes record the workshop's participants, votes and decisions as they happened.",
        BODY,
        left,
        width,
    );
    doc.y += 24.0;
    let label = Style::new(8.0).colour(MUTED);
    let facilitator = if w.fields.facilitator.trim().is_empty() {
        "Facilitator".to_owned()
    } else {
        format!("Facilitator: {}", w.fields.facilitator.trim())
    };
    for who in [
        facilitator.as_str(),
        "Partnership owner",
        "Partner's representative",
    ] {
        let lines = doc.wrap_owned(who, width * 0.55, label, usize::MAX);
        doc.ensure(40.0 + lines.len() as f32 * label.leading());
        let y = doc.y + 26.0;
        doc.line(left, y, left + width * 0.55, y, RULE, 0.8);
        doc.line(left + width * 0.65, y, left + width, y, RULE, 0.8);
        for (n, line) in lines.iter().enumerate() {
            doc.text(left, y + 10.0 + n as f32 * label.leading(), line, label);
        }
        doc.text(left + width * 0.65, y + 10.0, "Date", label);
        doc.y = y + 12.0 + lines.len().max(1) as f32 * label.leading();
    }
    doc.y += 18.0;
    doc.subheading("Ballot digest");
    match &w.ballot_digest {
        Some(digest) => {
            doc.paragraph(
                "SHA-256 over every ballot of the workshop, stored when it closed. The command prisk workshop show recomputes it from the workspace and says whether it still matches.",
                BODY.colour(MUTED),
                left,
                width,
            );
            doc.y += 4.0;
            let mono = Style::new(9.0).bold();
            doc.paragraph(digest, mono, left, width);
        }
        None => doc.paragraph(
            "The workshop is not closed: these minutes are a draft and its ballots have no digest yet.",
            BODY.colour(MUTED),
            left,
            width,
        ),
    }
}
