//! `prisk health P`: every indicator of a partnership with its status (green, amber, red,
//! stale, no data), the change since the previous period and the reason in words; then the
//! risks its amber, red and stale indicators bring back for review and the exit triggers
//! its red ones fire. `--json`: `{ "indicators": […], "risks": […], "triggers": […] }`.

use clap::Args;
use partner_risk_core::Result;

use crate::context::Context;

#[derive(Args)]
pub struct HealthCmd {
    /// Partnership id or exact name.
    partnership: String,
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, cmd: HealthCmd) -> Result<()> {
    let store = ctx.store()?;
    let p = store.find_partnership(&cmd.partnership)?;
    let all = store.health(&p.id, ctx.today())?;
    let flags = store.health_flags(Some(&p.id), ctx.today())?;
    super::indicator::output::health(&all, &flags, cmd.json)
}
