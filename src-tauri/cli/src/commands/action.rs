//! `prisk action`: the mitigation actions of a partnership's risks.

use std::collections::HashMap;

use chrono::NaiveDate;
use clap::Subcommand;
use partner_risk_core::model::{parse_date, Action, ActionFields, ActionStatus, Money};
use partner_risk_core::Result;

use crate::args::parse_action_status;
use crate::context::Context;
use crate::output::{print_json, table};

#[derive(Subcommand)]
pub enum ActionCmd {
    /// The mitigation plan of a partnership, or of one risk.
    List {
        #[arg(long)]
        partnership: String,
        /// Only this risk's actions.
        #[arg(long)]
        risk: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Add an action to a risk.
    Add {
        #[arg(long)]
        partnership: String,
        /// The risk's reference or id.
        #[arg(long)]
        risk: String,
        #[arg(long)]
        title: String,
        #[arg(long, default_value = "")]
        owner: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        due: Option<String>,
        #[arg(long, default_value = "planned", value_parser = parse_action_status)]
        status: ActionStatus,
        /// e.g. "12500.00 EUR".
        #[arg(long)]
        cost: Option<String>,
        #[arg(long, default_value = "")]
        detail: String,
    },
}

pub fn run(ctx: &Context, cmd: ActionCmd) -> Result<()> {
    let mut store = ctx.store()?;
    match cmd {
        ActionCmd::List {
            partnership,
            risk,
            json,
        } => {
            let p = store.find_partnership(&partnership)?;
            let actions = match risk {
                Some(key) => store.actions(&store.find_risk(&p.id, &key)?.id)?,
                None => store.partnership_actions(&p.id)?,
            };
            let references = store
                .risks(&p.id)?
                .into_iter()
                .map(|r| (r.id, r.reference))
                .collect();
            print_actions(&actions, &references, ctx.today(), json)
        }
        ActionCmd::Add {
            partnership,
            risk,
            title,
            owner,
            due,
            status,
            cost,
            detail,
        } => {
            let p = store.find_partnership(&partnership)?;
            let r = store.find_risk(&p.id, &risk)?;
            let fields = ActionFields {
                title,
                detail,
                owner,
                due: due.as_deref().map(|d| parse_date(d, "--due")).transpose()?,
                status,
                cost: cost
                    .as_deref()
                    .map(|c| Money::parse(c, "--cost"))
                    .transpose()?,
            };
            let a = store.add_action(&r.id, fields)?;
            outln!("added action {} to {}", a.id, r.reference);
            Ok(())
        }
    }
}

fn print_actions(
    actions: &[Action],
    references: &HashMap<String, String>,
    today: NaiveDate,
    json: bool,
) -> Result<()> {
    if json {
        return print_json(&actions);
    }
    table(
        &["RISK", "ACTION", "OWNER", "DUE", "STATUS", "COST"],
        actions
            .iter()
            .map(|a| {
                let f = &a.fields;
                vec![
                    references.get(&a.risk_id).cloned().unwrap_or_default(),
                    f.title.chars().take(60).collect(),
                    f.owner.clone(),
                    match (f.due, a.fields.is_overdue(today)) {
                        (Some(d), true) => format!("{d} OVERDUE"),
                        (Some(d), false) => d.to_string(),
                        (None, _) => "-".into(),
                    },
                    f.status.to_string(),
                    f.cost.as_ref().map_or("-".into(), |c| c.to_string()),
                ]
            })
            .collect(),
    );
    Ok(())
}
