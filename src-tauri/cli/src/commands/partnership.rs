//! `prisk partnership`: the partnerships of the workspace.

use clap::Subcommand;
use partner_risk_core::library::TemplateSelection;
use partner_risk_core::matrix::Matrix;
use partner_risk_core::model::{PartnershipFields, Stage};
use partner_risk_core::store::{MatrixChangePlan, PartnershipSummary};
use partner_risk_core::Result;

use crate::args::parse_stage;
use crate::context::Context;
use crate::output::{print_json, table};

#[derive(Subcommand)]
pub enum PartnershipCmd {
    /// List partnerships with their risk counts per level.
    List {
        #[arg(long)]
        json: bool,
        /// Include archived partnerships.
        #[arg(long)]
        all: bool,
    },
    /// Create a partnership, optionally filled from library templates.
    Add {
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "")]
        partner: String,
        /// Matrix id, preset key (3x3, 4x4, 5x5, 6x6, nist-800-30) or name.
        #[arg(long, default_value = "5x5")]
        matrix: String,
        /// `all` or comma-separated template codes (see `prisk template list`).
        #[arg(long, default_value = "none")]
        templates: String,
        #[arg(long, default_value = "exploring", value_parser = parse_stage)]
        stage: Stage,
        #[arg(long, default_value = "")]
        owner: String,
        #[arg(long, default_value = "")]
        description: String,
    },
    /// Change a partnership's fields.
    Set {
        /// Partnership id or exact name.
        partnership: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        partner: Option<String>,
        #[arg(long, value_parser = parse_stage)]
        stage: Option<Stage>,
        #[arg(long)]
        owner: Option<String>,
        #[arg(long)]
        description: Option<String>,
        #[arg(long)]
        archived: Option<bool>,
    },
    /// Move a partnership to another matrix: shows how every score maps; applies with --yes.
    SetMatrix {
        partnership: String,
        matrix: String,
        #[arg(long)]
        yes: bool,
    },
}

pub fn run(ctx: &Context, cmd: PartnershipCmd) -> Result<()> {
    let mut store = ctx.store()?;
    match cmd {
        PartnershipCmd::List { json, all } => {
            print_partnerships(&store.partnership_summaries(all)?, json)
        }
        PartnershipCmd::Add {
            name,
            partner,
            matrix,
            templates,
            stage,
            owner,
            description,
        } => {
            let fields = PartnershipFields {
                name,
                partner,
                description,
                stage,
                owner,
                archived: false,
            };
            let p = store.create_partnership_from_templates(
                fields,
                &matrix,
                &TemplateSelection::parse(&templates),
            )?;
            let count = store.risks(&p.id)?.len();
            outln!("created {:?} ({}) with {count} risks", p.fields.name, p.id);
            Ok(())
        }
        PartnershipCmd::Set {
            partnership,
            name,
            partner,
            stage,
            owner,
            description,
            archived,
        } => {
            let p = store.find_partnership(&partnership)?;
            let mut f = p.fields.clone();
            if let Some(v) = name {
                f.name = v;
            }
            if let Some(v) = partner {
                f.partner = v;
            }
            if let Some(v) = stage {
                f.stage = v;
            }
            if let Some(v) = owner {
                f.owner = v;
            }
            if let Some(v) = description {
                f.description = v;
            }
            if let Some(v) = archived {
                f.archived = v;
            }
            let p = store.update_partnership(&p.id, f)?;
            outln!("updated {:?}", p.fields.name);
            Ok(())
        }
        PartnershipCmd::SetMatrix {
            partnership,
            matrix,
            yes,
        } => {
            let p = store.find_partnership(&partnership)?;
            let plan = store.plan_matrix_change(&p.id, &matrix)?;
            let to = store.matrix(&plan.to_matrix_id)?;
            print_matrix_plan(&plan, &to);
            if yes {
                store.apply_matrix_change(&plan)?;
                outln!("applied: {:?} is now scored on {}", p.fields.name, to.name);
            } else {
                outln!("nothing changed; run again with --yes to apply this mapping");
            }
            Ok(())
        }
    }
}

fn print_partnerships(list: &[PartnershipSummary], json: bool) -> Result<()> {
    if json {
        return print_json(&list);
    }
    if list.is_empty() {
        outln!("no partnerships (create one with `prisk partnership add` or `prisk demo`)");
        return Ok(());
    }
    table(
        &[
            "NAME", "PARTNER", "STAGE", "MATRIX", "RISKS", "BY LEVEL", "ID",
        ],
        list.iter()
            .map(|s| {
                let p = &s.partnership;
                let levels: Vec<String> = s
                    .risks_by_level
                    .iter()
                    .map(|l| format!("{} {}", l.level, l.count))
                    .collect();
                vec![
                    format!(
                        "{}{}",
                        p.fields.name,
                        if p.fields.archived { " (archived)" } else { "" }
                    ),
                    p.fields.partner.clone(),
                    p.fields.stage.to_string(),
                    s.matrix_name.clone(),
                    s.risk_count.to_string(),
                    levels.join(", "),
                    p.id.clone(),
                ]
            })
            .collect(),
    );
    Ok(())
}

fn print_matrix_plan(plan: &MatrixChangePlan, to: &Matrix) {
    outln!("{} scores map onto {}:", plan.changes.len(), to.name);
    table(
        &["RISK", "SCORE", "FROM", "TO"],
        plan.changes
            .iter()
            .map(|c| {
                vec![
                    c.reference.clone(),
                    c.kind.as_str().into(),
                    format!("{} ({})", c.from_level, c.from),
                    format!("{} ({})", c.to_level, c.to),
                ]
            })
            .collect(),
    );
}
