//! `prisk import`: a partnership from a document made by `prisk export`, or a register
//! kept in a spreadsheet (XLSX, XLS, XLSB, ODS or CSV) into a partnership.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use partner_risk_core::interchange::{self, parse_document};
use partner_risk_core::spreadsheet::import::isolated::read_table_isolated;
use partner_risk_core::spreadsheet::import::{
    apply_import, plan_import, DateOrder, ImportMapping, ImportPlan, ReadOptions, RowChange,
    TextEncoding,
};
use partner_risk_core::{Error, Result};
use serde::Serialize;

use crate::context::Context;
use crate::output::print_json;

#[derive(Subcommand)]
pub enum ImportCmd {
    /// Import a partnership from a JSON document made by `export json`.
    Json { file: PathBuf },
    /// Import a register from an XLSX, XLS, XLSB, ODS or CSV file into a partnership (a dry run first
    /// with --dry-run shows the mapping, the rows and every problem).
    Table(TableArgs),
}

#[derive(Args)]
pub struct TableArgs {
    file: PathBuf,
    #[arg(long)]
    partnership: String,
    /// The workbook's sheet (default: the first that looks like a register).
    #[arg(long)]
    sheet: Option<String>,
    /// The header's row number as the spreadsheet shows it (default: detected).
    #[arg(long)]
    header_row: Option<u32>,
    /// The separator of a text file: , ; | or tab (default: detected).
    #[arg(long, value_parser = parse_delimiter)]
    delimiter: Option<char>,
    /// utf-8, windows-1252, utf-16le or utf-16be (default: detected).
    #[arg(long, value_parser = parse_encoding)]
    encoding: Option<TextEncoding>,
    /// dmy (03/04/2027 is 3 April) or mdy (March 4); asked when the file does not tell.
    #[arg(long, value_parser = parse_date_order)]
    date_order: Option<DateOrder>,
    /// A mapping as printed by --dry-run --json (its "mapping"), edited or not.
    #[arg(long, value_name = "FILE.json")]
    mapping: Option<PathBuf>,
    /// Import the valid rows and leave out those with problems.
    #[arg(long)]
    skip_invalid: bool,
    /// Show what would be imported and every problem; write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
}

fn parse_delimiter(s: &str) -> Result<char> {
    match s {
        "tab" | "\\t" | "\t" => Ok('\t'),
        _ if s.chars().count() == 1 => Ok(s.chars().next().expect("one char")),
        _ => Err(Error::invalid(
            "--delimiter",
            s,
            "expected one character or `tab`",
        )),
    }
}

fn parse_encoding(s: &str) -> Result<TextEncoding> {
    TextEncoding::parse(s).ok_or_else(|| {
        Error::invalid(
            "--encoding",
            s,
            "expected utf-8, windows-1252, utf-16le or utf-16be",
        )
    })
}

fn parse_date_order(s: &str) -> Result<DateOrder> {
    DateOrder::parse(s).ok_or_else(|| Error::invalid("--date-order", s, "expected dmy or mdy"))
}

pub fn run(ctx: &Context, cmd: ImportCmd) -> Result<()> {
    match cmd {
        ImportCmd::Json { file } => {
            let mut store = ctx.store_or_create()?;
            let text = std::fs::read_to_string(&file).map_err(|source| Error::Io {
                path: file.clone(),
                source,
            })?;
            let doc =
                parse_document(&text).map_err(|e| e.within(&format!("{}: ", file.display())))?;
            let p = interchange::import_partnership(&mut store, doc)?;
            outln!("imported {:?} ({})", p.fields.name, p.id);
            Ok(())
        }
        ImportCmd::Table(args) => table(ctx, args),
    }
}

