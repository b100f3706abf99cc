//! `prisk export`: a partnership as a lossless JSON document, as the PDF report, or as a
//! spreadsheet (an XLSX workbook or the register as CSV).

use std::path::PathBuf;

use clap::{Args, Subcommand};
use partner_risk_core::interchange::{self, document_json};
use partner_risk_core::model::{parse_date, RiskStatus};
use partner_risk_core::report::{self, Paper, PdfOptions, PlanGrouping, Section};
use partner_risk_core::store::RiskFilter;
use partner_risk_core::{spreadsheet, Error, Result, Store};

use crate::args::{min_level, parse_paper, parse_plan_grouping, parse_risk_status, parse_section};
use crate::context::Context;

#[derive(Subcommand)]
pub enum ExportCmd {
    /// Lossless JSON document of one partnership.
    Json {
        #[arg(long)]
        partnership: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// PDF report: cover, summary, heat maps, register, mitigation plan, loss in money,
    /// requirements, health, exit plan, review log, appendix.
    Pdf(PdfArgs),
    /// XLSX workbook: Register (levels in their colours, dropdowns, filters), Actions,
    /// Requirements and Matrix sheets.
    Xlsx {
        #[arg(long)]
        partnership: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// The register as CSV (UTF-8 with BOM; cells that could run as formulas start with ').
    Csv {
        #[arg(long)]
        partnership: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// DORA's Register of Information, template B_07.01 (the exit columns), for every
    /// partnership as CSV, from the exit plans.
    RegisterOfInformation {
        #[arg(long)]
        out: PathBuf,
    },
    /// One-page PDF summary of every partnership: levels, appetite, reviews, actions, acceptances.
    Portfolio {
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value = "")]
        prepared_by: String,
    },
}

#[derive(Args)]
pub struct PdfArgs {
    #[arg(long)]
    partnership: String,
    #[arg(long)]
    out: PathBuf,
    /// a4 or letter.
    #[arg(long, default_value = "a4", value_parser = parse_paper)]
    paper: Paper,
    /// Comma-separated: cover, summary, heat_maps, register, plan, loss, requirements,
    /// health, exit_plan, review_log, appendix.
    #[arg(long, value_delimiter = ',', value_parser = parse_section)]
    sections: Vec<Section>,
    /// Only risks whose residual level is this one or higher (level name).
    #[arg(long)]
    min_level: Option<String>,
    /// Only these categories (comma-separated codes).
    #[arg(long, value_delimiter = ',')]
    categories: Vec<String>,
    /// Only these risk statuses (comma-separated).
    #[arg(long, value_delimiter = ',', value_parser = parse_risk_status)]
    status: Vec<RiskStatus>,
    /// The mitigation plan on its own (with the cover unless --sections leaves it out).
    #[arg(long)]
    plan_only: bool,
    /// Group the plan by owner, due_month, or value (by risk, the mitigation worth most in
    /// money first).
    #[arg(long, default_value = "owner", value_parser = parse_plan_grouping)]
    plan_group: PlanGrouping,
    #[arg(long, default_value = "")]
    prepared_by: String,
    #[arg(long, default_value = "Confidential")]
    confidentiality: String,
    /// The review log lists reviews from this day on (default: the last 12 months).
    #[arg(long, value_name = "YYYY-MM-DD")]
    review_since: Option<String>,
    /// The register prints the partner's latest view of each risk (their scores, comment,
    /// who and when) in a column beside ours.
    #[arg(long)]
    partner_views: bool,
}

pub fn run(ctx: &Context, cmd: ExportCmd) -> Result<()> {
    let store = ctx.store()?;
    match cmd {
        ExportCmd::Json { partnership, out } => {
            let p = store.find_partnership(&partnership)?;
            let doc = interchange::export_partnership(&store, &p.id)?;
            std::fs::write(&out, document_json(&doc) + "\n").map_err(|source| Error::Io {
                path: out.clone(),
                source,
            })?;
            outln!(
                "exported {:?} ({} risks) to {}",
                p.fields.name,
                doc.risks.len(),
                out.display()
            );
            Ok(())
        }
        ExportCmd::Pdf(args) => pdf(ctx, &store, args),
        ExportCmd::Xlsx { partnership, out } => {
            let p = store.find_partnership(&partnership)?;
            let done = spreadsheet::export_xlsx_to_file(&store, &p.id, ctx.today(), &out)?;
            outln!(
                "exported {:?} ({} risks, {} actions) to {}",
                p.fields.name,
                done.risks,
                done.actions,
                done.path.display()
            );
            Ok(())
        }
        ExportCmd::Csv { partnership, out } => {
            let p = store.find_partnership(&partnership)?;
            let done = spreadsheet::export_csv_to_file(&store, &p.id, ctx.today(), &out)?;
            outln!(
                "exported {:?} ({} risks) to {}",
                p.fields.name,
                done.risks,
                done.path.display()
            );
            Ok(())
        }
        ExportCmd::RegisterOfInformation { out } => {
            let done =
                partner_risk_core::register_of_information::export_register_of_information(
                    &store, &out,
                )?;
            outln!(
                "exported the register of information ({} partnerships) to {}",
                done.rows,
                done.path.display()
            );
            Ok(())
        }
        ExportCmd::Portfolio { out, prepared_by } => {
            let done = report::portfolio::export_portfolio_to_file(&store, ctx.today(), &prepared_by, &out)
                .map_err(option_names)?;
            outln!(
                "exported the portfolio ({} partnerships, {} pages) to {}",
                done.partnerships,
                done.pages,
                done.path.display()
            );
            Ok(())
        }
    }
}

fn pdf(ctx: &Context, store: &Store, args: PdfArgs) -> Result<()> {
    let p = store.find_partnership(&args.partnership)?;
    let min_level = min_level(store, &p.matrix_id, args.min_level)?;
    let options = PdfOptions {
        paper: args.paper,
        sections: if args.sections.is_empty() {
            Section::ALL.to_vec()
        } else {
            args.sections
        },
        filter: RiskFilter {
            categories: args.categories,
            statuses: args.status,
            min_level,
            ..RiskFilter::default()
        },
        plan_only: args.plan_only,
        plan_grouping: args.plan_group,
        prepared_by: args.prepared_by,
        confidentiality: args.confidentiality,
        review_since: args
            .review_since
            .map(|d| parse_date(&d, "--review-since"))
            .transpose()?,
        partner_views: args.partner_views,
    };
    let done = report::export_pdf_to_file(store, &p.id, &options, ctx.today(), &args.out, &mut |_| {})
        .map_err(option_names)?;
    outln!(
        "exported {:?} ({} risks, {} actions, {} pages) to {}",
        p.fields.name,
        done.risks,
        done.actions,
        done.pages,
        done.path.display()
    );
    Ok(())
}

/// Names the command-line option in errors about report options (`categories` →
/// `--categories`).
fn option_names(e: Error) -> Error {
    match e {
        Error::Invalid {
            field,
            value,
            message,
        } => {
            let option = match field.as_str() {
                "categories" | "sections" | "min_level" | "prepared_by" | "confidentiality"
                | "review_since" => {
                    format!("--{}", field.replace('_', "-"))
                }
                _ => field,
            };
            Error::invalid(option, value, message)
        }
        other => other,
    }
}
