//! The exit plan of a partnership as a PDF, drawn with the report's kit: a cover with the
//! readiness and the notice deadline, the agreement and the gaps, each scenario (triggers,
//! costs, a timeline of its steps with the critical path marked, the steps), data and
//! assets at exit with the alternatives and the assessment, the test log and the
//! sign-off lines.

mod parts;
mod timeline;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::exit::{ExitPlan, ExitTest, Readiness, ReadinessLevel};
use crate::model::{Partnership, Requirement, Risk};
use crate::report::kit::{Doc, Fonts};
use crate::report::{output, Paper};
use crate::store::Store;

/// What a written exit plan file holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ExitPlanExport {
    pub path: PathBuf,
    pub pages: usize,
    pub bytes: u64,
}

/// Everything the parts draw from.
pub(crate) struct ExitData<'a> {
    pub partnership: &'a Partnership,
    pub plan: &'a ExitPlan,
    pub tests: &'a [ExitTest],
    pub readiness: &'a Readiness,
    pub risks: Vec<Risk>,
    pub requirements: Vec<Requirement>,
    pub today: NaiveDate,
}

type Draw = fn(&mut Doc, &ExitData);

pub(crate) fn level_text(level: ReadinessLevel) -> &'static str {
    match level {
        ReadinessLevel::Ready => "Ready",
        ReadinessLevel::Gaps => "Gaps",
        ReadinessLevel::NotReady => "Not ready",
    }
}

/// The exit plan of a partnership as PDF bytes and their page count.
pub fn export_exit_plan(
    store: &Store,
    partnership_id: &str,
    today: NaiveDate,
) -> Result<(Vec<u8>, usize)> {
    let partnership = store.partnership(partnership_id)?;
    let plan = store.exit_plan(partnership_id)?;
    let tests = store.exit_tests(partnership_id)?;
    // The store's readiness: the plan's rules and the triggers health indicators fired.
    let readiness = store.exit_readiness(partnership_id, today)?;
    let risks = plan
        .risk_ids
        .iter()
        .map(|id| store.risk(id))
        .collect::<Result<_>>()?;
    let requirements = plan
        .requirement_ids
        .iter()
        .map(|id| store.requirement(id))
        .collect::<Result<_>>()?;
    let data = ExitData {
        partnership: &partnership,
        plan: &plan,
        tests: &tests,
        readiness: &readiness,
        risks,
        requirements,
        today,
    };
    let fonts = Fonts::load()?;
    let mut doc = Doc::new(&fonts, Paper::A4);
    let mut marks = Vec::new();
    let parts: [(&str, Draw); 5] = [
        ("Cover", parts::cover),
        ("Agreement and readiness", parts::agreement),
        ("Scenarios", parts::scenarios),
        ("Data, assets and alternatives", parts::data),
        ("Tests and sign-off", parts::tests),
    ];
    for (title, draw) in parts {
        doc.new_page(false);
        marks.push((title.to_owned(), doc.page_count()));
        draw(&mut doc, &data);
    }
    let pages = doc.page_count();
    let header = format!("{} — Exit plan", partnership.fields.name);
    let footer = format!("Printed {} · Partner Risk", today.format("%Y-%m-%d"));
    let pdf_pages = doc.finish(&header, level_text(readiness.level), &footer);
    let meta = output::Meta {
        title: &header,
        author: plan.roles.exit_owner.trim(),
        subject: &format!("Exit plan of {}", partnership.fields.name),
    };
    let bytes = output::save(&fonts, pdf_pages, &meta, &marks)?;
    Ok((bytes, pages))
}

/// The exit plan as a section of the partnership's report: the agreement with the
/// readiness and its gaps, then each scenario with its timeline.
pub(crate) fn draw_in_report(
    doc: &mut Doc,
    partnership: &Partnership,
    section: &crate::report::ExitSection,
    today: NaiveDate,
) {
    let data = ExitData {
        partnership,
        plan: &section.plan,
        tests: &section.tests,
        readiness: &section.readiness,
        risks: Vec::new(),
        requirements: Vec::new(),
        today,
    };
    parts::agreement(doc, &data);
    doc.y += 18.0;
    parts::scenarios(doc, &data);
}

/// Writes the exit plan to `path` whole or not at all.
pub fn export_exit_plan_to_file(
    store: &Store,
    partnership_id: &str,
    today: NaiveDate,
    path: &Path,
) -> Result<ExitPlanExport> {
    output::check_target(path)?;
    let (bytes, pages) = export_exit_plan(store, partnership_id, today)?;
    output::write_atomically(path, &bytes)?;
    Ok(ExitPlanExport {
        path: path.to_path_buf(),
        pages,
        bytes: bytes.len() as u64,
    })
}
