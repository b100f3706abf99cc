//! `prisk risk`: the register of a partnership, one risk at a time.

mod loss;
mod options;
mod output;

use clap::Subcommand;
use partner_risk_core::model::{RiskFields, RiskStatus};
use partner_risk_core::store::RiskFilter;
use partner_risk_core::Result;

use crate::args::{min_level, parse_risk_status};
use crate::context::Context;
use loss::LossOptions;
use options::RiskOptions;

#[derive(Subcommand)]
pub enum RiskCmd {
    /// The register of a partnership.
    List {
        #[arg(long)]
        partnership: String,
        #[arg(long)]
        json: bool,
        /// Only these categories (comma-separated codes).
        #[arg(long, value_delimiter = ',')]
        category: Vec<String>,
        /// Only risks whose residual level is this one or higher (level name).
        #[arg(long)]
        min_level: Option<String>,
        /// Only these statuses (comma-separated).
        #[arg(long, value_delimiter = ',', value_parser = parse_risk_status)]
        status: Vec<RiskStatus>,
        #[arg(long)]
        owner: Option<String>,
        /// Full-text search over title, description, owner and tags.
        #[arg(long)]
        search: Option<String>,
    },
    /// Add a risk; its reference is given from the category's prefix.
    Add {
        #[arg(long)]
        partnership: String,
        #[arg(long)]
        category: String,
        #[arg(long)]
        title: String,
        #[command(flatten)]
        fields: RiskOptions,
    },
    /// Change fields of a risk (only the options given).
    Set {
        #[arg(long)]
        partnership: String,
        /// Reference (e.g. TEC-004) or id.
        reference: String,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        category: Option<String>,
        #[command(flatten)]
        fields: RiskOptions,
        #[command(flatten)]
        money: LossOptions,
    },
    /// Show one risk with its actions, requirements and history.
    Show {
        #[arg(long)]
        partnership: String,
        reference: String,
        #[arg(long)]
        json: bool,
    },
    /// Delete a risk with its actions.
    Delete {
        #[arg(long)]
        partnership: String,
        reference: String,
    },
}

pub fn run(ctx: &Context, cmd: RiskCmd) -> Result<()> {
    let mut store = ctx.store()?;
    match cmd {
        RiskCmd::List {
            partnership,
            json,
            category,
            min_level: level_name,
            status,
            owner,
            search,
        } => {
            let p = store.find_partnership(&partnership)?;
            let min_level = min_level(&store, &p.matrix_id, level_name)?;
            let filter = RiskFilter {
                categories: category,
                statuses: status,
                min_level,
                owner,
                text: search,
                ..RiskFilter::default()
            };
            output::register(&store.register(&p.id, &filter, ctx.today())?, json)
        }
        RiskCmd::Add {
            partnership,
            category,
            title,
            fields: options,
        } => {
            let p = store.find_partnership(&partnership)?;
            let mut fields = RiskFields::new(category, title);
            options.apply(&mut fields)?;
            let r = store.add_risk(&p.id, fields)?;
            outln!("{}", r.reference);
            Ok(())
        }
        RiskCmd::Set {
            partnership,
            reference,
            title,
            category,
            fields: options,
            money,
        } => {
            let p = store.find_partnership(&partnership)?;
            let r = store.find_risk(&p.id, &reference)?;
            let mut fields = r.fields.clone();
            if let Some(t) = title {
                fields.title = t;
            }
            if let Some(c) = category {
                fields.category = c;
            }
            options.apply(&mut fields)?;
            money.apply(&mut fields)?;
            let r = store.update_risk(&r.id, fields)?;
            outln!("updated {}", r.reference);
            Ok(())
        }
        RiskCmd::Show {
            partnership,
            reference,
            json,
        } => {
            let p = store.find_partnership(&partnership)?;
            let r = store.find_risk(&p.id, &reference)?;
            let matrix = store.matrix(&p.matrix_id)?;
            let actions = store.actions(&r.id)?;
            let requirements = store.risk_requirements(&r.id)?;
            let history = store.history(&r.id)?;
            output::risk_detail(
                &r,
                &matrix,
                &actions,
                &requirements,
                &history,
                ctx.today(),
                json,
            )
        }
        RiskCmd::Delete {
            partnership,
            reference,
        } => {
            let p = store.find_partnership(&partnership)?;
            let r = store.find_risk(&p.id, &reference)?;
            store.delete_risk(&r.id)?;
            outln!("deleted {}", r.reference);
            Ok(())
        }
    }
}
