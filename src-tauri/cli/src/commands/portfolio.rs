//! `prisk portfolio`: every partnership in one table — open risks per level, outside
//! appetite, reviews due, overdue actions, acceptances running out, exit readiness.

use clap::Args;
use partner_risk_core::Result;

use crate::context::Context;
use crate::output::{print_json, table};

#[derive(Args)]
pub struct PortfolioCmd {
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, cmd: PortfolioCmd) -> Result<()> {
    let store = ctx.store()?;
    let rows = store.portfolio(ctx.today())?;
    if cmd.json {
        return print_json(&rows);
    }
    // The exit plan's readiness (in the text; `prisk exit list --json` has it for scripts).
    let exits: std::collections::HashMap<String, String> = store
        .exit_statuses(ctx.today())?
        .into_iter()
        .map(|s| (s.partnership_id, s.level.as_str().replace('_', " ")))
        .collect();
    table(
        &[
            "PARTNERSHIP",
            "OPEN",
            "BY LEVEL",
            "OUTSIDE APPETITE",
            "UNREVIEWED",
            "PAST DUE",
            "OVERDUE ACTIONS",
            "ACCEPTANCES EXPIRING",
            "EXPIRED",
            "EXIT PLAN",
        ],
        rows.iter()
            .map(|r| {
                let levels: Vec<String> = r
                    .by_level
                    .iter()
                    .map(|l| format!("{} {}", l.level, l.count))
                    .collect();
                vec![
                    r.partnership.clone(),
                    r.open_risks.to_string(),
                    levels.join(", "),
                    r.outside_appetite.to_string(),
                    r.unreviewed.to_string(),
                    r.past_due_reviews.to_string(),
                    r.overdue_actions.to_string(),
                    r.acceptances_expiring.to_string(),
                    r.acceptances_expired.to_string(),
                    exits
                        .get(&r.partnership_id)
                        .cloned()
                        .unwrap_or_else(|| "-".into()),
                ]
            })
            .collect(),
    );
    Ok(())
}
