//! Risk in money (issue 24): the partnership's settings, one stage's estimate of a risk,
//! the simulation run off the window's thread with its progress, the kept results, the
//! cells the numbers imply and the mitigation plan's value. Thin: core calls only.

use partner_risk_core::model::{Risk, ScoreKind};
use partner_risk_core::quant::{LossEstimate, MitigationPlanValue, QuantSettings};
use partner_risk_core::store::{QuantResults, RiskCells, RunRequest};
use partner_risk_macros::command;
use tauri::ipc::Channel;
use tauri::State;

use super::{with_store, Reply};
use crate::error::IpcError;
use crate::workspace::Workspace;

#[command]
pub async fn quant_settings(
    workspace: State<'_, Workspace>,
    partnership_id: String,
) -> Reply<QuantSettings> {
    with_store(workspace, move |s| s.quant_settings(&partnership_id)).await
}

/// Replaces a partnership's settings (one audit row per changed setting).
#[command]
pub async fn save_quant_settings(
    workspace: State<'_, Workspace>,
    partnership_id: String,
    settings: QuantSettings,
) -> Reply<QuantSettings> {
    with_store(workspace, move |s| {
        s.change_quant_settings(&partnership_id, |current| {
            *current = settings;
            Ok(())
        })
    })
    .await
}

/// Sets or clears one stage's money estimate of a risk, keeping its other fields.
#[command]
pub async fn set_loss_estimate(
    workspace: State<'_, Workspace>,
    risk_id: String,
    stage: ScoreKind,
    estimate: Option<LossEstimate>,
) -> Reply<Risk> {
    with_store(workspace, move |s| {
        s.set_loss_estimate(&risk_id, stage, estimate)
    })
    .await
}

/// Simulates a partnership (its id) or the portfolio (`portfolio`): the inputs are read
/// under the store's lock, the years simulated without it (reporting the share done on
/// `on_progress`, at most once a percent), and the figures kept under it again.
#[command]
pub async fn run_quant(
    workspace: State<'_, Workspace>,
    scope: String,
    request: RunRequest,
    on_progress: Channel<f64>,
) -> Reply<QuantResults> {
    let id = scope.clone();
    let run = with_store(workspace.clone(), move |s| {
        s.prepare_quant_run(&id, &request)
    })
    .await?;
    let (run, figures) = tauri::async_runtime::spawn_blocking(move || {
        let sent = std::sync::atomic::AtomicU32::new(0);
        let figures = run.simulate_with_progress(&|p| {
            let percent = (p * 100.0).floor() as u32;
            if sent.fetch_max(percent, std::sync::atomic::Ordering::Relaxed) < percent {
                let _ = on_progress.send(p);
            }
        });
        (run, figures)
    })
    .await
    .map_err(|e| IpcError::internal(e.to_string()))?;
    with_store(workspace, move |s| {
        s.save_quant_run(&run, &figures)?;
        s.quant_results(&run.scope)
    })
    .await
}

/// The kept results of a partnership or of the portfolio, marked out of date when the
/// inputs changed since.
#[command]
pub async fn quant_results(workspace: State<'_, Workspace>, scope: String) -> Reply<QuantResults> {
    with_store(workspace, move |s| s.quant_results(&scope)).await
}

/// Each risk's chosen and implied cells per stage, with first estimates from the bands.
#[command]
pub async fn risk_cells(
    workspace: State<'_, Workspace>,
    partnership_id: String,
) -> Reply<Vec<RiskCells>> {
    with_store(workspace, move |s| s.risk_cells(&partnership_id)).await
}

/// What the mitigation plan is worth, best value first.
#[command]
pub async fn mitigation_value(
    workspace: State<'_, Workspace>,
    partnership_id: String,
) -> Reply<MitigationPlanValue> {
    with_store(workspace, move |s| s.mitigation_plan_value(&partnership_id)).await
}
