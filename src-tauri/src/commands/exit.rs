//! Exit plans in the window: the plan with what is derived from it, its changes, the test
//! log, findings turned into actions, the exit plan PDF and the Register of Information.

use partner_risk_core::exit::{
    saas_starter, ExitPlan, ExitPlanView, ExitTestFields, REMINDER_DAYS,
};
use partner_risk_core::model::{Action, ActionFields, ActionStatus};
use partner_risk_core::register_of_information::{self, RegisterExport};
use partner_risk_core::report::exit_plan::{export_exit_plan_to_file, ExitPlanExport};
use partner_risk_core::store::{ExitReminder, ExitStatus};
use partner_risk_core::Store;
use partner_risk_macros::command;
use tauri::State;

use super::{ask_pdf_path, ask_save_path, remember_export, today, with_store, Reply};
use crate::workspace::{safe_file_stem, LastExport, Workspace};

/// What the window shows of a plan: the plan, its log and the store's readiness (which
/// includes triggers fired by health indicators).
fn view(s: &Store, partnership_id: &str) -> partner_risk_core::Result<ExitPlanView> {
    let today = today();
    Ok(ExitPlanView::with_readiness(
        s.exit_plan(partnership_id)?,
        s.exit_tests(partnership_id)?,
        s.exit_readiness(partnership_id, today)?,
        today,
    ))
}

/// The partnership's exit plan, its test log and readiness today (the notice deadlines,
/// each scenario's critical path, the gaps).
#[command]
pub async fn exit_plan(
    workspace: State<'_, Workspace>,
    partnership_id: String,
) -> Reply<ExitPlanView> {
    with_store(workspace, move |s| view(s, &partnership_id)).await
}

/// Saves the whole plan (the agreement, the plan-wide fields, every list: items added,
/// changed or removed), when the stored plan is still `expected`; one audit row per field
/// changed. Items without an id get one.
#[command]
pub async fn save_exit_plan(
    workspace: State<'_, Workspace>,
    partnership_id: String,
    expected: ExitPlan,
    plan: ExitPlan,
) -> Reply<ExitPlanView> {
    with_store(workspace, move |s| {
        s.change_exit_plan(&partnership_id, |p| p.replace_if_unchanged(&expected, plan))?;
        view(s, &partnership_id)
    })
    .await
}

/// Moves a step to a 1-based position in its scenario's list.
#[command]
pub async fn move_exit_step(
    workspace: State<'_, Workspace>,
    partnership_id: String,
    scenario_id: String,
    step_id: String,
    position: u32,
) -> Reply<ExitPlanView> {
    with_store(workspace, move |s| {
        s.change_exit_plan(&partnership_id, |p| {
            p.move_step(&scenario_id, &step_id, position as usize)
        })?;
        view(s, &partnership_id)
    })
    .await
}

/// Fills a plan without scenarios from the library's starting plan for leaving a SaaS
/// provider (a planned and a stressed scenario with the usual steps).
#[command]
pub async fn start_exit_plan(
    workspace: State<'_, Workspace>,
    partnership_id: String,
) -> Reply<ExitPlanView> {
    with_store(workspace, move |s| {
        s.change_exit_plan(&partnership_id, |p| p.start_from(saas_starter()))?;
        view(s, &partnership_id)
    })
    .await
}

/// Records an exit test in the plan's log.
#[command]
pub async fn add_exit_test(
    workspace: State<'_, Workspace>,
    partnership_id: String,
    fields: ExitTestFields,
) -> Reply<ExitPlanView> {
    with_store(workspace, move |s| {
        s.add_exit_test(&partnership_id, fields)?;
        view(s, &partnership_id)
    })
    .await
}

/// Turns an exit test's findings into an open action on a risk the plan is linked to.
#[command]
pub async fn exit_finding_action(
    workspace: State<'_, Workspace>,
    partnership_id: String,
    test_id: String,
    risk_id: String,
    owner: String,
) -> Reply<Action> {
    with_store(workspace, move |s| {
        let fields = ActionFields {
            title: String::new(),
            detail: String::new(),
            owner,
            due: None,
            status: ActionStatus::Planned,
            cost: None,
        };
        s.exit_finding_action(&partnership_id, &test_id, &risk_id, fields)
    })
    .await
}

/// Notice deadlines and exit tests due within 90 days (overdue tests included) and last
/// exit tests that failed, soonest first; of one partnership when given. They stand in the
/// review queue beside the risks.
#[command]
pub async fn exit_reminders(
    workspace: State<'_, Workspace>,
    partnership_id: Option<String>,
) -> Reply<Vec<ExitReminder>> {
    with_store(workspace, move |s| {
        let all = s.exit_reminders(today(), REMINDER_DAYS)?;
        Ok(all
            .into_iter()
            .filter(|r| {
                partnership_id
                    .as_ref()
                    .is_none_or(|p| *p == r.partnership_id)
            })
            .collect())
    })
    .await
}

/// Every partnership's exit plan at a glance (readiness level, gaps, notice deadline,
/// tests), for the portfolio's column; by name, archived ones left out.
#[command]
pub async fn exit_statuses(workspace: State<'_, Workspace>) -> Reply<Vec<ExitStatus>> {
    with_store(workspace, |s| s.exit_statuses(today())).await
}

/// Asks where to save the partnership's exit plan PDF and writes it; `None` when the user
/// cancels the dialog.
#[command]
pub async fn export_exit_plan_pdf<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    workspace: State<'_, Workspace>,
    exports: State<'_, LastExport>,
    partnership_id: String,
) -> Reply<Option<ExitPlanExport>> {
    let id = partnership_id.clone();
    let name = with_store(workspace.clone(), move |s| {
        Ok(s.partnership(&id)?.fields.name)
    })
    .await?;
    let file = format!("{} – exit plan.pdf", safe_file_stem(&name));
    let Some(path) = ask_pdf_path(app, "Export exit plan", file).await? else {
        return Ok(None);
    };
    let export = with_store(workspace, move |s| {
        export_exit_plan_to_file(s, &partnership_id, today(), &path)
    })
    .await?;
    remember_export(&exports, &export.path)?;
    Ok(Some(export))
}

/// Asks where to save DORA's Register of Information (template B_07.01, one row per
/// partnership that is not archived) as CSV and writes it; `None` when the user cancels.
#[command]
pub async fn export_register_of_information<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    workspace: State<'_, Workspace>,
    exports: State<'_, LastExport>,
) -> Reply<Option<RegisterExport>> {
    let file = format!(
        "Register of Information B_07.01 {}.csv",
        today().format("%Y-%m-%d")
    );
    let chosen = ask_save_path(
        app,
        "Export Register of Information",
        ("CSV (UTF-8)", "csv"),
        file,
    )
    .await?;
    let Some(path) = chosen else {
        return Ok(None);
    };
    let export = with_store(workspace, move |s| {
        register_of_information::export_register_of_information(s, &path)
    })
    .await?;
    remember_export(&exports, &export.path)?;
    Ok(Some(export))
}
