//! `prisk reading`: the readings of an indicator — add one (a second of the same day only
//! with `--replace`, the replaced one kept), list them, import them from CSV/XLSX (read in
//! a child process like `prisk import table`, with a dry run and per-row problems).

use std::path::PathBuf;

use clap::{Args, Subcommand};
use partner_risk_core::health::{Indicator, ReadingFields};
use partner_risk_core::model::parse_date;
use partner_risk_core::spreadsheet::import::isolated::read_table_isolated;
use partner_risk_core::spreadsheet::import::readings::{
    apply_readings, plan_readings, ColumnChoice, ColumnMeaning, ReadingsColumn,
    ReadingsOptions, ReadingsPlan,
};
use partner_risk_core::spreadsheet::import::{DateOrder, ReadOptions};
use partner_risk_core::{Error, Result};

use super::indicator::{flag_error as flag, parse_number};
use crate::context::Context;

#[derive(Subcommand)]
pub enum ReadingCmd {
    /// Record a reading of an indicator.
    Add {
        /// The indicator's name or id.
        indicator: String,
        /// The partnership (id or exact name), when several have an indicator of that name.
        #[arg(long)]
        partnership: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        #[arg(long, allow_hyphen_values = true)]
        value: String,
        #[arg(long, default_value = "")]
        note: String,
        /// Replace the reading of that day (it is kept, marked as replaced).
        #[arg(long)]
        replace: bool,
        #[arg(long)]
        json: bool,
    },
    /// Import readings from CSV/XLSX: a long table (indicator, date, value[, note]) or a
    /// wide one (a date column and a column per indicator). All or nothing.
    Import(ImportArgs),
    /// An indicator's readings, oldest first (`--all`: replaced ones too).
    List {
        indicator: String,
        #[arg(long)]
        partnership: Option<String>,
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
pub struct ImportArgs {
    file: PathBuf,
    /// Partnership id or exact name.
    #[arg(long)]
    partnership: String,
    /// Show what would be imported and every problem; write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Replace the readings of days that have one (kept, marked replaced).
    #[arg(long)]
    replace: bool,
    /// The order of numeric dates such as 03/04/2027: dmy or mdy (default: from the file).
    #[arg(long, value_parser = parse_date_order)]
    date_order: Option<DateOrder>,
    /// The workbook's sheet (default: the first).
    #[arg(long)]
    sheet: Option<String>,
    /// What a column holds, overriding its header's words: COLUMN is its header or its
    /// number (from 1); MEANING is indicator, date, value, note, ignore, or the name of
    /// the indicator whose readings it holds (wide tables). Repeatable, e.g.
    /// `--column Stichtag=date --column "Uptime (monthly)=Availability"`.
    #[arg(long = "column", value_name = "COLUMN=MEANING")]
    columns: Vec<String>,
    #[arg(long)]
    json: bool,
}

/// The detected columns with the `--column` choices over them; a meaning held by one
/// column (the date, say) leaves the column that had it.
fn mapping(
    choices: &[String],
    found: &[ReadingsColumn],
    indicators: &[Indicator],
) -> Result<Vec<ColumnChoice>> {
    let mut mapping: Vec<ColumnChoice> = found
        .iter()
        .map(|c| ColumnChoice {
            column: c.column,
            taken_as: c.taken_as,
            indicator_id: c.indicator_id.clone(),
        })
        .collect();
    for choice in choices {
        let Some((column, meaning)) = choice.rsplit_once('=') else {
            return Err(Error::invalid(
                "--column",
                choice,
                "expected COLUMN=MEANING, e.g. Stichtag=date",
            ));
        };
        let key = column.trim().to_lowercase();
        let at = found
            .iter()
            .position(|c| c.header.trim().to_lowercase() == key)
            .or_else(|| {
                key.parse::<usize>()
                    .ok()
                    .filter(|&n| (1..=found.len()).contains(&n))
                    .map(|n| n - 1)
            })
            .ok_or_else(|| {
                let headers: Vec<&str> = found.iter().map(|c| c.header.as_str()).collect();
                Error::invalid(
                    "--column",
                    choice,
                    format!(
                        "no column is headed {column:?} or numbered so (the columns: {})",
                        headers.join(", ")
                    ),
                )
            })?;
        let (taken_as, indicator_id) = match meaning.trim().to_lowercase().as_str() {
            "indicator" => (ColumnMeaning::Indicator, None),
            "date" => (ColumnMeaning::Date, None),
            "value" => (ColumnMeaning::Value, None),
            "note" => (ColumnMeaning::Note, None),
            "ignore" => (ColumnMeaning::Ignored, None),
            name => {
                let i = indicators
                    .iter()
                    .find(|i| i.fields.name.to_lowercase() == name)
                    .ok_or_else(|| {
                        Error::invalid(
                            "--column",
                            choice,
                            format!(
                                "{:?} is neither indicator, date, value, note nor ignore, nor an indicator of the partnership",
                                meaning.trim()
                            ),
                        )
                    })?;
                (ColumnMeaning::Readings, Some(i.id.clone()))
            }
        };
        if taken_as != ColumnMeaning::Readings && taken_as != ColumnMeaning::Ignored {
            for other in mapping.iter_mut().filter(|c| c.taken_as == taken_as) {
                other.taken_as = ColumnMeaning::Ignored;
            }
        }
        mapping[at] = ColumnChoice {
            column: at as u32,
            taken_as,
            indicator_id,
        };
    }
    Ok(mapping)
}

fn parse_date_order(s: &str) -> Result<DateOrder> {
    DateOrder::parse(s).ok_or_else(|| Error::invalid("--date-order", s, "expected dmy or mdy"))
}

fn import(ctx: &Context, args: ImportArgs) -> Result<()> {
    let options = ReadOptions {
        sheet: args.sheet.clone(),
        ..ReadOptions::default()
    };
    // This very binary reads the file in a child process (see `main`).
    let exe = std::env::current_exe().map_err(|source| Error::Io {
        path: PathBuf::from("prisk"),
        source,
    })?;
    let table = read_table_isolated(&exe, &args.file, &options)
        .map_err(|e| e.within(&format!("{}: ", args.file.display())))?;
    let mut store = ctx.store()?;
    let p = store.find_partnership(&args.partnership)?;
    let name = args
        .file
        .file_name()
        .map_or_else(|| args.file.display().to_string(), |n| n.to_string_lossy().into_owned());
    let mut options = ReadingsOptions {
        date_order: args.date_order,
        replace: args.replace,
        mapping: None,
    };
    let mut plan = plan_readings(&store, &p.id, &name, &table, &options, ctx.today())?;
    if !args.columns.is_empty() {
        if plan.columns.is_empty() {
            return Err(Error::invalid(
                "--column",
                &args.columns[0],
                "the file has no header row",
            ));
        }
        let indicators = store.indicators(&p.id)?;
        options.mapping = Some(mapping(&args.columns, &plan.columns, &indicators)?);
        plan = plan_readings(&store, &p.id, &name, &table, &options, ctx.today())?;
    }
    if args.dry_run {
        if args.json {
            crate::output::print_json(&plan)?;
        } else {
            print_plan(&plan);
        }
        return match plan.problems.first() {
            None => Ok(()),
            Some(first) => Err(Error::invalid(
                "file",
                &plan.file_name,
                format!("{} problems (first: {first})", plan.problems.len()),
            )),
        };
    }
    let added = apply_readings(&mut store, &plan, ctx.today())?;
    if args.json {
        return crate::output::print_json(&added);
    }
    outln!(
        "imported {} readings from {} into {:?} ({} replacing the reading of their day)",
        added.added,
        plan.file_name,
        p.fields.name,
        added.replaced
    );
    Ok(())
}

fn print_plan(plan: &ReadingsPlan) {
    let layout = match plan.layout {
        Some(l) => format!("{l:?}").to_lowercase(),
        None => "unknown".into(),
    };
    outln!(
        "{}: {} table, {} rows, {} readings to import ({} replacing), {} problems, {} warnings",
        plan.file_name,
        layout,
        plan.rows,
        plan.readings.len(),
        plan.replacing(),
        plan.problems.len(),
        plan.warnings.len()
    );
    for c in &plan.columns {
        let taken_as = match (&c.indicator, c.taken_as) {
            (Some(name), _) => format!("readings of {name}"),
            (None, ColumnMeaning::Ignored) => "not imported".to_string(),
            (None, m) => format!("{m:?}").to_lowercase(),
        };
        outln!("column {} {:?}: {taken_as}", c.column + 1, c.header);
    }
    for p in &plan.problems {
        outln!("problem: {p}");
    }
    for w in &plan.warnings {
        outln!("warning: {w}");
    }
}

pub fn run(ctx: &Context, cmd: ReadingCmd) -> Result<()> {
    if let ReadingCmd::Import(args) = cmd {
        return import(ctx, args);
    }
    let mut store = ctx.store()?;
    match cmd {
        ReadingCmd::Import(_) => unreachable!("answered above"),
        ReadingCmd::Add {
            indicator,
            partnership,
            date,
            value,
            note,
            replace,
            json,
        } => {
            let i = store.find_indicator(partnership.as_deref(), &indicator)?;
            let fields = ReadingFields {
                date: parse_date(&date, "--date")?,
                value: parse_number(&value, "--value")?,
                note,
            };
            let reading = store
                .add_reading(&i.id, fields, replace, ctx.today())
                .map_err(flag)?;
            if json {
                return crate::output::print_json(&reading);
            }
            let verb = if reading.replaces.is_some() {
                "replaced the reading of"
            } else {
                "recorded"
            };
            let status = store.indicator_health(&i.id, ctx.today())?.status;
            outln!(
                "{verb} {} {} on {}; status {}: {}",
                i.fields.name,
                i.fields.unit.format(reading.fields.value),
                reading.fields.date,
                status.status,
                status.reason
            );
            Ok(())
        }
        ReadingCmd::List {
            indicator,
            partnership,
            all,
            json,
        } => {
            let i = store.find_indicator(partnership.as_deref(), &indicator)?;
            let readings = store.readings(&i.id, all)?;
            if json {
                return crate::output::print_json(&readings);
            }
            let rows = readings
                .iter()
                .map(|r| {
                    vec![
                        r.fields.date.to_string(),
                        i.fields.unit.format(r.fields.value),
                        r.fields.note.clone(),
                        r.recorded_by.clone(),
                    ]
                })
                .collect();
            crate::output::table(&["Date", "Value", "Note", "By"], rows);
            Ok(())
        }
    }
}
