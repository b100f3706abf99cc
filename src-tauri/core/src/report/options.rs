//! What a report contains and what an export tells its caller: paper, sections,
//! filter, plan grouping, progress and the summary of a written file.

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::kit::humanise;
use crate::error::{Error, Result};
use crate::matrix::Matrix;
use crate::model::{limit_text, Category};
use crate::store::RiskFilter;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    pub fn parse(text: &str, field: &str) -> Result<Paper> {
        match text.trim().to_ascii_lowercase().as_str() {
            "a4" => Ok(Paper::A4),
            "letter" => Ok(Paper::Letter),
            _ => Err(Error::invalid(field, text, "expected a4 or letter")),
        }
    }

    /// Portrait width and height in points.
    pub fn size_pt(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }
}

/// The parts of a report, in the order they are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Cover,
    Summary,
    HeatMaps,
    Register,
    Plan,
    Loss,
    Requirements,
    Health,
    ExitPlan,
    ReviewLog,
    Appendix,
}

impl Section {
    pub const ALL: [Section; 11] = [
        Section::Cover,
        Section::Summary,
        Section::HeatMaps,
        Section::Register,
        Section::Plan,
        Section::Loss,
        Section::Requirements,
        Section::Health,
        Section::ExitPlan,
        Section::ReviewLog,
        Section::Appendix,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Section::Cover => "cover",
            Section::Summary => "summary",
            Section::HeatMaps => "heat_maps",
            Section::Register => "register",
            Section::Plan => "plan",
            Section::Loss => "loss",
            Section::Requirements => "requirements",
            Section::Health => "health",
            Section::ExitPlan => "exit_plan",
            Section::ReviewLog => "review_log",
            Section::Appendix => "appendix",
        }
    }

    /// Parses a section name (`heat-maps` and `heatmaps` are accepted too).
    pub fn parse(text: &str, field: &str) -> Result<Section> {
        let key = text.trim().to_ascii_lowercase().replace('-', "_");
        let key = if key == "heatmaps" { "heat_maps" } else { &key };
        Section::ALL
            .into_iter()
            .find(|s| s.as_str() == key)
            .ok_or_else(|| {
                let names: Vec<&str> = Section::ALL.iter().map(|s| s.as_str()).collect();
                Error::invalid(field, text, format!("expected one of {}", names.join(", ")))
            })
    }
}

/// How the mitigation plan is grouped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PlanGrouping {
    #[default]
    Owner,
    DueMonth,
    /// By risk, the mitigation worth most in money first (issue 24's mitigation value).
    Value,
}

impl PlanGrouping {
    pub fn parse(text: &str, field: &str) -> Result<PlanGrouping> {
        match text.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "owner" => Ok(PlanGrouping::Owner),
            "due_month" | "month" => Ok(PlanGrouping::DueMonth),
            "value" => Ok(PlanGrouping::Value),
            _ => Err(Error::invalid(
                field,
                text,
                "expected owner, due_month or value",
            )),
        }
    }
}

/// What a PDF export contains. Every field has a default, so `{}` is a full report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct PdfOptions {
    pub paper: Paper,
    /// Sections to include; they are printed in their fixed order whatever the order here.
    pub sections: Vec<Section>,
    /// Which risks the report covers (and so which actions the plan lists).
    pub filter: RiskFilter,
    /// A mitigation plan on its own: the cover (when selected) and the plan.
    pub plan_only: bool,
    pub plan_grouping: PlanGrouping,
    /// Shown on the cover and in the footer.
    pub prepared_by: String,
    /// A label such as "Confidential", printed on the cover and on every page.
    pub confidentiality: String,
    /// The review log lists the reviews from this day on (default: the last 12 months).
    pub review_since: Option<NaiveDate>,
    /// The register prints the partner's latest view of each risk (their scores, comment,
    /// who and when) in a column beside ours; for a partnership with partner's views.
    pub partner_views: bool,
}

impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions {
            paper: Paper::A4,
            sections: Section::ALL.to_vec(),
            filter: RiskFilter::default(),
            plan_only: false,
            plan_grouping: PlanGrouping::Owner,
            prepared_by: String::new(),
            confidentiality: "Confidential".into(),
            review_since: None,
            partner_views: false,
        }
    }
}

