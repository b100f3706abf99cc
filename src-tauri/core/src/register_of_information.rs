//! The exit columns of DORA's Register of Information: template B_07.01 ("assessment of
//! the ICT services", Implementing Regulation (EU) 2024/2956), one row per partnership,
//! written as CSV from the exit plans.
//!
//! The template's columns are kept in their order under their codes, so the file can be
//! pasted into a register; the columns this workspace does not know (the arrangement's
//! reference number, the provider's LEI and its type, the type of ICT services, the date of
//! the last audit) are present and left empty. Two plain columns in front, `partnership`
//! and `partner`, say which row is which. Values are the template's wording.
//!
//! What is derived: "existence of an exit plan" is `Yes` when the plan has a scenario with
//! steps; "alternative providers identified" is `Yes` with any alternative, `Assessment
//! not performed` when there is none and substitutability was not assessed, else `No`; the
//! alternatives named are the providers among them.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::exit::{
    AlternativeKind, DiscontinuingImpact, ExitPlan, Reintegration, Substitutability,
    SubstitutabilityReason,
};
use crate::model::Partnership;
use crate::spreadsheet::neutralise;
use crate::store::Store;

/// The columns of B_07.01 in the template's order: (code, heading).
pub const COLUMNS: [(&str, &str); 12] = [
    ("B_07.01.0010", "Contractual arrangement reference number"),
    ("B_07.01.0020", "Identification code of the ICT third-party service provider"),
    ("B_07.01.0030", "Type of code to identify the ICT third-party service provider"),
    ("B_07.01.0040", "Type of ICT services"),
    ("B_07.01.0050", "Substitutability of the ICT third-party service provider"),
    (
        "B_07.01.0060",
        "Reason if the ICT third-party service provider is considered not substitutable or difficult to be substitutable",
    ),
    ("B_07.01.0070", "Date of the last audit on the ICT third-party service provider"),
    ("B_07.01.0080", "Existence of an exit plan"),
    ("B_07.01.0090", "Possibility of reintegration of the contracted ICT service"),
    ("B_07.01.0100", "Impact of discontinuing the ICT services"),
    (
        "B_07.01.0110",
        "Are there alternative ICT third-party service providers identified?",
    ),
    ("B_07.01.0120", "Identification of alternative ICT TPP"),
];

/// One partnership's row: the two naming columns, then the template's twelve.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RegisterRow {
    pub partnership: String,
    pub partner: String,
    /// The template's cells in [`COLUMNS`] order; empty where unknown.
    pub cells: Vec<String>,
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RegisterExport {
    pub path: PathBuf,
    pub rows: usize,
}

fn substitutability(s: Substitutability) -> &'static str {
    match s {
        Substitutability::NotSubstitutable => "Not substitutable",
        Substitutability::HighlyComplex => "Highly complex substitutability",
        Substitutability::Medium => "Medium complexity in terms of substitutability",
        Substitutability::Easy => "Easily substitutable",
    }
}

fn reason(r: SubstitutabilityReason) -> &'static str {
    match r {
        SubstitutabilityReason::NoAlternatives => "Lack of real alternatives",
        SubstitutabilityReason::DifficultMigration => "Difficulties in migrating or reintegrating",
        SubstitutabilityReason::Both => {
            "Lack of real alternatives and difficulties in migrating or reintegrating"
        }
    }
}

fn reintegration(r: Reintegration) -> &'static str {
    match r {
        Reintegration::Easy => "Easy",
        Reintegration::Difficult => "Difficult",
        Reintegration::HighlyComplex => "Highly complex",
    }
}

fn impact(i: DiscontinuingImpact) -> &'static str {
    match i {
        DiscontinuingImpact::Low => "Low",
        DiscontinuingImpact::Medium => "Medium",
        DiscontinuingImpact::High => "High",
        DiscontinuingImpact::NotAssessed => "Assessment not performed",
    }
}

/// The row of one partnership and its plan.
pub fn row(p: &Partnership, plan: &ExitPlan) -> RegisterRow {
    let exists = plan.scenarios.iter().any(|s| !s.steps.is_empty());
    let alternatives = if !plan.alternatives.is_empty() {
        "Yes"
    } else if plan.substitutability.is_none() {
        "Assessment not performed"
    } else {
        "No"
    };
    let providers: Vec<&str> = plan
        .alternatives
        .iter()
        .filter(|a| a.kind == AlternativeKind::Provider)
        .map(|a| a.name.as_str())
        .collect();
    let reason = match plan.substitutability {
        Some(Substitutability::Easy) => "",
        _ => plan.substitutability_reason.map_or("", reason),
    };
    let cells = [
        "",
        "",
        "",
        "",
        plan.substitutability.map_or("", substitutability),
        reason,
        "",
        if exists { "Yes" } else { "No" },
        plan.reintegration.map_or("", reintegration),
        plan.discontinuing_impact.map_or("", impact),
        alternatives,
        &providers.join("; "),
    ]
    .map(str::to_string)
    .to_vec();
    RegisterRow {
        partnership: p.fields.name.clone(),
        partner: p.fields.partner.clone(),
        cells,
    }
}

