//! One part per agenda item: the risk, each round's votes on a small copy of the matrix
//! with the spread and the rule's verdict, the decision, notes and the actions agreed.

use crate::matrix::Matrix;
use crate::report::kit::{
    chips, date, humanise, or_dash, Align, Doc, Grid, Style, Table, ALERT, BODY, GOOD, HEAD, INK,
    MUTED, NAVY, SMALL,
};
use crate::workshop::{ItemView, RoundView, Verdict};

use super::MinutesData;

pub(super) fn draw(doc: &mut Doc, data: &MinutesData) {
    let d = data.detail;
    doc.heading("Items", 16.0, 80.0);
    for (n, item) in d.items.iter().enumerate() {
        if n > 0 {
            doc.y += 10.0;
        }
        draw_item(doc, data, item, &data.actions[n]);
    }
}

fn draw_item(doc: &mut Doc, data: &MinutesData, view: &ItemView, actions: &[crate::model::Action]) {
    let m = &data.detail.matrix;
    let sets = data.detail.workshop.fields.sets;
    let (left, width) = (doc.left(), doc.content_width());
    let i = &view.item;
    doc.subheading(&format!("{}. {} — {}", i.position, i.reference, i.title));
    if let Some(risk) = &view.risk {
        let f = &risk.fields;
        for (label, text) in [
            ("Description", &f.description),
            ("Cause", &f.cause),
            ("Consequence", &f.consequence),
        ] {
            if !text.trim().is_empty() {
                doc.paragraph(&format!("{label}: {}", text.trim()), BODY, left, width);
            }
        }
    } else {
        doc.paragraph(
            "The risk was deleted after the workshop.",
            BODY.colour(MUTED),
            left,
            width,
        );
    }
    doc.y += 4.0;

    let revealed: Vec<&RoundView> = view.rounds.iter().filter(|r| r.revealed).collect();
    let any_revealed = !revealed.is_empty();
    if revealed.is_empty() {
        doc.paragraph("No round was revealed.", BODY.colour(MUTED), left, width);
    }
    for round in revealed {
        draw_round(doc, m, round);
    }

    // The decision.
    doc.ensure(60.0);
    let mut t = doc.table(Table::new(
        left,
        width,
        &[("Decision", 1.3, Align::Left), ("", 5.0, Align::Left)],
        HEAD,
    ));
    match &view.decision {
        Some(dec) => {
            let agreed = t.row().text("Agreed score", BODY.bold());
            match dec.fields.score {
                Some(s) => agreed
                    .cell(|c| {
                        chips::matrix_cell(c, m, s);
                        c.line(
                            format!("written to the risk's {} score", sets.as_str()),
                            SMALL,
                        );
                    })
                    .draw(),
                None => agreed.text("Deferred: no score set", BODY).draw(),
            }
            t.row()
                .text("How", BODY.bold())
                .text(&how_text(dec, any_revealed), BODY)
                .draw();
            t.row()
                .text("Rationale", BODY.bold())
                .text(&dec.fields.rationale, BODY)
                .draw();
            t.row()
                .text("Dissent", BODY.bold())
                .text(&or_dash(&dec.fields.dissent), BODY)
                .draw();
        }
        None => t
            .row()
            .text("Not decided", BODY.bold())
            .text(
                "The room did not reach this item's decision.",
                BODY.colour(MUTED),
            )
            .draw(),
    }
    if !i.notes.trim().is_empty() {
        t.row()
            .text("Notes", BODY.bold())
            .text(&i.notes, BODY)
            .draw();
    }
    drop(t);
    if !actions.is_empty() {
        doc.y += 4.0;
        let mut t = doc.table(Table::new(
            left,
            width,
            &[
                ("Action agreed", 3.4, Align::Left),
                ("Owner", 1.4, Align::Left),
                ("Due", 0.9, Align::Left),
                ("Status", 0.9, Align::Left),
            ],
            HEAD,
        ));
        for a in actions {
            t.row()
                .text(&a.fields.title, BODY)
                .text(&or_dash(&a.fields.owner), BODY)
                .text(&date(a.fields.due), BODY)
                .text(&humanise(a.fields.status.as_str()), BODY)
                .draw();
        }
    }
}

/// How and when a decision was taken, e.g. "Facilitator after round 2, recorded by
/// Fran on 2026-12-02 10:41 (UTC)".
fn how_text(dec: &crate::workshop::Decision, any_revealed: bool) -> String {
    let mut text = humanise(dec.fields.how.as_str());
    if any_revealed {
        text.push_str(&format!(" after round {}", dec.round));
    } else {
        text.push_str(" without a revealed round");
    }
    let by = dec.decided_by.trim();
    if !by.is_empty() && by != "unknown" {
        text.push_str(&format!(", recorded by {by}"));
    }
    text.push_str(&format!(
        " on {} (UTC)",
        dec.decided_at.format("%Y-%m-%d %H:%M")
    ));
    text
}

fn verdict_colour(v: Verdict) -> crate::report::kit::Colour {
    match v {
        Verdict::Consensus => GOOD,
        Verdict::NearConsensus => NAVY,
        Verdict::Discuss => ALERT,
    }
}

