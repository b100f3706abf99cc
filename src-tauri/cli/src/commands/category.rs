//! `prisk category`: the risk categories, built-in and user-defined.

use clap::Subcommand;
use partner_risk_core::model::Category;
use partner_risk_core::Result;

use crate::context::Context;
use crate::output::{print_json, table};

#[derive(Subcommand)]
pub enum CategoryCmd {
    List {
        #[arg(long)]
        json: bool,
    },
    /// Add a user-defined category.
    Add {
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: String,
        /// Two to four capital letters for risk references.
        #[arg(long)]
        prefix: String,
    },
}

pub fn run(ctx: &Context, cmd: CategoryCmd) -> Result<()> {
    let mut store = ctx.store()?;
    match cmd {
        CategoryCmd::List { json } => print_categories(&store.categories()?, json),
        CategoryCmd::Add { code, name, prefix } => {
            let c = store.add_category(Category {
                code,
                name,
                prefix,
                built_in: false,
            })?;
            outln!("added category {} ({})", c.code, c.prefix);
            Ok(())
        }
    }
}

fn print_categories(list: &[Category], json: bool) -> Result<()> {
    if json {
        return print_json(&list);
    }
    table(
        &["CODE", "NAME", "PREFIX", "BUILT-IN"],
        list.iter()
            .map(|c| {
                vec![
                    c.code.clone(),
                    c.name.clone(),
                    c.prefix.clone(),
                    c.built_in.to_string(),
                ]
            })
            .collect(),
    );
    Ok(())
}
