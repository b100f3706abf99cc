//! `prisk template`: the built-in library. Needs no workspace.

use clap::Subcommand;
use partner_risk_core::library::{library, Library};
use partner_risk_core::Result;

use crate::context::Context;
use crate::output::{print_json, table};

#[derive(Subcommand)]
pub enum TemplateCmd {
    List {
        #[arg(long)]
        json: bool,
    },
}

pub fn run(_ctx: &Context, cmd: TemplateCmd) -> Result<()> {
    match cmd {
        TemplateCmd::List { json } => print_templates(library(), json),
    }
}

fn print_templates(library: &Library, json: bool) -> Result<()> {
    if json {
        return print_json(library);
    }
    table(
        &["CODE", "CATEGORY", "L,I", "TITLE"],
        library
            .templates
            .iter()
            .map(|t| {
                vec![
                    t.code.clone(),
                    t.category.clone(),
                    format!("{},{}", t.inherent[0], t.inherent[1]),
                    t.title.clone(),
                ]
            })
            .collect(),
    );
    Ok(())
}