impl PdfOptions {
    /// Checks what needs no workspace; the filter is checked against the partnership's
    /// matrix and the categories when exporting.
    pub fn validate(&self) -> Result<()> {
        if self.sections.is_empty() {
            return Err(Error::invalid(
                "sections",
                "",
                "choose at least one section",
            ));
        }
        for (i, s) in self.sections.iter().enumerate() {
            if self.sections[..i].contains(s) {
                return Err(Error::invalid("sections", s.as_str(), "listed twice"));
            }
        }
        limit_text("prepared_by", &self.prepared_by, 200)?;
        limit_text("confidentiality", &self.confidentiality, 100)?;
        crate::model::check_date_opt("review_since", self.review_since)?;
        if self.confidentiality.contains('\n') || self.prepared_by.contains('\n') {
            let field = if self.prepared_by.contains('\n') {
                "prepared_by"
            } else {
                "confidentiality"
            };
            return Err(Error::invalid(field, "…", "must be a single line"));
        }
        Ok(())
    }

    /// The first day of the review log's period.
    pub fn review_period_start(&self, today: NaiveDate) -> NaiveDate {
        self.review_since.unwrap_or_else(|| {
            today
                .checked_sub_months(chrono::Months::new(12))
                .unwrap_or(today)
        })
    }

    /// The sections printed, in order.
    pub fn effective_sections(&self) -> Vec<Section> {
        let wanted: Vec<Section> = if self.plan_only {
            let mut s = vec![Section::Plan];
            if self.sections.contains(&Section::Cover) {
                s.push(Section::Cover);
            }
            s
        } else {
            self.sections.clone()
        };
        // The order is the one the sections module prints them in.
        super::sections::ORDER
            .iter()
            .map(|spec| spec.section)
            .filter(|s| wanted.contains(s))
            .collect()
    }

    pub(crate) fn check_filter(&self, matrix: &Matrix, categories: &[String]) -> Result<()> {
        let f = &self.filter;
        if let Some(min) = f.min_level {
            if min >= matrix.levels.len() {
                return Err(Error::invalid(
                    "min_level",
                    min,
                    format!(
                        "matrix {} has levels 0 to {}",
                        matrix.name,
                        matrix.levels.len() - 1
                    ),
                ));
            }
        }
        if let Some(cell) = f.cell {
            matrix.check_score(cell, "cell")?;
        }
        for c in &f.categories {
            if !categories.contains(c) {
                return Err(Error::invalid(
                    "categories",
                    c,
                    format!("no such category; known: {}", categories.join(", ")),
                ));
            }
        }
        Ok(())
    }
}

/// Where an export is, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportStage {
    /// Reading the register from the workspace.
    Reading,
    /// Laying out pages; `done` of `total` rows (risks and actions) are placed.
    Layout,
    /// Compressing, subsetting fonts and writing the file.
    Writing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportProgress {
    pub stage: ReportStage,
    pub done: usize,
    pub total: usize,
}

/// What [`export_pdf_to_file`](crate::report::export_pdf_to_file) wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PdfExport {
    pub path: PathBuf,
    pub pages: usize,
    pub risks: usize,
    pub actions: usize,
    pub bytes: u64,
}

/// "Categories: Technical, Exit · minimum level High · statuses: open", or "".
pub(crate) fn describe_filter(
    filter: &RiskFilter,
    matrix: &Matrix,
    categories: &[Category],
) -> String {
    let mut parts = Vec::new();
    if !filter.categories.is_empty() {
        let names: Vec<&str> = filter
            .categories
            .iter()
            .map(|code| {
                categories
                    .iter()
                    .find(|c| &c.code == code)
                    .map_or(code.as_str(), |c| c.name.as_str())
            })
            .collect();
        parts.push(format!("categories {}", names.join(", ")));
    }
    if let Some(level) = filter.min_level.and_then(|i| matrix.levels.get(i)) {
        let kind = filter.kind.map_or("residual", |k| k.as_str());
        parts.push(format!("{kind} level {} or higher", level.name));
    }
    if !filter.statuses.is_empty() {
        let names: Vec<String> = filter
            .statuses
            .iter()
            .map(|s| humanise(s.as_str()))
            .collect();
        parts.push(format!("status {}", names.join(", ")));
    }
    if let Some(cell) = filter.cell {
        parts.push(format!(
            "cell likelihood {} × impact {}",
            cell.likelihood, cell.impact
        ));
    }
    if let Some(owner) = filter.owner.as_deref().filter(|o| !o.trim().is_empty()) {
        parts.push(format!("owner {}", owner.trim()));
    }
    if let Some(text) = filter.text.as_deref().filter(|t| !t.trim().is_empty()) {
        parts.push(format!("matching “{}”", text.trim()));
    }
    parts.join("; ")
}
