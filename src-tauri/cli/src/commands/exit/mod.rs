//! `prisk exit`: the exit plan of a partnership — the agreement and the plan-wide fields,
//! scenarios with their triggers and steps, data sets, assets, alternatives, the log of
//! exit tests, and the readiness computed from them.
//!
//! Every change is one call of `Store::change_exit_plan`: the options are turned into the
//! plan's types inside it, so any refusal (a bad value, an unknown item, a rule of the
//! plan) exits 2 with one line and writes nothing. Items are named by their name (a step
//! by its title) or their 1-based position.

mod args;
mod items;
mod lists;
mod options;
mod output;

pub use args::*;
use items::{scenario, step, trigger};
use lists::{alternative, asset, data, link};

pub use output::print_reminders;

use partner_risk_core::exit::{
    find_named, ExitPlan, ExitTestFields,
};
use partner_risk_core::{Error, Result, Store};

use crate::context::Context;
use options::{
    amount, boolean, date_or_none, days_or_none, enum_or_none, flag_error, months_or_none,
};

pub fn run(ctx: &Context, cmd: ExitCmd) -> Result<()> {
    let mut store = ctx.store()?;
    let today = ctx.today();
    match cmd {
        ExitCmd::Pdf { partnership, out } => {
            let p = store.find_partnership(&partnership)?;
            let done = partner_risk_core::report::exit_plan::export_exit_plan_to_file(
                &store, &p.id, today, &out,
            )?;
            outln!(
                "exported the exit plan of {:?} ({} pages) to {}",
                p.fields.name,
                done.pages,
                done.path.display()
            );
            Ok(())
        }
        ExitCmd::List { json } => output::statuses(&store.exit_statuses(today)?, json),
        ExitCmd::Due { within, json } => {
            output::reminders(&store.exit_reminders(today, i64::from(within))?, json)
        }
        ExitCmd::Show { partnership, json } => {
            let p = store.find_partnership(&partnership)?;
            output::show(&store, &p, today, json)
        }
        ExitCmd::Readiness { partnership, json } => {
            let p = store.find_partnership(&partnership)?;
            output::readiness(&store.exit_readiness(&p.id, today)?, json)
        }
        ExitCmd::Set(args) => {
            let name = change(&mut store, &args.partnership.clone(), |plan| {
                set(plan, args)
            })?;
            outln!("updated the exit plan of {name:?}");
            Ok(())
        }
        ExitCmd::Scenario(cmd) => scenario(&mut store, cmd),
        ExitCmd::Trigger(cmd) => trigger(&mut store, cmd),
        ExitCmd::Step(cmd) => step(&mut store, cmd),
        ExitCmd::Data(cmd) => data(&mut store, cmd),
        ExitCmd::Asset(cmd) => asset(&mut store, cmd),
        ExitCmd::Alternative(cmd) => alternative(&mut store, cmd),
        ExitCmd::Start { partnership } => {
            let name = change(&mut store, &partnership, |plan| {
                plan.start_from(partner_risk_core::exit::saas_starter())
            })?;
            outln!("started the exit plan of {name:?} from the SaaS exit template; see `prisk exit show`");
            Ok(())
        }
        ExitCmd::Link(args) => link(&mut store, args, true),
        ExitCmd::Unlink(args) => link(&mut store, args, false),
        ExitCmd::Test(TestCmd::List { partnership, json }) => {
            let p = store.find_partnership(&partnership)?;
            output::tests(&store.exit_tests(&p.id)?, json)
        }
        ExitCmd::Test(TestCmd::Action {
            partnership,
            test,
            risk,
            title,
            owner,
            due,
        }) => {
            let p = store.find_partnership(&partnership)?;
            let tests = store.exit_tests(&p.id)?;
            let n = tests
                .iter()
                .position(|t| t.id == test)
                .or_else(|| {
                    let n: usize = test.trim().parse().ok()?;
                    (1..=tests.len()).contains(&n).then(|| n - 1)
                })
                .ok_or_else(|| Error::not_found("exit test", "TEST", &test))?;
            let r = match store.find_risk(&p.id, &risk) {
                Ok(r) => r,
                Err(Error::NotFound { .. }) => {
                    return Err(Error::not_found("risk", "--risk", risk))
                }
                Err(e) => return Err(e),
            };
            let mut fields = partner_risk_core::model::ActionFields::new(title.unwrap_or_default());
            fields.owner = owner;
            fields.due = due
                .as_deref()
                .map(|d| partner_risk_core::model::parse_date(d, "--due"))
                .transpose()?;
            let action = store
                .exit_finding_action(&p.id, &tests[n].id, &r.id, fields)
                .map_err(|e| match e {
                    Error::Invalid { field, message, .. } if field == "risk" => Error::Invalid {
                        field: "--risk".into(),
                        value: risk.clone(),
                        message,
                    },
                    Error::Invalid { field, message, .. } if field == "test" => Error::Invalid {
                        field: "TEST".into(),
                        value: test.clone(),
                        message,
                    },
                    other => options::flag_error(other, &[]),
                })?;
            outln!("added action {:?} to {}", action.fields.title, r.reference);
            Ok(())
        }
        ExitCmd::Test(TestCmd::Add {
            partnership,
            date,
            kind,
            scenario,
            operational,
            financial,
            finding,
        }) => {
            let p = store.find_partnership(&partnership)?;
            let scenario_id = match scenario {
                None => None,
                Some(key) => {
                    let plan = store.exit_plan(&p.id)?;
                    Some(
                        plan.scenarios[plan.find_scenario(&key, "--scenario")?]
                            .id
                            .clone(),
                    )
                }
            };
            let fields = ExitTestFields {
                date: partner_risk_core::model::parse_date(&date, "--date")?,
                kind,
                scenario_id,
                operational,
                financial,
                findings: finding,
            };
            let test = store
                .add_exit_test(&p.id, fields)
                .map_err(|e| flag_error(e, &[("date", "--date"), ("findings", "--finding")]))?;
            outln!(
                "recorded the {} exit test of {} for {:?}",
                test.fields.kind,
                test.fields.date,
                p.fields.name
            );
            Ok(())
        }
    }
}

