//! `prisk history`: who changed what, field by field, across the workspace or one
//! partnership, newest first.

use clap::Args;
use partner_risk_core::model::parse_date;
use partner_risk_core::store::{ActivityFilter, Entity, MAX_ACTIVITY_PAGE};
use partner_risk_core::{Error, Result};

use crate::context::Context;
use crate::output::{print_json, table};

#[derive(Args)]
pub struct HistoryCmd {
    #[arg(long)]
    partnership: Option<String>,
    /// Only changes made by this person.
    #[arg(long)]
    actor: Option<String>,
    /// From this day (inclusive).
    #[arg(long, value_name = "YYYY-MM-DD")]
    since: Option<String>,
    /// Up to this day (inclusive).
    #[arg(long, value_name = "YYYY-MM-DD")]
    until: Option<String>,
    /// Only this kind of record: partnership, risk, action, requirement, matrix, category, workshop.
    #[arg(long)]
    entity: Option<String>,
    /// Only changes of this field (e.g. residual, owner, status).
    #[arg(long)]
    field: Option<String>,
    /// At most N changes (1 to 1000).
    #[arg(long, value_name = "N", default_value_t = 100)]
    limit: usize,
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, cmd: HistoryCmd) -> Result<()> {
    let store = ctx.store()?;
    let entity = cmd
        .entity
        .map(|e| {
            Entity::ALL
                .into_iter()
                .find(|k| k.as_str() == e.trim())
                .ok_or_else(|| {
                    let kinds: Vec<&str> = Entity::ALL.iter().map(|k| k.as_str()).collect();
                    Error::invalid("--entity", &e, format!("expected one of {}", kinds.join(", ")))
                })
        })
        .transpose()?;
    if !(1..=MAX_ACTIVITY_PAGE).contains(&cmd.limit) {
        return Err(Error::invalid(
            "--limit",
            cmd.limit,
            format!("1 to {MAX_ACTIVITY_PAGE} changes"),
        ));
    }
    let filter = ActivityFilter {
        partnership_id: cmd
            .partnership
            .map(|p| store.find_partnership(&p).map(|p| p.id))
            .transpose()?,
        actor: cmd.actor,
        since: cmd.since.map(|d| parse_date(&d, "--since")).transpose()?,
        until: cmd.until.map(|d| parse_date(&d, "--until")).transpose()?,
        entity,
        field: cmd.field,
        before: None,
        limit: Some(cmd.limit),
    };
    let page = store.activity(&filter)?;
    if cmd.json {
        return print_json(&page.entries);
    }
    let short = |v: &Option<String>| {
        let v = v.as_deref().unwrap_or("");
        let mut s: String = v.chars().take(60).collect();
        if v.chars().count() > 60 {
            s.push('…');
        }
        s
    };
    table(
        &["AT", "WHO", "PARTNERSHIP", "RECORD", "CHANGE", "OLD", "NEW", "CONTEXT"],
        page.entries
            .iter()
            .map(|e| {
                let a = &e.entry;
                vec![
                    a.at.format("%Y-%m-%d %H:%M").to_string(),
                    a.actor.clone(),
                    e.partnership.clone().unwrap_or_default(),
                    match &e.reference {
                        Some(r) => format!("{} {r}", a.entity.as_str()),
                        None => a.entity.as_str().to_string(),
                    },
                    a.field.clone().unwrap_or_else(|| format!("{:?}", a.operation).to_lowercase()),
                    short(&a.old_value),
                    short(&a.new_value),
                    a.context.clone().unwrap_or_default(),
                ]
            })
            .collect(),
    );
    if page.next.is_some() {
        eprintln!("(more changes: narrow the filters or raise --limit)");
    }
    Ok(())
}
