//! PDF reports: a partnership's risk register and mitigation plan, drawn with printpdf's
//! low-level operations (no HTML, no browser) and an embedded, subset Unicode font.
//!
//! The desktop app and the CLI call [`export_pdf`] or
//! [`export_pdf_to_file`] with [`PdfOptions`]; progress is reported through a
//! callback so that a large register can show a progress bar.
//!
//! - `options`: the public options and results (re-exported here).
//! - `kit`: the drawing kit (document, text, tables, matrix grid, chips, cover blocks)
//!   that other documents such as the workshop minutes use too.
//! - `sections`: the report's sections, one file each, and their order.
//! - `output`: from pages to bytes and to a file.

pub mod exit_plan;
pub(crate) mod kit;
mod options;
pub(crate) mod output;
pub mod portfolio;
mod sections;

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;

pub use kit::fonts::FONT_DIR_ENV;
pub use options::{
    Paper, PdfExport, PdfOptions, PlanGrouping, ReportProgress, ReportStage, Section,
};

use crate::error::Result;
use crate::matrix::Matrix;
use crate::model::{Action, Partnership, Requirement};
use crate::register::RegisterEntry;
use crate::review::acceptance::Acceptance;
use crate::review::Review;
use crate::store::{RiskFilter, Store};
use options::describe_filter;

/// Everything the sections draw from.
pub(crate) struct ReportData<'a> {
    pub partnership: &'a Partnership,
    pub matrix: &'a Matrix,
    pub entries: &'a [RegisterEntry],
    /// Actions of the risks in the report, by due date.
    pub actions: Vec<&'a Action>,
    pub requirements: &'a [Requirement],
    pub category_names: HashMap<String, String>,
    /// Reference of every risk of the partnership by id.
    pub references: HashMap<String, String>,
    pub options: &'a PdfOptions,
    pub today: NaiveDate,
    /// A description of the filter, empty when the report covers every risk.
    pub scope: String,
    /// The reviews of the risks in the report made in the period, oldest first.
    pub reviews: Vec<Review>,
    /// The acceptances of the risks in the report, oldest first.
    pub acceptances: Vec<Acceptance>,
    /// The first day of the review log's period.
    pub review_since: NaiveDate,
    /// What each risk's mitigation is worth; read only for a plan grouped by value.
    pub plan_value: Option<crate::quant::MitigationPlanValue>,
    /// Risk in money: the kept simulations, the cells and the mitigation value; read
    /// only for the loss section.
    pub quant: Option<QuantData>,
    /// The partnership's health indicators; read only for the health section, and only
    /// when the partnership has indicators.
    pub health: Option<sections::health::HealthData>,
    /// The partnership's exit plan with its log and readiness; read only for the exit plan
    /// section, and only when the plan has something in it.
    pub exit: Option<ExitSection>,
    /// The partner's latest view of each risk, by risk id; read only for a register with
    /// the partner's column ([`PdfOptions::partner_views`]).
    pub partner_views: Option<HashMap<String, crate::exchange::PartnerView>>,
}

/// What the exit plan section draws from.
pub(crate) struct ExitSection {
    pub plan: crate::exit::ExitPlan,
    pub tests: Vec<crate::exit::ExitTest>,
    pub readiness: crate::exit::Readiness,
}

/// What the loss section draws from.
pub(crate) struct QuantData {
    pub results: crate::store::QuantResults,
    pub cells: Vec<crate::store::RiskCells>,
    pub value: crate::quant::MitigationPlanValue,
}

struct Rendered {
    bytes: Vec<u8>,
    pages: usize,
    risks: usize,
    actions: usize,
}

/// The partnership's report as PDF bytes. `today` is the export date and decides
/// which actions are overdue.
pub fn export_pdf(
    store: &Store,
    partnership_id: &str,
    options: &PdfOptions,
    today: NaiveDate,
    progress: &mut dyn FnMut(ReportProgress),
) -> Result<Vec<u8>> {
    Ok(render_pdf(store, partnership_id, options, today, progress)?.bytes)
}