/// Changes the plan of the partnership named `key` in one transaction; returns the
/// partnership's name. A rule of the plan broken is reported with the option's name.
/// A plan without a currency takes the partnership's (`prisk quant settings --currency`),
/// so amounts typed without one are in it.
pub(super) fn change(
    store: &mut Store,
    key: &str,
    work: impl FnOnce(&mut ExitPlan) -> Result<()>,
) -> Result<String> {
    let p = store.find_partnership(key)?;
    let currency = store.partnership_currency(&p.id)?;
    store
        .change_exit_plan(&p.id, |plan| {
            if let (true, Some(c)) = (plan.currency.is_empty(), currency) {
                plan.currency = c;
            }
            work(plan)
        })
        .map_err(|e| flag_error(e, &[]))?;
    Ok(p.fields.name)
}

fn set(plan: &mut ExitPlan, a: SetArgs) -> Result<()> {
    let ag = &mut plan.agreement;
    if let Some(v) = a.start {
        ag.start = date_or_none(&v, "--start")?;
    }
    if let Some(v) = a.term_end {
        ag.initial_term_end = date_or_none(&v, "--term-end")?;
    }
    if let Some(v) = a.renewal {
        ag.renewal = partner_risk_core::exit::Renewal::parse(&v, "--renewal")?;
        if ag.renewal == partner_risk_core::exit::Renewal::None {
            ag.renewal_months = None;
        }
    }
    if let Some(v) = a.renewal_months {
        ag.renewal_months = months_or_none(&v, "--renewal-months")?;
    }
    if let Some(v) = a.notice_ours {
        ag.notice_days_ours = days_or_none(&v, "--notice-ours")?;
    }
    if let Some(v) = a.notice_partner {
        ag.notice_days_partner = days_or_none(&v, "--notice-partner")?;
    }
    if let Some(v) = a.convenience {
        ag.termination_for_convenience = boolean(&v, "--convenience")?;
    }
    if let Some(v) = a.change_of_control {
        ag.change_of_control = boolean(&v, "--change-of-control")?;
    }
    if let Some(v) = a.change_of_control_note {
        ag.change_of_control_note = v;
    }
    if let Some(v) = a.currency {
        plan.currency = v.trim().to_ascii_uppercase();
    }
    if let Some(v) = a.termination_fee {
        plan.agreement.termination_fee =
            enum_or_none(&v, |t| amount(t, "--termination-fee", &mut plan.currency))?;
    }
    if let Some(v) = a.substitutability {
        plan.substitutability = enum_or_none(&v, |t| {
            partner_risk_core::exit::Substitutability::parse(t, "--substitutability")
        })?;
    }
    if let Some(v) = a.substitutability_reason {
        plan.substitutability_reason = enum_or_none(&v, |t| {
            partner_risk_core::exit::SubstitutabilityReason::parse(t, "--substitutability-reason")
        })?;
    }
    if let Some(v) = a.reintegration {
        plan.reintegration = enum_or_none(&v, |t| {
            partner_risk_core::exit::Reintegration::parse(t, "--reintegration")
        })?;
    }
    if let Some(v) = a.discontinuing_impact {
        plan.discontinuing_impact = enum_or_none(&v, |t| {
            partner_risk_core::exit::DiscontinuingImpact::parse(
                &t.replace('-', "_"),
                "--discontinuing-impact",
            )
        })?;
    }
    if let Some(v) = a.exit_owner {
        plan.roles.exit_owner = v;
    }
    if let Some(v) = a.decision_maker {
        plan.roles.decision_maker = v;
    }
    if let Some(v) = a.communication_lead {
        plan.roles.communication_lead = v;
    }
    if !a.success_criteria.is_empty() {
        plan.success_criteria = match a.success_criteria.as_slice() {
            [one] if one.trim().eq_ignore_ascii_case("none") => Vec::new(),
            list => list.to_vec(),
        };
    }
    if let Some(v) = a.next_test_due {
        plan.next_test_due = date_or_none(&v, "--next-test-due")?;
    }
    Ok(())
}

/// The position of the item named `key` (name or number) among `names`.
pub(super) fn position<'a>(
    names: impl Iterator<Item = &'a str> + Clone,
    key: &str,
    entity: &'static str,
    field: &str,
) -> Result<usize> {
    find_named(names, key).ok_or_else(|| Error::not_found(entity, field, key))
}

pub(super) fn required(value: Option<String>, field: &str) -> Result<String> {
    value.ok_or_else(|| Error::invalid(field, "", "must be given"))
}
