//! What `prisk` prints: aligned tables for people, JSON for scripts.

use std::collections::HashMap;

use chrono::NaiveDate;
use partner_risk_core::library::Library;
use partner_risk_core::matrix::Matrix;
use partner_risk_core::model::{Action, Category, Requirement, Risk, ScoreKind};
use partner_risk_core::register::Register;
use partner_risk_core::store::{AuditEntry, MatrixChangePlan, PartnershipSummary};
use partner_risk_core::Result;
use serde::Serialize;

fn print_json(value: &impl Serialize) -> Result<()> {
    outln!(
        "{}",
        serde_json::to_string_pretty(value).expect("output serialises")
    );
    Ok(())
}

/// Prints rows as columns padded to their widest cell.
fn table(header: &[&str], rows: Vec<Vec<String>>) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<String>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        outln!("{}", padded.join("  ").trim_end());
    };
    line(header.iter().map(|h| h.to_string()).collect());
    for row in rows {
        line(row);
    }
}

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

pub fn partnerships(list: &[PartnershipSummary], json: bool) -> Result<()> {
    if json {
        return print_json(&list);
    }
    if list.is_empty() {
        outln!("no partnerships (create one with `prisk partnership add` or `prisk demo`)");
        return Ok(());
    }
    table(
        &[
            "NAME", "PARTNER", "STAGE", "MATRIX", "RISKS", "BY LEVEL", "ID",
        ],
        list.iter()
            .map(|s| {
                let p = &s.partnership;
                let levels: Vec<String> = s
                    .risks_by_level
                    .iter()
                    .map(|l| format!("{} {}", l.level, l.count))
                    .collect();
                vec![
                    format!(
                        "{}{}",
                        p.fields.name,
                        if p.fields.archived { " (archived)" } else { "" }
                    ),
                    p.fields.partner.clone(),
                    p.fields.stage.to_string(),
                    s.matrix_name.clone(),
                    s.risk_count.to_string(),
                    levels.join(", "),
                    p.id.clone(),
                ]
            })
            .collect(),
    );
    Ok(())
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
        outln!("{:>9}: {}", kind.as_str(), score_text(risk, matrix, kind));
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

pub fn actions(
    actions: &[Action],
    references: &HashMap<String, String>,
    today: NaiveDate,
    json: bool,
) -> Result<()> {
    if json {
        return print_json(&actions);
    }
    table(
        &["RISK", "ACTION", "OWNER", "DUE", "STATUS", "COST"],
        actions
            .iter()
            .map(|a| {
                let f = &a.fields;
                vec![
                    references.get(&a.risk_id).cloned().unwrap_or_default(),
                    f.title.chars().take(60).collect(),
                    f.owner.clone(),
                    match (f.due, a.fields.is_overdue(today)) {
                        (Some(d), true) => format!("{d} OVERDUE"),
                        (Some(d), false) => d.to_string(),
                        (None, _) => "-".into(),
                    },
                    f.status.to_string(),
                    f.cost.as_ref().map_or("-".into(), |c| c.to_string()),
                ]
            })
            .collect(),
    );
    Ok(())
}

pub fn matrices(list: &[Matrix], json: bool) -> Result<()> {
    if json {
        return print_json(&list);
    }
    table(
        &["NAME", "SIZE", "LEVELS", "PRESET", "ID"],
        list.iter()
            .map(|m| {
                vec![
                    m.name.clone(),
                    format!("{}×{}", m.likelihood.len(), m.impact.len()),
                    m.levels
                        .iter()
                        .map(|l| l.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                    m.preset.clone().unwrap_or_else(|| "-".into()),
                    m.id.clone(),
                ]
            })
            .collect(),
    );
    Ok(())
}

pub fn matrix(m: &Matrix, json: bool) -> Result<()> {
    if json {
        return print_json(m);
    }
    outln!(
        "{} ({}×{}){}",
        m.name,
        m.likelihood.len(),
        m.impact.len(),
        m.preset
            .as_ref()
            .map_or(String::new(), |p| format!(", preset {p}"))
    );
    if !m.description.is_empty() {
        outln!("{}", m.description);
    }
    let axis = |name: &str, levels: &[partner_risk_core::matrix::AxisLevel]| {
        outln!("{name}:");
        for (i, l) in levels.iter().enumerate() {
            outln!(
                "  {} {}{}: {}",
                i + 1,
                l.label,
                l.range
                    .as_ref()
                    .map_or(String::new(), |r| format!(" [{r}]")),
                l.description
            );
        }
    };
    axis("likelihood", &m.likelihood);
    axis("impact", &m.impact);
    outln!("levels:");
    for l in &m.levels {
        outln!(
            "  {} {} review every {} days, {}: {}",
            l.name,
            l.colour,
            l.review_days,
            if l.within_appetite {
                "within appetite"
            } else {
                "outside appetite"
            },
            l.description
        );
    }
    outln!("grid (likelihood down, impact across):");
    let width = m
        .levels
        .iter()
        .map(|l| l.name.chars().count())
        .max()
        .unwrap_or(4);
    for (l, row) in m.grid.iter().enumerate().rev() {
        let cells: Vec<String> = row
            .iter()
            .map(|&c| format!("{:<width$}", m.levels[usize::from(c)].name))
            .collect();
        outln!("  L{} {}", l + 1, cells.join(" | "));
    }
    Ok(())
}

pub fn matrix_plan(plan: &MatrixChangePlan, to: &Matrix) {
    outln!("{} scores map onto {}:", plan.changes.len(), to.name);
    table(
        &["RISK", "SCORE", "FROM", "TO"],
        plan.changes
            .iter()
            .map(|c| {
                vec![
                    c.reference.clone(),
                    c.kind.as_str().into(),
                    format!("{} ({})", c.from_level, c.from),
                    format!("{} ({})", c.to_level, c.to),
                ]
            })
            .collect(),
    );
}

pub fn categories(list: &[Category], json: bool) -> Result<()> {
    if json {
        return print_json(&list);
    }
    table(
        &["CODE", "NAME", "PREFIX", "BUILT-IN"],
        list.iter()
            .map(|c| {
                vec![
                    c.code.clone(),
                    c.name.clone(),
                    c.prefix.clone(),
                    c.built_in.to_string(),
                ]
            })
            .collect(),
    );
    Ok(())
}

pub fn templates(library: &Library, json: bool) -> Result<()> {
    if json {
        return print_json(library);
    }
    table(
        &["CODE", "CATEGORY", "L,I", "TITLE"],
        library
            .templates
            .iter()
            .map(|t| {
                vec![
                    t.code.clone(),
                    t.category.clone(),
                    format!("{},{}", t.inherent[0], t.inherent[1]),
                    t.title.clone(),
                ]
            })
            .collect(),
    );
    Ok(())
}
