//! The cover: the workshop, who took part, the method, the anonymity mode, the declared
//! rule and the matrix the room scored on.

use crate::report::kit::blocks::{cover_note, cover_subject, cover_title, fact_rows};
use crate::report::kit::{or_dash, Align, Doc, Table, BODY, HEAD};
use crate::workshop::{Anonymity, Side};

use super::MinutesData;

fn anonymity_text(mode: Anonymity) -> &'static str {
    match mode {
        Anonymity::Named => "Named: votes are shown with the voter's name after each reveal and in these minutes.",
        Anonymity::Room => "Anonymous in the room: the workspace knows who voted what; the screen and these minutes do not show it.",
        Anonymity::Anonymous => "Anonymous: once a round is revealed, ballots are kept without their voter; only who voted is kept.",
    }
}

fn side_text(side: Side) -> &'static str {
    match side {
        Side::Ours => "Our side",
        Side::Partner => "Partner",
        Side::ThirdParty => "Third party",
    }
}

pub(super) fn draw(doc: &mut Doc, data: &MinutesData) {
    let d = data.detail;
    let w = &d.workshop;
    cover_title(doc, "RISK WORKSHOP MINUTES", &w.fields.title);
    let with = format!("with {}", data.partner.trim());
    cover_subject(
        doc,
        &d.partnership_name,
        (!data.partner.trim().is_empty()).then_some(&with),
    );
    let date = w
        .fields
        .date
        .or(w.started_at.map(|s| s.date_naive()))
        .map(|d| d.format("%-d %B %Y").to_string())
        .unwrap_or_else(|| "—".into());
    let status = match (w.status, w.closed_at) {
        (crate::workshop::WorkshopStatus::Closed, Some(at)) => {
            format!("Closed {} (UTC)", at.format("%Y-%m-%d %H:%M"))
        }
        (s, _) => format!(
            "{} — these minutes are a draft",
            crate::report::kit::humanise(s.as_str())
        ),
    };
    let rows: Vec<(&str, String)> = vec![
        ("Date", date),
        ("Place", or_dash(&w.fields.place)),
        ("Facilitator", or_dash(&w.fields.facilitator)),
        ("Status", status),
        (
            "Method",
            format!(
                "Private estimate, simultaneous reveal, discussion, re-vote where needed; decisions set each risk's {} score.",
                w.fields.sets.as_str()
            ),
        ),
        ("Anonymity", anonymity_text(w.fields.anonymity).to_owned()),
        ("Consensus rule", w.fields.rule.describe()),
        ("Scoring matrix", d.matrix.name.clone()),
    ];
    fact_rows(doc, &rows);
    cover_note(doc, &w.fields.notes, 6);
    doc.y += 14.0;

    doc.subheading("Participants");
    let (left, width) = (doc.left(), doc.content_width());
    let mut t = doc.table(Table::new(
        left,
        width,
        &[
            ("Name", 2.0, Align::Left),
            ("Role", 2.4, Align::Left),
            ("Side", 1.2, Align::Left),
            ("Takes part as", 1.2, Align::Left),
        ],
        HEAD,
    ));
    for p in &d.participants {
        let f = &p.fields;
        t.row()
            .text(&f.name, BODY.bold())
            .text(&or_dash(&f.role), BODY)
            .text(side_text(f.side), BODY)
            .text(if f.voter { "Voter" } else { "Observer" }, BODY)
            .draw();
    }
}
