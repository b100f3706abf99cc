//! What `prisk risk` prints: the register table and one risk in full.

use chrono::NaiveDate;
use partner_risk_core::matrix::Matrix;
use partner_risk_core::model::{Action, Requirement, Risk, ScoreKind};
use partner_risk_core::register::Register;
use partner_risk_core::store::AuditEntry;
use partner_risk_core::Result;
use serde::Serialize;

use crate::output::{print_json, table};

fn score_text(risk: &Risk, matrix: &Matrix, kind: ScoreKind) -> String {
    match risk.fields.score(kind) {
        Some(s) => format!(
            "{} ({})",
            matrix.level(s).map_or("?", |l| l.name.as_str()),
            s
        ),
        None => "-".into(),
    }
}

pub fn register(register: &Register, json: bool) -> Result<()> {
    if json {
        return print_json(&register.entries);
    }
    let m = &register.matrix;
    table(
        &[
            "REF", "TITLE", "CATEGORY", "OWNER", "INHERENT", "RESIDUAL", "TARGET", "STATUS",
            "NEXT DUE",
        ],
        register
            .entries
            .iter()
            .map(|e| {
                let r = &e.risk;
                let title: String = r.fields.title.chars().take(60).collect();
                vec![
                    r.reference.clone(),
                    title,
                    r.fields.category.clone(),
                    r.fields.owner.clone(),
                    score_text(r, m, ScoreKind::Inherent),
                    score_text(r, m, ScoreKind::Residual),
                    score_text(r, m, ScoreKind::Target),
                    r.fields.status.to_string(),
                    match (e.next_action_due, e.overdue_actions) {
                        (Some(d), 0) => d.to_string(),
                        (Some(d), n) => format!("{d} ({n} overdue)"),
                        (None, _) => "-".into(),
                    },
                ]
            })
            .collect(),
    );
    outln!("{} risks", register.entries.len());
    Ok(())
}

#[derive(Serialize)]
struct RiskDetail<'a> {
    risk: &'a Risk,
    inherent_level: Option<&'a str>,
    residual_level: Option<&'a str>,
    target_level: Option<&'a str>,
    actions: &'a [Action],
    requirements: &'a [Requirement],
    history: &'a [AuditEntry],
}

pub fn risk_detail(
    risk: &Risk,
    matrix: &Matrix,
    actions: &[Action],
    requirements: &[Requirement],
    history: &[AuditEntry],
    today: NaiveDate,
    json: bool,
) -> Result<()> {
    let level = |kind| {
        risk.fields
            .score(kind)
            .and_then(|s| matrix.level(s))
            .map(|l| l.name.as_str())
    };
    if json {
        return print_json(&RiskDetail {
            risk,
            inherent_level: level(ScoreKind::Inherent),
            residual_level: level(ScoreKind::Residual),
            target_level: level(ScoreKind::Target),
            actions,
            requirements,
            history,
        });
    }
    let f = &risk.fields;
    outln!("{}  {}", risk.reference, f.title);
    outln!(
        "category: {}   owner: {}   status: {}",
        f.category,
        f.owner,
        f.status
    );
    for kind in ScoreKind::ALL {
        let money = f
            .loss(kind)
            .map(|e| format!("   money: {}", estimate_text(e)))
            .unwrap_or_default();
        outln!(
            "{:>9}: {}{money}",
            kind.as_str(),
            score_text(risk, matrix, kind)
        );
    }
    for (label, text) in [
        ("description", &f.description),
        ("cause", &f.cause),
        ("consequence", &f.consequence),
        ("rationale", &f.treatment_rationale),
    ] {
        if !text.is_empty() {
            outln!("{label}: {text}");
        }
    }
    if let Some(t) = f.treatment {
        outln!("treatment: {t}");
    }
    outln!("actions:");
    for a in actions {
        let overdue = if a.fields.is_overdue(today) {
            "  OVERDUE"
        } else {
            ""
        };
        outln!(
            "  - [{}] {} ({}, due {}){overdue}",
            a.fields.status,
            a.fields.title,
            a.fields.owner,
            a.fields.due.map_or("-".into(), |d| d.to_string())
        );
    }
    outln!("requirements:");
    for q in requirements {
        outln!(
            "  - {} {} [{}]",
            q.fields.code,
            q.fields.title,
            q.fields.status
        );
    }
    outln!("history:");
    for h in history {
        match &h.field {
            Some(field) => outln!(
                "  {} {} changed {field}: {} -> {}",
                h.at.format("%Y-%m-%d %H:%M"),
                h.actor,
                h.old_value.as_deref().unwrap_or("-"),
                h.new_value.as_deref().unwrap_or("-")
            ),
            None => outln!(
                "  {} {} {:?}",
                h.at.format("%Y-%m-%d %H:%M"),
                h.actor,
                h.operation
            ),
        }
    }
    Ok(())
}

/// A stage's money estimate in words: "0.5 a year × 50000..2000000 (≈ 211,000 a year)".
fn estimate_text(e: &partner_risk_core::quant::LossEstimate) -> String {
    use partner_risk_core::quant::{Frequency, LossPerEvent};
    let frequency = match e.frequency {
        Some(Frequency::Rate { per_year }) => format!("{per_year} a year"),
        Some(Frequency::RateRange { low, high }) => format!("{low}..{high} a year"),
        Some(Frequency::Probability { p }) => format!("{}% chance a year", p * 100.0),
        None => "no frequency".into(),
    };
    let loss = match e.loss {
        Some(LossPerEvent::Range { low, high }) => format!("{low}..{high}"),
        Some(LossPerEvent::Pert { min, mode, max }) => format!("PERT {min},{mode},{max}"),
        None => "no loss".into(),
    };
    let expected = e
        .expected_annual_loss()
        .map(|x| format!(" (expected {:.0} a year)", x))
        .unwrap_or_default();
    format!("{frequency} × {loss}{expected}")
}
