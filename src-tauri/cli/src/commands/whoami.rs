//! `prisk whoami`: the name recorded as the actor of changes and reviews.

use clap::Args;
use partner_risk_core::Result;

use crate::context::Context;

#[derive(Args)]
pub struct WhoamiCmd {
    /// Store this display name in the workspace as the person using it.
    #[arg(long, value_name = "NAME")]
    set: Option<String>,
}

pub fn run(ctx: &Context, cmd: WhoamiCmd) -> Result<()> {
    let mut store = ctx.store()?;
    if let Some(name) = cmd.set {
        store.set_whoami(&name)?;
    }
    outln!("{} ({})", store.actor(), store.actor_source().describe());
    Ok(())
}