/// The rows of every partnership that is not archived, by name.
pub fn register_of_information(store: &Store) -> Result<Vec<RegisterRow>> {
    store
        .partnerships(false)?
        .iter()
        .map(|p| Ok(row(p, &store.exit_plan(&p.id)?)))
        .collect()
}

/// The CSV bytes (UTF-8 with a BOM for Excel, CRLF, cells that could run as formulas
/// neutralised); `path` names the file in errors.
pub fn csv_bytes(rows: &[RegisterRow], path: &Path) -> Result<Vec<u8>> {
    let fail = |e: ::csv::Error| Error::Io {
        path: path.to_path_buf(),
        source: std::io::Error::other(e.to_string()),
    };
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer("\u{FEFF}".as_bytes().to_vec());
    let header = ["partnership", "partner"]
        .into_iter()
        .chain(COLUMNS.iter().map(|(code, _)| *code));
    writer.write_record(header).map_err(fail)?;
    for r in rows {
        let record = [&r.partnership, &r.partner]
            .into_iter()
            .chain(&r.cells)
            .map(|cell| neutralise(cell).into_owned());
        writer.write_record(record).map_err(fail)?;
    }
    writer.into_inner().map_err(|e| fail(e.into_error().into()))
}

/// Writes the register's B_07.01 rows to `path` as CSV, atomically.
pub fn export_register_of_information(store: &Store, path: &Path) -> Result<RegisterExport> {
    crate::report::output::check_target(path)?;
    let rows = register_of_information(store)?;
    let bytes = csv_bytes(&rows, path)?;
    crate::files::write_atomically(path, &bytes)?;
    Ok(RegisterExport {
        path: path.to_path_buf(),
        rows: rows.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exit::{
        Alternative, AlternativeReadiness, Scenario, ScenarioKind, Step, StepStatus,
    };
    use crate::model::PartnershipFields;

    fn partnership() -> Partnership {
        let at = chrono::Utc::now();
        Partnership {
            id: "p".into(),
            matrix_id: "m".into(),
            fields: PartnershipFields {
                partner: "=cmd".into(),
                ..PartnershipFields::new("Acme")
            },
            created_at: at,
            updated_at: at,
        }
    }

    #[test]
    fn an_empty_plan_says_no_plan_and_not_assessed() {
        let r = row(&partnership(), &ExitPlan::default());
        assert_eq!(r.cells.len(), COLUMNS.len());
        assert_eq!(r.cells[7], "No");
        assert_eq!(r.cells[10], "Assessment not performed");
        assert!(r.cells[4].is_empty() && r.cells[11].is_empty());
    }

    #[test]
    fn a_plan_fills_the_template_in_its_words() {
        let mut plan = ExitPlan {
            substitutability: Some(Substitutability::HighlyComplex),
            substitutability_reason: Some(SubstitutabilityReason::Both),
            reintegration: Some(Reintegration::Difficult),
            discontinuing_impact: Some(DiscontinuingImpact::NotAssessed),
            ..ExitPlan::default()
        };
        let mut s = Scenario::new("s", "Stressed", ScenarioKind::Stressed);
        s.steps.push(Step {
            id: "a".into(),
            title: "Export".into(),
            owner: String::new(),
            duration_days: 3,
            waits_for: None,
            status: StepStatus::NotStarted,
        });
        plan.scenarios.push(s);
        for (name, kind) in [
            ("Other SaaS", AlternativeKind::Provider),
            ("Our team", AlternativeKind::InHouse),
            ("Third Co", AlternativeKind::Provider),
        ] {
            plan.alternatives.push(Alternative {
                id: name.into(),
                name: name.into(),
                kind,
                readiness: AlternativeReadiness::Identified,
                notes: String::new(),
            });
        }
        let r = row(&partnership(), &plan);
        assert_eq!(
            r.cells[4..],
            [
                "Highly complex substitutability",
                "Lack of real alternatives and difficulties in migrating or reintegrating",
                "",
                "Yes",
                "Difficult",
                "Assessment not performed",
                "Yes",
                "Other SaaS; Third Co",
            ]
        );
        // Easily substitutable: no reason is given.
        plan.substitutability = Some(Substitutability::Easy);
        assert_eq!(row(&partnership(), &plan).cells[5], "");

        let bytes = csv_bytes(&[r], Path::new("roi.csv")).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let mut lines = text.lines();
        assert_eq!(
            lines.next().unwrap(),
            "\u{FEFF}partnership,partner,B_07.01.0010,B_07.01.0020,B_07.01.0030,B_07.01.0040,B_07.01.0050,B_07.01.0060,B_07.01.0070,B_07.01.0080,B_07.01.0090,B_07.01.0100,B_07.01.0110,B_07.01.0120"
        );
        // A partner's name that could run as a formula is neutralised.
        assert!(
            lines.next().unwrap().starts_with("Acme,'=cmd,,,,,Highly"),
            "{text}"
        );
    }
}
