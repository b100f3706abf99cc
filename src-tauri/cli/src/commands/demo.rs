//! `prisk demo`: the demo partnership from the library, optionally with many more risks.

use clap::Args;
use partner_risk_core::store::RiskFilter;
use partner_risk_core::Result;

use crate::context::Context;

#[derive(Args)]
pub struct DemoCmd {
    /// Add N generated risks for scale tests (up to 100,000).
    #[arg(long, value_name = "N", default_value_t = 0)]
    risks: usize,
}

pub fn run(ctx: &Context, DemoCmd { risks }: DemoCmd) -> Result<()> {
    let mut store = ctx.store_or_create()?;
    let p = store.create_demo(risks, ctx.today())?;
    let count = store
        .register(&p.id, &RiskFilter::default(), ctx.today())?
        .entries
        .len();
    outln!("created {:?} ({}) with {count} risks", p.fields.name, p.id);
    Ok(())
}
