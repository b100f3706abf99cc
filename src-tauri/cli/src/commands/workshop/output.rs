//! What `prisk workshop` prints for people (scripts use `--json`).

use partner_risk_core::matrix::Matrix;
use partner_risk_core::workshop::{RoundView, WorkshopDetail, WorkshopSummary};

use crate::output::table;

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_else(|| "-".into())
}

pub fn print_list(list: &[WorkshopSummary]) {
    let rows = list
        .iter()
        .map(|s| {
            let w = &s.workshop;
            vec![
                w.fields.title.clone(),
                date(w.fields.date),
                w.status.to_string(),
                s.participants.to_string(),
                format!("{}/{}", s.decided, s.items),
                w.id.clone(),
            ]
        })
        .collect();
    table(
        &["TITLE", "DATE", "STATUS", "PEOPLE", "DECIDED", "ID"],
        rows,
    );
}

/// A revealed round: the votes as the anonymity mode allows, then the spread.
pub fn print_round(matrix: &Matrix, round: &RoundView) {
    outln!("Round {}: {} votes", round.number, round.votes);
    for (n, b) in round.ballots.iter().enumerate() {
        let level = matrix
            .level(b.score)
            .map(|l| l.name.as_str())
            .unwrap_or("?");
        let who = b.participant_name.as_deref().unwrap_or("(anonymous)");
        let outlier = round
            .spread
            .as_ref()
            .is_some_and(|s| s.outliers.contains(&(n as u32)));
        let mut line = format!("  {who:<20} {}  {level}", b.score);
        if b.source.as_str() != "room" {
            line.push_str(&format!("  [{}]", b.source));
        }
        if outlier {
            line.push_str("  outlier");
        }
        if !b.comment.is_empty() {
            line.push_str(&format!("  \"{}\"", b.comment));
        }
        outln!("{line}");
    }
    if let Some(s) = &round.spread {
        let level = &matrix.levels[s.median_level].name;
        outln!(
            "Median {} ({level}); range: likelihood {}, impact {}, level {}; {:.0} % within ±1",
            s.median,
            s.likelihood.range,
            s.impact.range,
            s.level.range,
            s.share_within
        );
        outln!("Verdict: {}", s.verdict.label());
    }
}

pub fn print_detail(d: &WorkshopDetail, digest_ok: Option<bool>) {
    let w = &d.workshop;
    outln!("{} ({})", w.fields.title, w.status);
    outln!("Partnership: {}", d.partnership_name);
    outln!(
        "Date: {}  Place: {}  Facilitator: {}",
        date(w.fields.date),
        if w.fields.place.is_empty() { "-" } else { &w.fields.place },
        if w.fields.facilitator.is_empty() { "-" } else { &w.fields.facilitator }
    );
    outln!(
        "Sets: {} score  Anonymity: {}  Matrix: {}",
        w.fields.sets.as_str(),
        w.fields.anonymity,
        d.matrix.name
    );
    outln!("Rule: {}", w.fields.rule.describe());
    outln!();
    table(
        &["PARTICIPANT", "ROLE", "SIDE", "VOTES"],
        d.participants
            .iter()
            .map(|p| {
                vec![
                    p.fields.name.clone(),
                    p.fields.role.clone(),
                    p.fields.side.to_string(),
                    if p.fields.voter { "voter" } else { "observer" }.to_string(),
                ]
            })
            .collect(),
    );
    outln!();
    table(
        &["#", "RISK", "TITLE", "ROUND", "VOTES", "VERDICT", "DECISION"],
        d.items
            .iter()
            .map(|i| {
                let current = i.rounds.last();
                let verdict = i
                    .rounds
                    .iter()
                    .rev()
                    .find_map(|r| r.spread.as_ref())
                    .map(|s| s.verdict.label())
                    .unwrap_or("-");
                let decision = match &i.decision {
                    Some(dec) => match dec.fields.score {
                        Some(s) => format!("{s} ({})", dec.fields.how),
                        None => "deferred".into(),
                    },
                    None => "-".into(),
                };
                // The risk the facilitator put before the room.
                let chosen = w.current_item.as_deref() == Some(i.item.id.as_str());
                vec![
                    i.item.position.to_string(),
                    if chosen {
                        format!("▸ {}", i.item.reference)
                    } else {
                        i.item.reference.clone()
                    },
                    i.item.title.clone(),
                    i.item.round.to_string(),
                    current.map(|r| r.votes.to_string()).unwrap_or_default(),
                    verdict.to_string(),
                    decision,
                ]
            })
            .collect(),
    );
    if let Some(digest) = &w.ballot_digest {
        let check = match digest_ok {
            Some(true) => "matches the ballots",
            Some(false) => "DOES NOT MATCH the ballots in this file",
            None => "",
        };
        outln!();
        outln!("Ballot digest (SHA-256): {digest} — {check}");
    }
}
