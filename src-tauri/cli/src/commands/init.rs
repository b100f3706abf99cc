//! `prisk init`: create the workspace file (or migrate an existing one).

use clap::Args;
use partner_risk_core::Result;

use crate::context::Context;

#[derive(Args)]
pub struct InitCmd {}

pub fn run(ctx: &Context, _cmd: InitCmd) -> Result<()> {
    let store = ctx.store_or_create()?;
    outln!("{}", store.path().display());
    Ok(())
}