/// A round: the votes as dots on a small grid, the spread beside it, then the votes
/// one per line (with names only in a named workshop).
fn draw_round(doc: &mut Doc, m: &Matrix, round: &RoundView) {
    let (lmax, imax) = m.size();
    let (cell_w, cell_h) = (20.0, 13.0);
    let grid = Grid::new(m, doc.left(), cell_w, cell_h);
    let needed = grid.height(doc).max(70.0) + 20.0;
    doc.ensure(needed);
    let top = doc.y;
    let title = Style::new(9.0).bold().colour(INK);
    let y = doc.y;
    doc.text(
        doc.left(),
        y + title.baseline(),
        &format!("Round {}", round.number),
        title,
    );
    doc.y += title.leading() + 2.0;
    let grid_top = doc.y;
    let mut counts = vec![vec![0usize; imax]; lmax];
    for b in &round.ballots {
        let (l, i) = (usize::from(b.score.likelihood), usize::from(b.score.impact));
        if (1..=lmax).contains(&l) && (1..=imax).contains(&i) {
            counts[l - 1][i - 1] += 1;
        }
    }
    let median = round.spread.as_ref().map(|s| s.median);
    grid.draw(doc, &mut |doc, cell| {
        let n = counts[cell.likelihood - 1][cell.impact - 1];
        let dots = vec![INK; n];
        cell.dots(doc, &dots);
        if median.is_some_and(|s| {
            usize::from(s.likelihood) == cell.likelihood && usize::from(s.impact) == cell.impact
        }) {
            doc.frame(
                cell.x + 0.5,
                cell.y + 0.5,
                cell.w - 1.0,
                cell.h - 1.0,
                INK,
                1.4,
            );
        }
    });
    let below_grid = doc.y;
    let label = Style::new(6.0).colour(MUTED);
    doc.text(
        doc.left(),
        below_grid + label.baseline(),
        "likelihood ↑  impact →  ▢ median",
        label,
    );
    let below_grid = below_grid + label.leading();

    // The spread, to the right of the grid.
    let x = doc.left() + imax as f32 * cell_w + 16.0;
    let w = doc.right() - x;
    doc.y = grid_top;
    match &round.spread {
        Some(s) => {
            let level = m
                .levels
                .get(s.median_level)
                .map_or("?", |l| l.name.as_str());
            let lines = [
                format!(
                    "{} votes. Median: likelihood {}, impact {} ({level}).",
                    s.votes, s.median.likelihood, s.median.impact
                ),
                format!(
                    "Range: likelihood {}–{}, impact {}–{}, level {}–{}.",
                    s.likelihood.min,
                    s.likelihood.max,
                    s.impact.min,
                    s.impact.max,
                    m.levels
                        .get(usize::from(s.level.min) - 1)
                        .map_or("?", |l| l.name.as_str()),
                    m.levels
                        .get(usize::from(s.level.max) - 1)
                        .map_or("?", |l| l.name.as_str()),
                ),
                format!(
                    "{:.0} % of votes within ±1 step of the median on every axis.",
                    s.share_within
                ),
                format!(
                    "By level: {}.",
                    s.histogram
                        .iter()
                        .enumerate()
                        .rev()
                        .map(|(k, n)| format!("{} {n}", m.levels[k].name))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ];
            for line in lines {
                doc.paragraph(&line, BODY, x, w);
            }
            let v = Style::new(9.0).bold().colour(verdict_colour(s.verdict));
            let y = doc.y + 2.0;
            doc.text(
                x,
                y + v.baseline(),
                &format!("Verdict: {}", s.verdict.label()),
                v,
            );
            doc.y = y + v.leading();
        }
        None => doc.paragraph("No votes.", BODY.colour(MUTED), x, w),
    }
    doc.y = doc.y.max(below_grid).max(top + needed - 20.0) + 4.0;

    // The votes.
    let named = round.ballots.iter().any(|b| b.participant_name.is_some());
    let has_comments = round.ballots.iter().any(|b| !b.comment.is_empty());
    if !named && !has_comments {
        return;
    }
    let (left, width) = (doc.left(), doc.content_width());
    let mut spec: Vec<(&str, f32, Align)> = Vec::new();
    if named {
        spec.push(("Voter", 1.4, Align::Left));
    }
    spec.extend([("Vote", 1.6, Align::Left), ("Comment", 3.6, Align::Left)]);
    let mut t = doc.table(Table::new(left, width, &spec, HEAD));
    for (n, b) in round.ballots.iter().enumerate() {
        let outlier = round
            .spread
            .as_ref()
            .is_some_and(|s| s.outliers.contains(&(n as u32)));
        let mut row = t.row();
        if named {
            let mut who = b.participant_name.clone().unwrap_or_default();
            if b.source.as_str() == "proxy" {
                who.push_str(" (proxy)");
            }
            row = row.text(&who, BODY.bold());
        }
        let mut comment = b.comment.clone();
        if outlier {
            comment = if comment.is_empty() {
                "Outlier".into()
            } else {
                format!("Outlier — {comment}")
            };
        }
        row.cell(|c| chips::matrix_cell(c, m, b.score))
            .text(&comment, BODY)
            .draw();
    }
    drop(t);
    doc.y += 6.0;
}