/// Writes the report to `path` atomically: a temporary file in the same folder is
/// renamed over the target, so a failed export leaves nothing half-written.
pub fn export_pdf_to_file(
    store: &Store,
    partnership_id: &str,
    options: &PdfOptions,
    today: NaiveDate,
    path: &Path,
    progress: &mut dyn FnMut(ReportProgress),
) -> Result<PdfExport> {
    output::check_target(path)?;
    let r = render_pdf(store, partnership_id, options, today, progress)?;
    output::write_atomically(path, &r.bytes)?;
    Ok(PdfExport {
        path: path.to_path_buf(),
        pages: r.pages,
        risks: r.risks,
        actions: r.actions,
        bytes: r.bytes.len() as u64,
    })
}

fn render_pdf(
    store: &Store,
    partnership_id: &str,
    options: &PdfOptions,
    today: NaiveDate,
    progress: &mut dyn FnMut(ReportProgress),
) -> Result<Rendered> {
    options.validate()?;
    progress(ReportProgress {
        stage: ReportStage::Reading,
        done: 0,
        total: 1,
    });
    let partnership = store.partnership(partnership_id)?;
    let matrix = store.matrix(&partnership.matrix_id)?;
    let categories = store.categories()?;
    let codes: Vec<String> = categories.iter().map(|c| c.code.clone()).collect();
    options.check_filter(&matrix, &codes)?;
    let fonts = kit::Fonts::load()?;

    let sections = options.effective_sections();
    let needs = |s: &[Section]| s.iter().any(|x| sections.contains(x));
    let register = store.register(&partnership.id, &options.filter, today)?;
    let in_report: HashMap<&str, &RegisterEntry> = register
        .entries
        .iter()
        .map(|e| (e.risk.id.as_str(), e))
        .collect();
    let all_actions = if needs(&[Section::Summary, Section::Register, Section::Plan]) {
        store.partnership_actions(&partnership.id)?
    } else {
        Vec::new()
    };
    let actions: Vec<&Action> = all_actions
        .iter()
        .filter(|a| in_report.contains_key(a.risk_id.as_str()))
        .collect();
    let requirements = if needs(&[Section::Summary, Section::Requirements]) {
        store.requirements(&partnership.id)?
    } else {
        Vec::new()
    };
    let filtered = options.filter != RiskFilter::default();
    let mut references: HashMap<String, String> = register
        .entries
        .iter()
        .map(|e| (e.risk.id.clone(), e.risk.reference.clone()))
        .collect();
    let linked_outside = requirements
        .iter()
        .flat_map(|r| &r.risk_ids)
        .any(|id| !references.contains_key(id));
    if filtered && linked_outside {
        // Requirements list every risk they mitigate, also those filtered out.
        references = store
            .risks(&partnership.id)?
            .into_iter()
            .map(|r| (r.id, r.reference))
            .collect();
    }
    let review_since = options.review_period_start(today);
    if review_since > today {
        return Err(crate::error::Error::invalid(
            "review_since",
            review_since,
            format!("the review log's period must start on or before today ({today})"),
        ));
    }
    let (reviews, acceptances) = if needs(&[Section::ReviewLog]) {
        (
            store
                .partnership_reviews(&partnership.id)?
                .into_iter()
                .filter(|r| {
                    r.reviewed_on >= review_since && in_report.contains_key(r.risk_id.as_str())
                })
                .collect(),
            store
                .partnership_acceptances(&partnership.id, today)?
                .into_iter()
                .filter(|a| in_report.contains_key(a.risk_id.as_str()))
                .collect(),
        )
    } else {
        (Vec::new(), Vec::new())
    };
    let plan_value = if needs(&[Section::Plan]) && options.plan_grouping == PlanGrouping::Value {
        Some(store.mitigation_plan_value(&partnership.id)?)
    } else {
        None
    };
    // The loss section is printed for a partnership with money estimates or kept runs.
    let quant = if needs(&[Section::Loss]) {
        let results = store.quant_results(&partnership.id)?;
        let estimated = store.risks(&partnership.id)?.iter().any(|r| {
            crate::model::ScoreKind::ALL
                .iter()
                .any(|&k| r.fields.loss(k).is_some())
        });
        (estimated || !results.stages.is_empty())
            .then(|| -> Result<QuantData> {
                Ok(QuantData {
                    cells: store.risk_cells(&partnership.id)?,
                    value: store.mitigation_plan_value(&partnership.id)?,
                    results,
                })
            })
            .transpose()?
    } else {
        None
    };
    // The exit plan section is printed for a partnership whose plan has something in it.
    let exit = if needs(&[Section::ExitPlan]) {
        let plan = store.exit_plan(&partnership.id)?;
        if plan.is_empty() {
            None
        } else {
            Some(ExitSection {
                tests: store.exit_tests(&partnership.id)?,
                readiness: store.exit_readiness(&partnership.id, today)?,
                plan,
            })
        }
    } else {
        None
    };
    let health = if needs(&[Section::Health]) {
        sections::health::load(store, &partnership.id, today)?
    } else {
        None
    };
    // The partner's column: their latest view of each risk (the list is newest first).
    let partner_views = if options.partner_views && needs(&[Section::Register]) {
        let mut latest = HashMap::new();
        for v in crate::exchange::partner_views(store, &partnership.id)? {
            latest.entry(v.risk_id.clone()).or_insert(v);
        }
        Some(latest)
    } else {
        None
    };
    let sections: Vec<Section> = sections
        .into_iter()
        .filter(|&s| s != Section::Health || health.is_some())
        .filter(|&s| s != Section::Loss || quant.is_some())
        .filter(|&s| s != Section::ExitPlan || exit.is_some())
        .collect();
    let data = ReportData {
        plan_value,
        quant,
        health,
        exit,
        partner_views,
        partnership: &partnership,
        matrix: &matrix,
        entries: &register.entries,
        actions,
        requirements: &requirements,
        category_names: categories
            .iter()
            .map(|c| (c.code.clone(), c.name.clone()))
            .collect(),
        references,
        options,
        today,
        scope: describe_filter(&options.filter, &matrix, &categories),
        reviews,
        acceptances,
        review_since,
    };
    progress(ReportProgress {
        stage: ReportStage::Reading,
        done: 1,
        total: 1,
    });

    let mut doc = kit::Doc::new(&fonts, options.paper);
    let bookmarks = sections::draw(&mut doc, &data, &sections, progress);
    let pages = doc.page_count();
    let title = if options.plan_only {
        "Mitigation plan"
    } else {
        "Risk register"
    };
    let header_left = format!("{} — {title}", partnership.fields.name);
    let mut footer = format!("Exported {}", today.format("%Y-%m-%d"));
    if !options.prepared_by.trim().is_empty() {
        footer.push_str(&format!(" · prepared by {}", options.prepared_by.trim()));
    }
    footer.push_str(" · Partner Risk");
    let pdf_pages = doc.finish(&header_left, options.confidentiality.trim(), &footer);

    progress(ReportProgress {
        stage: ReportStage::Writing,
        done: 0,
        total: 1,
    });
    let meta = output::Meta {
        title: &header_left,
        author: options.prepared_by.trim(),
        subject: &format!("{title} of {}", partnership.fields.name),
    };
    let bytes = output::save(&fonts, pdf_pages, &meta, &bookmarks)?;
    progress(ReportProgress {
        stage: ReportStage::Writing,
        done: 1,
        total: 1,
    });
    Ok(Rendered {
        bytes,
        pages,
        risks: data.entries.len(),
        actions: data.actions.len(),
    })
}
