//! `prisk health P`: every indicator of a partnership with its status (green, amber, red,
//! stale, no data), the change since the previous period and the reason in words.

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
    super::indicator::output::health(&all, cmd.json)
}
