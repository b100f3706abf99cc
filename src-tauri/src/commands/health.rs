//! Partnership health: the indicator library, indicators, readings, the Health tab's data,
//! one indicator's chart, the indicators a risk is informed by, what the statuses bring to
//! the analyst, and the import of readings from a spreadsheet (read in the import's reader
//! process, a dry run first, then all or nothing). Thin: one core call each.

use partner_risk_core::health::{
    library, Indicator, IndicatorFields, LibraryEntry, Reading, ReadingFields,
};
use partner_risk_core::spreadsheet::import::readings::{
    apply_readings, plan_readings, ReadingsOptions, ReadingsPlan,
};
use partner_risk_core::spreadsheet::import::ReadOptions;
use partner_risk_core::store::{
    HealthFlags, HealthRow, IndicatorChart, PartnershipHealth, ReadingsAdded,
};
use partner_risk_macros::command;
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use super::import::{read, read_previewed, ImportReader, PREVIEW_PROBLEMS, PREVIEW_ROWS};
use super::{today, with_store, Reply};
use crate::workspace::Workspace;

/// The common indicators to start from, with their defaults.
#[command]
pub async fn indicator_library() -> Reply<Vec<LibraryEntry>> {
    Ok(library())
}

#[command]
pub async fn list_indicators(
    workspace: State<'_, Workspace>,
    partnership_id: String,
) -> Reply<Vec<Indicator>> {
    with_store(workspace, move |s| s.indicators(&partnership_id)).await
}

#[command]
pub async fn add_indicator(
    workspace: State<'_, Workspace>,
    partnership_id: String,
    fields: IndicatorFields,
) -> Reply<Indicator> {
    with_store(workspace, move |s| s.add_indicator(&partnership_id, fields)).await
}

/// Replaces an indicator's fields (one audit row per changed field).
#[command]
pub async fn update_indicator(
    workspace: State<'_, Workspace>,
    id: String,
    fields: IndicatorFields,
) -> Reply<Indicator> {
    with_store(workspace, move |s| {
        s.change_indicator(&id, |f| {
            *f = fields;
            Ok(())
        })
    })
    .await
}

/// Removes an indicator with its readings.
#[command]
pub async fn remove_indicator(workspace: State<'_, Workspace>, id: String) -> Reply<Indicator> {
    with_store(workspace, move |s| s.remove_indicator(&id)).await
}

/// Records a reading; a day that has one is refused unless `replace`.
#[command]
pub async fn add_reading(
    workspace: State<'_, Workspace>,
    indicator_id: String,
    fields: ReadingFields,
    replace: bool,
) -> Reply<Reading> {
    with_store(workspace, move |s| {
        s.add_reading(&indicator_id, fields, replace, today())
    })
    .await
}

/// The readings of one indicator, oldest first (`withReplaced`: the replaced ones too).
#[command]
pub async fn list_readings(
    workspace: State<'_, Workspace>,
    indicator_id: String,
    with_replaced: bool,
) -> Reply<Vec<Reading>> {
    with_store(workspace, move |s| s.readings(&indicator_id, with_replaced)).await
}

/// The Health tab: every indicator with its status, reason, latest value and last
/// readings, the counts, and the risks and exit triggers the statuses flag.
#[command]
pub async fn partnership_health(
    workspace: State<'_, Workspace>,
    partnership_id: String,
) -> Reply<PartnershipHealth> {
    with_store(workspace, move |s| {
        s.partnership_health(&partnership_id, today())
    })
    .await
}

/// One indicator's chart: thresholds, status and every current reading.
#[command]
pub async fn indicator_chart(
    workspace: State<'_, Workspace>,
    indicator_id: String,
) -> Reply<IndicatorChart> {
    with_store(workspace, move |s| {
        s.indicator_chart(&indicator_id, today())
    })
    .await
}

/// The indicators that inform a risk, for the review screen.
#[command]
pub async fn risk_indicators(
    workspace: State<'_, Workspace>,
    risk_id: String,
) -> Reply<Vec<HealthRow>> {
    with_store(workspace, move |s| s.risk_indicators(&risk_id, today())).await
}

/// The risks brought back for review and the exit triggers fired, for one partnership or
/// every partnership.
#[command]
pub async fn health_flags(
    workspace: State<'_, Workspace>,
    partnership_id: Option<String>,
) -> Reply<HealthFlags> {
    with_store(workspace, move |s| {
        s.health_flags(partnership_id.as_deref(), today())
    })
    .await
}

/// The dry run of a readings import as the dialog shows it: the plan with its first
/// readings and problems; the totals are of the whole file.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ReadingsPreview {
    pub plan: ReadingsPlan,
    /// The digest of the file previewed: the import refuses a file changed since.
    pub digest: String,
    pub readings_total: usize,
    pub replacing: usize,
    pub problems_total: usize,
}

impl ReadingsPreview {
    fn of(mut plan: ReadingsPlan, digest: String) -> ReadingsPreview {
        let readings_total = plan.readings.len();
        let replacing = plan.replacing();
        let problems_total = plan.problems.len();
        plan.readings.truncate(PREVIEW_ROWS);
        plan.problems.truncate(PREVIEW_PROBLEMS);
        ReadingsPreview {
            plan,
            digest,
            readings_total,
            replacing,
            problems_total,
        }
    }
}

/// Reads the file and plans its readings: writes nothing.
#[command]
pub async fn preview_reading_import(
    workspace: State<'_, Workspace>,
    reader: State<'_, ImportReader>,
    partnership_id: String,
    path: String,
    options: ReadOptions,
    readings: ReadingsOptions,
) -> Reply<ReadingsPreview> {
    let (name, table) = read(&reader, path, options).await?;
    let digest = table.source.digest.clone();
    let plan = with_store(workspace, move |s| {
        plan_readings(s, &partnership_id, &name, &table, &readings, today())
    })
    .await?;
    Ok(ReadingsPreview::of(plan, digest))
}

/// Reads the file again and, if it is the one previewed, writes its readings in one
/// transaction; with any problem, nothing.
#[command]
pub async fn run_reading_import(
    workspace: State<'_, Workspace>,
    reader: State<'_, ImportReader>,
    partnership_id: String,
    path: String,
    options: ReadOptions,
    readings: ReadingsOptions,
    digest: String,
) -> Reply<ReadingsAdded> {
    let (name, table) = read_previewed(&reader, path, options, &digest).await?;
    with_store(workspace, move |s| {
        let plan = plan_readings(s, &partnership_id, &name, &table, &readings, today())?;
        apply_readings(s, &plan, today())
    })
    .await
}