fn table(ctx: &Context, args: TableArgs) -> Result<()> {
    let mapping: Option<ImportMapping> = match &args.mapping {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
            Some(serde_json::from_str(&text).map_err(|e| {
                Error::invalid("--mapping", path.display(), format!("not a mapping: {e}"))
            })?)
        }
        None => None,
    };
    let options = ReadOptions {
        sheet: args.sheet.clone(),
        delimiter: args.delimiter,
        encoding: args.encoding,
    };
    // This very binary reads the file in a child process (see `main`).
    let exe = std::env::current_exe().map_err(|source| Error::Io {
        path: PathBuf::from("prisk"),
        source,
    })?;
    let read = read_table_isolated(&exe, &args.file, &options)
        .map_err(|e| e.within(&format!("{}: ", args.file.display())))?;
    let mut store = ctx.store()?;
    let partnership = store.find_partnership(&args.partnership)?;
    let plan = plan_import(&store, 
        &partnership.id,
        &file_name(&args.file),
        &read,
        mapping,
        args.header_row,
        args.date_order,
    )?;
    if args.dry_run {
        if args.json {
            print_json(&DryRun::from(&plan))?;
        } else {
            print_plan(&plan);
        }
        return if plan.problems.is_empty() || args.skip_invalid {
            Ok(())
        } else {
            Err(problems_error(&plan))
        };
    }
    if !plan.problems.is_empty() && !args.skip_invalid {
        for p in &plan.problems {
            eprintln!("{p}");
        }
        return Err(problems_error(&plan));
    }
    let outcome = apply_import(&mut store, &plan, args.skip_invalid)?;
    if args.json {
        print_json(&outcome)?;
    } else {
        outln!(
            "imported {} into {:?}: {} new, {} updated, {} unchanged, {} rows with problems left out, {} rows without a risk skipped, {} new categories",
            plan.file_name,
            partnership.fields.name,
            outcome.created,
            outcome.updated,
            outcome.unchanged,
            outcome.skipped,
            plan.counts.skipped,
            outcome.categories_created
        );
    }
    Ok(())
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn problems_error(plan: &ImportPlan) -> Error {
    // A problem of the whole file first: it is the one to solve, and no option skips it.
    if let Some(p) = plan.problems.iter().find(|p| p.row.is_none()) {
        return Error::invalid(
            &plan.file_name,
            p.to_string(),
            "nothing was imported; choose the header row or the columns with --header-row or --mapping",
        );
    }
    Error::invalid(
        &plan.file_name,
        format!(
            "{} of {} rows have problems",
            plan.counts.invalid, plan.counts.rows
        ),
        "nothing was imported; fix them, change the mapping, or pass --skip-invalid to import the valid rows",
    )
}

/// The dry run as JSON: the mapping (which --mapping takes back), the rows that would be
/// imported and the problems.
#[derive(Serialize)]
struct DryRun<'a> {
    file: &'a str,
    source: &'a partner_risk_core::spreadsheet::import::SourceInfo,
    mapping: &'a ImportMapping,
    counts: &'a partner_risk_core::spreadsheet::import::ImportCounts,
    rows: &'a [partner_risk_core::spreadsheet::import::PlannedRow],
    problems: &'a [partner_risk_core::spreadsheet::import::ImportProblem],
    warnings: &'a [partner_risk_core::spreadsheet::import::ImportProblem],
}

impl<'a> From<&'a ImportPlan> for DryRun<'a> {
    fn from(plan: &'a ImportPlan) -> Self {
        DryRun {
            file: &plan.file_name,
            source: &plan.source,
            mapping: &plan.mapping,
            counts: &plan.counts,
            rows: &plan.rows,
            problems: &plan.problems,
            warnings: &plan.warnings,
        }
    }
}

fn print_plan(plan: &ImportPlan) {
    let s = &plan.source;
    let mut read_as = format!("{:?}", s.kind).to_uppercase();
    if let Some(sheet) = &s.sheet {
        read_as.push_str(&format!(", sheet {sheet:?} of {}", s.sheets.len()));
    }
    if let (Some(e), Some(d)) = (s.encoding, s.delimiter) {
        let d = if d == '\t' {
            "tab".to_string()
        } else {
            d.to_string()
        };
        read_as.push_str(&format!(", {}, separator {d}", e.label()));
    }
    outln!(
        "{}: {read_as}, header in row {}",
        plan.file_name,
        plan.mapping.header_row
    );
    outln!("columns:");
    for c in &plan.mapping.columns {
        outln!(
            "  {:<28} -> {}",
            format!("{:?}", c.header),
            serde_json::to_value(c.target)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        );
    }
    for v in &plan.mapping.values {
        outln!("values of {:?}:", v.header);
        for e in &v.entries {
            let rows = if e.rows == 1 {
                "1 row".to_string()
            } else {
                format!("{} rows", e.rows)
            };
            outln!(
                "  {:<28} -> {:<16} {} ({rows})",
                format!("{:?}", e.value),
                e.to.as_deref().unwrap_or("?"),
                e.how,
            );
        }
    }
    if let Some(order) = plan.mapping.date_order {
        outln!(
            "dates: {}",
            if order == DateOrder::Dmy {
                "day-first"
            } else {
                "month-first"
            }
        );
    }
    for c in &plan.mapping.new_categories {
        outln!(
            "new category: {:?} (code {}, prefix {})",
            c.name,
            c.code,
            c.prefix
        );
    }
    let c = &plan.counts;
    outln!(
        "{} rows: {} new, {} update existing risks, {} unchanged, {} with problems, {} skipped",
        c.rows,
        c.new,
        c.update,
        c.unchanged,
        c.invalid,
        c.skipped
    );
    for row in plan
        .rows
        .iter()
        .filter(|r| r.valid && r.change == RowChange::Update)
        .take(20)
    {
        outln!(
            "  row {} updates {}",
            row.row,
            row.existing_reference.as_deref().unwrap_or("?")
        );
    }
    for w in &plan.warnings {
        outln!("warning: {w}");
    }
    for p in &plan.problems {
        outln!("problem: {p}");
    }
}
