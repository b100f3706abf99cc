//! `prisk exit`: the exit plan of a partnership — the agreement and the plan-wide fields,
//! scenarios with their triggers and steps, data sets, assets, alternatives, the log of
//! exit tests, and the readiness computed from them.
//!
//! Every change is one call of `Store::change_exit_plan`: the options are turned into the
//! plan's types inside it, so any refusal (a bad value, an unknown item, a rule of the
//! plan) exits 2 with one line and writes nothing. Items are named by their name (a step
//! by its title) or their 1-based position.

mod options;
mod output;

pub use output::print_reminders;

use clap::{Args, Subcommand};
use partner_risk_core::exit::{
    find_named, AlternativeKind, AlternativeReadiness, AssetKind, ExitPlan, ExitTestFields,
    FinancialResult, OperationalResult, ScenarioKind, TestKind, Trigger,
};
use partner_risk_core::{Error, Result, Store};

use crate::context::Context;
use options::{
    amount, boolean, date_or_none, days, days_or_none, enum_or_none, flag_error, months_or_none,
    parse_alternative_kind, parse_asset_kind, parse_financial, parse_operational, parse_readiness,
    parse_scenario_kind, parse_test_kind,
};

// Parsed once per process, so the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
pub enum ExitCmd {
    /// Every partnership's exit readiness, notice deadline and next test, in one table.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Notice deadlines and exit tests due within the coming days (tests overdue too).
    Due {
        /// Days ahead.
        #[arg(long, default_value_t = 90)]
        within: u32,
        #[arg(long)]
        json: bool,
    },
    /// The whole plan: agreement and notice deadline, scenarios with their critical paths,
    /// data, assets, alternatives, tests and readiness.
    Show {
        /// Partnership id or exact name.
        partnership: String,
        #[arg(long)]
        json: bool,
    },
    /// Fill a plan without scenarios with the usual planned and stressed exits from a SaaS
    /// provider (steps, triggers, targets, success criteria), to edit.
    Start { partnership: String },
    /// Change the agreement and the plan-wide fields ("none" clears a value).
    Set(SetArgs),
    /// Scenarios (planned and stressed exits).
    #[command(subcommand)]
    Scenario(ScenarioCmd),
    /// A scenario's triggers: a checklist code or, for anything else, your own words.
    #[command(subcommand)]
    Trigger(TriggerCmd),
    /// A scenario's steps.
    #[command(subcommand)]
    Step(StepCmd),
    /// Data sets and what happens to them at exit.
    #[command(subcommand)]
    Data(DataCmd),
    /// Assets (code, models, trademarks, licences, escrowed source…) and who keeps them.
    #[command(subcommand)]
    Asset(AssetCmd),
    /// Alternatives: other providers or doing it in house.
    #[command(subcommand)]
    Alternative(AlternativeCmd),
    /// The log of exit tests.
    #[command(subcommand)]
    Test(TestCmd),
    /// Link risks of the register (by reference) and requirements (by code) to the plan.
    Link(LinkArgs),
    /// Remove links of the plan to risks and requirements.
    Unlink(LinkArgs),
    /// The exit plan as a PDF: cover, agreement and readiness, scenarios with their
    /// timelines, data and IP, alternatives, tests and sign-off.
    Pdf {
        partnership: String,
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// The gaps of the plan, each with its stable code, and the level
    /// (ready / gaps / not ready).
    Readiness {
        partnership: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
pub struct SetArgs {
    /// Partnership id or exact name.
    partnership: String,
    /// The agreement's start (YYYY-MM-DD or none).
    #[arg(long)]
    start: Option<String>,
    /// The last day of the initial term (YYYY-MM-DD or none).
    #[arg(long)]
    term_end: Option<String>,
    /// none or automatic.
    #[arg(long)]
    renewal: Option<String>,
    /// The length of an automatic renewal in months (or none).
    #[arg(long)]
    renewal_months: Option<String>,
    /// Days of notice we must give (or none).
    #[arg(long)]
    notice_ours: Option<String>,
    /// Days of notice the partner must give (or none).
    #[arg(long)]
    notice_partner: Option<String>,
    /// Whether we may end the agreement early without cause (yes or no).
    #[arg(long)]
    convenience: Option<String>,
    /// The fee for ending early, e.g. 25000 or "25000.00 EUR" (or none).
    #[arg(long)]
    termination_fee: Option<String>,
    /// Whether a change of control of the partner lets us end it (yes or no).
    #[arg(long)]
    change_of_control: Option<String>,
    #[arg(long)]
    change_of_control_note: Option<String>,
    /// The ISO 4217 currency of every amount of the plan.
    #[arg(long)]
    currency: Option<String>,
    /// not_substitutable, highly_complex, medium, easy (or none).
    #[arg(long)]
    substitutability: Option<String>,
    /// no_alternatives, difficult_migration, both (or none).
    #[arg(long)]
    substitutability_reason: Option<String>,
    /// easy, difficult, highly_complex (or none).
    #[arg(long)]
    reintegration: Option<String>,
    /// low, medium, high, not_assessed (or none).
    #[arg(long)]
    discontinuing_impact: Option<String>,
    #[arg(long)]
    exit_owner: Option<String>,
    #[arg(long)]
    decision_maker: Option<String>,
    #[arg(long)]
    communication_lead: Option<String>,
    /// A success criterion; repeat for several (they replace the list; "none" empties it).
    #[arg(long = "success-criterion")]
    success_criteria: Vec<String>,
    /// When the next exit test is due (YYYY-MM-DD or none: 12 months after the last).
    #[arg(long)]
    next_test_due: Option<String>,
}

#[derive(Args)]
pub struct LinkArgs {
    partnership: String,
    /// A risk's reference or id; repeat for several.
    #[arg(long = "risk")]
    risks: Vec<String>,
    /// A requirement's code or id; repeat for several.
    #[arg(long = "requirement")]
    requirements: Vec<String>,
}

#[derive(Args)]
pub struct ScenarioArgs {
    #[arg(long)]
    name: Option<String>,
    /// planned or stressed.
    #[arg(long, value_parser = parse_scenario_kind)]
    kind: Option<ScenarioKind>,
    /// A checklist trigger; repeat for several (they replace the checklist's ticks).
    #[arg(long = "trigger")]
    triggers: Vec<String>,
    /// A trigger in your own words; repeat for several (they replace the custom ones).
    #[arg(long = "custom-trigger")]
    custom_triggers: Vec<String>,
    /// The days the exit may take at most (or none).
    #[arg(long)]
    target_days: Option<String>,
    #[arg(long)]
    owner: Option<String>,
    /// The one-off cost's low end, in the plan's currency (or none).
    #[arg(long)]
    cost_low: Option<String>,
    /// The one-off cost's high end (or none).
    #[arg(long)]
    cost_high: Option<String>,
    /// The running cost per month during the transition (or none).
    #[arg(long)]
    running: Option<String>,
    #[arg(long)]
    notes: Option<String>,
}

#[derive(Args)]
pub struct StepArgs {
    #[arg(long)]
    title: Option<String>,
    #[arg(long)]
    owner: Option<String>,
    /// Days the step takes.
    #[arg(long)]
    days: Option<String>,
    /// The step this one starts after: its title or number (or none).
    #[arg(long)]
    after: Option<String>,
    /// not_started, in_progress or done.
    #[arg(long)]
    status: Option<String>,
}

#[derive(Args)]
pub struct DataArgs {
    #[arg(long)]
    name: Option<String>,
    /// Whether it holds personal data (yes or no).
    #[arg(long)]
    personal: Option<String>,
    /// returned, deleted, transferred, bought_out (or none).
    #[arg(long)]
    disposition: Option<String>,
    #[arg(long)]
    format: Option<String>,
    /// Days to move or delete it after the end (or none).
    #[arg(long)]
    window_days: Option<String>,
    /// us, partner, shared (or none).
    #[arg(long)]
    paid_by: Option<String>,
    /// Whether the partner must prove the deletion (yes or no).
    #[arg(long)]
    deletion_evidence: Option<String>,
}

#[derive(Args)]
pub struct AssetArgs {
    #[arg(long)]
    name: Option<String>,
    /// code, model, data, trademark, licence, escrowed_source, documentation, other.
    #[arg(long, value_parser = parse_asset_kind)]
    kind: Option<AssetKind>,
    /// joint_ownership, licence, assigned_to_us, assigned_to_partner (or none).
    #[arg(long)]
    disposition: Option<String>,
    #[arg(long)]
    notes: Option<String>,
}

#[derive(Args)]
pub struct AlternativeArgs {
    #[arg(long)]
    name: Option<String>,
    /// provider or in_house.
    #[arg(long, value_parser = parse_alternative_kind)]
    kind: Option<AlternativeKind>,
    /// identified, evaluated, contracted, ready.
    #[arg(long, value_parser = parse_readiness)]
    readiness: Option<AlternativeReadiness>,
    #[arg(long)]
    notes: Option<String>,
}

/// The verbs of a list of the plan whose items are named (`NAME` or number).
macro_rules! item_cmd {
    ($cmd:ident, $args:ident) => {
        #[derive(Subcommand)]
        pub enum $cmd {
            /// Add one.
            Add {
                partnership: String,
                #[command(flatten)]
                fields: $args,
            },
            /// Change one, named by its name or number.
            Set {
                partnership: String,
                item: String,
                #[command(flatten)]
                fields: $args,
            },
            /// Remove one, named by its name or number.
            Remove { partnership: String, item: String },
        }
    };
}

item_cmd!(ScenarioCmd, ScenarioArgs);
item_cmd!(DataCmd, DataArgs);
item_cmd!(AssetCmd, AssetArgs);
item_cmd!(AlternativeCmd, AlternativeArgs);

#[derive(Subcommand)]
pub enum TriggerCmd {
    /// Tick a checklist trigger, or add one in your own words.
    Add {
        partnership: String,
        scenario: String,
        trigger: String,
    },
    /// Untick a checklist trigger, or remove one of your own.
    Remove {
        partnership: String,
        scenario: String,
        trigger: String,
    },
}

#[derive(Subcommand)]
pub enum StepCmd {
    /// Add a step at the end of a scenario.
    Add {
        partnership: String,
        scenario: String,
        #[command(flatten)]
        fields: StepArgs,
    },
    /// Change a step, named by its title or number.
    Set {
        partnership: String,
        scenario: String,
        step: String,
        #[command(flatten)]
        fields: StepArgs,
    },
    /// Remove a step no other step waits for.
    Remove {
        partnership: String,
        scenario: String,
        step: String,
    },
}

#[derive(Subcommand)]
pub enum TestCmd {
    /// Record an exit test (the log is append-only).
    Add {
        partnership: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        /// desk_review, tabletop, dry_run_migration, partial_live_exit.
        #[arg(long, value_parser = parse_test_kind)]
        kind: TestKind,
        /// The scenario tested (name or number).
        #[arg(long)]
        scenario: Option<String>,
        /// pass, partial or fail.
        #[arg(long, value_parser = parse_operational)]
        operational: OperationalResult,
        /// pass, fail or not-assessed.
        #[arg(long, value_parser = parse_financial)]
        financial: FinancialResult,
        #[arg(long, default_value = "")]
        finding: String,
    },
    /// Turn a test's findings into an action on a risk the plan is linked to.
    Action {
        partnership: String,
        /// The test's number in `prisk exit test list`, or its id.
        test: String,
        /// The risk's reference or id (linked with `prisk exit link`).
        #[arg(long)]
        risk: String,
        /// The action's title (default: the test and its first finding).
        #[arg(long)]
        title: Option<String>,
        #[arg(long, default_value = "")]
        owner: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        due: Option<String>,
    },
    /// The tests, oldest first.
    List {
        partnership: String,
        #[arg(long)]
        json: bool,
    },
}

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
fn change(
    store: &mut Store,
    key: &str,
    work: impl FnOnce(&mut ExitPlan) -> Result<()>,
) -> Result<String> {
    let p = store.find_partnership(key)?;
    store
        .change_exit_plan(&p.id, work)
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
fn position<'a>(
    names: impl Iterator<Item = &'a str> + Clone,
    key: &str,
    entity: &'static str,
    field: &str,
) -> Result<usize> {
    find_named(names, key).ok_or_else(|| Error::not_found(entity, field, key))
}

fn required(value: Option<String>, field: &str) -> Result<String> {
    value.ok_or_else(|| Error::invalid(field, "", "must be given"))
}

fn scenario(store: &mut Store, cmd: ScenarioCmd) -> Result<()> {
    match cmd {
        ScenarioCmd::Add {
            partnership,
            fields,
        } => {
            let name = required(fields.name.clone(), "--name")?;
            let kind = fields.kind.ok_or_else(|| {
                Error::invalid("--kind", "", "must be given: planned or stressed")
            })?;
            let p = change(store, &partnership, |plan| {
                let mut s = partner_risk_core::exit::Scenario::new("", name.clone(), kind);
                apply_scenario(&mut s, fields, &mut plan.currency)?;
                plan.scenarios.push(s);
                Ok(())
            })?;
            outln!("added scenario {name:?} to the exit plan of {p:?}");
        }
        ScenarioCmd::Set {
            partnership,
            item,
            fields,
        } => {
            change(store, &partnership, |plan| {
                let n = plan.find_scenario(&item, "SCENARIO")?;
                let mut s = plan.scenarios[n].clone();
                apply_scenario(&mut s, fields, &mut plan.currency)?;
                plan.scenarios[n] = s;
                Ok(())
            })?;
            outln!("updated scenario {item:?}");
        }
        ScenarioCmd::Remove { partnership, item } => {
            change(store, &partnership, |plan| {
                let n = plan.find_scenario(&item, "SCENARIO")?;
                plan.scenarios.remove(n);
                Ok(())
            })?;
            outln!("removed scenario {item:?}");
        }
    }
    Ok(())
}

fn apply_scenario(
    s: &mut partner_risk_core::exit::Scenario,
    a: ScenarioArgs,
    currency: &mut String,
) -> Result<()> {
    if let Some(v) = a.name {
        s.name = v;
    }
    if let Some(v) = a.kind {
        s.kind = v;
    }
    if !a.triggers.is_empty() {
        s.triggers = a
            .triggers
            .iter()
            .map(|t| Trigger::parse(&t.replace('-', "_"), "--trigger"))
            .collect::<Result<_>>()?;
    }
    if !a.custom_triggers.is_empty() {
        s.custom_triggers = a.custom_triggers;
    }
    if let Some(v) = a.target_days {
        s.target_days = days_or_none(&v, "--target-days")?;
    }
    if let Some(v) = a.owner {
        s.owner = v;
    }
    if let Some(v) = a.cost_low {
        s.cost.one_off_low = enum_or_none(&v, |t| amount(t, "--cost-low", currency))?;
    }
    if let Some(v) = a.cost_high {
        s.cost.one_off_high = enum_or_none(&v, |t| amount(t, "--cost-high", currency))?;
    }
    if let Some(v) = a.running {
        s.cost.running_monthly = enum_or_none(&v, |t| amount(t, "--running", currency))?;
    }
    if let Some(v) = a.notes {
        s.notes = v;
    }
    Ok(())
}

fn trigger(store: &mut Store, cmd: TriggerCmd) -> Result<()> {
    let (partnership, key, text, add) = match cmd {
        TriggerCmd::Add {
            partnership,
            scenario,
            trigger,
        } => (partnership, scenario, trigger, true),
        TriggerCmd::Remove {
            partnership,
            scenario,
            trigger,
        } => (partnership, scenario, trigger, false),
    };
    change(store, &partnership, |plan| {
        let n = plan.find_scenario(&key, "SCENARIO")?;
        let s = &mut plan.scenarios[n];
        let checklist = Trigger::parse(&text.trim().replace('-', "_"), "TRIGGER").ok();
        match (checklist, add) {
            (Some(t), true) if !s.triggers.contains(&t) => s.triggers.push(t),
            (Some(_), true) => {}
            (Some(t), false) => s.triggers.retain(|x| *x != t),
            (None, true) => s.custom_triggers.push(text.clone()),
            (None, false) => {
                let at = position(
                    s.custom_triggers.iter().map(String::as_str),
                    &text,
                    "trigger",
                    "TRIGGER",
                )?;
                s.custom_triggers.remove(at);
            }
        }
        Ok(())
    })?;
    outln!(
        "{} trigger {text:?} of scenario {key:?}",
        if add { "added" } else { "removed" }
    );
    Ok(())
}

fn step(store: &mut Store, cmd: StepCmd) -> Result<()> {
    match cmd {
        StepCmd::Add {
            partnership,
            scenario,
            fields,
        } => {
            let title = required(fields.title.clone(), "--title")?;
            change(store, &partnership, |plan| {
                let n = plan.find_scenario(&scenario, "SCENARIO")?;
                let s = &mut plan.scenarios[n];
                let mut step = partner_risk_core::exit::Step {
                    id: String::new(),
                    title: String::new(),
                    owner: String::new(),
                    duration_days: 0,
                    waits_for: None,
                    status: partner_risk_core::exit::StepStatus::NotStarted,
                };
                apply_step(&mut step, fields, &s.steps)?;
                s.steps.push(step);
                Ok(())
            })?;
            outln!("added step {title:?} to scenario {scenario:?}");
        }
        StepCmd::Set {
            partnership,
            scenario,
            step,
            fields,
        } => {
            change(store, &partnership, |plan| {
                let n = plan.find_scenario(&scenario, "SCENARIO")?;
                let s = &mut plan.scenarios[n];
                let at = position(
                    s.steps.iter().map(|s| s.title.as_str()),
                    &step,
                    "step",
                    "STEP",
                )?;
                let mut changed = s.steps[at].clone();
                apply_step(&mut changed, fields, &s.steps)?;
                s.steps[at] = changed;
                Ok(())
            })?;
            outln!("updated step {step:?} of scenario {scenario:?}");
        }
        StepCmd::Remove {
            partnership,
            scenario,
            step,
        } => {
            change(store, &partnership, |plan| {
                let n = plan.find_scenario(&scenario, "SCENARIO")?;
                let s = &mut plan.scenarios[n];
                let at = position(
                    s.steps.iter().map(|s| s.title.as_str()),
                    &step,
                    "step",
                    "STEP",
                )?;
                let id = s.steps[at].id.clone();
                if let Some(waiting) = s
                    .steps
                    .iter()
                    .find(|o| o.waits_for.as_deref() == Some(id.as_str()))
                {
                    return Err(Error::conflict(
                        "STEP",
                        &step,
                        format!(
                            "step {:?} waits for it: change that step's --after first",
                            waiting.title
                        ),
                    ));
                }
                s.steps.remove(at);
                Ok(())
            })?;
            outln!("removed step {step:?} of scenario {scenario:?}");
        }
    }
    Ok(())
}

fn apply_step(
    step: &mut partner_risk_core::exit::Step,
    a: StepArgs,
    steps: &[partner_risk_core::exit::Step],
) -> Result<()> {
    if let Some(v) = a.title {
        step.title = v;
    }
    if let Some(v) = a.owner {
        step.owner = v;
    }
    if let Some(v) = a.days {
        step.duration_days = days(&v, "--days")?;
    }
    if let Some(v) = a.after {
        step.waits_for = if v.trim().eq_ignore_ascii_case("none") {
            None
        } else {
            let at = position(
                steps.iter().map(|s| s.title.as_str()),
                &v,
                "step",
                "--after",
            )?;
            // Refused here, in the user's words, rather than by the plan's rule on ids.
            if steps[at].id == step.id {
                return Err(Error::invalid(
                    "--after",
                    &v,
                    "a step cannot wait for itself",
                ));
            }
            let mut on = Some(at);
            let mut hops = 0;
            while let Some(n) = on {
                if !step.id.is_empty() && steps[n].id == step.id {
                    return Err(Error::invalid(
                        "--after",
                        &v,
                        format!(
                            "{:?} waits, directly or through other steps, for this step: that would be a circle",
                            steps[at].title
                        ),
                    ));
                }
                hops += 1;
                on = steps[n]
                    .waits_for
                    .as_ref()
                    .and_then(|w| steps.iter().position(|x| x.id == *w))
                    .filter(|_| hops <= steps.len());
            }
            Some(steps[at].id.clone())
        };
    }
    if let Some(v) = a.status {
        step.status = partner_risk_core::exit::StepStatus::parse(&v.replace('-', "_"), "--status")?;
    }
    Ok(())
}

fn data(store: &mut Store, cmd: DataCmd) -> Result<()> {
    use partner_risk_core::exit::{DataDisposition, DataSet, Payer};
    let apply = |d: &mut DataSet, a: DataArgs| -> Result<()> {
        if let Some(v) = a.name {
            d.name = v;
        }
        if let Some(v) = a.personal {
            d.personal_data = boolean(&v, "--personal")?;
        }
        if let Some(v) = a.disposition {
            d.disposition = enum_or_none(&v, |t| {
                DataDisposition::parse(&t.replace('-', "_"), "--disposition")
            })?;
        }
        if let Some(v) = a.format {
            d.format = v;
        }
        if let Some(v) = a.window_days {
            d.window_days = days_or_none(&v, "--window-days")?;
        }
        if let Some(v) = a.paid_by {
            d.paid_by = enum_or_none(&v, |t| Payer::parse(t, "--paid-by"))?;
        }
        if let Some(v) = a.deletion_evidence {
            d.deletion_evidence = boolean(&v, "--deletion-evidence")?;
        }
        Ok(())
    };
    match cmd {
        DataCmd::Add {
            partnership,
            fields,
        } => {
            let name = required(fields.name.clone(), "--name")?;
            change(store, &partnership, |plan| {
                let mut d = DataSet {
                    id: String::new(),
                    name: String::new(),
                    personal_data: false,
                    disposition: None,
                    format: String::new(),
                    window_days: None,
                    paid_by: None,
                    deletion_evidence: false,
                };
                apply(&mut d, fields)?;
                plan.data_sets.push(d);
                Ok(())
            })?;
            outln!("added data set {name:?}");
        }
        DataCmd::Set {
            partnership,
            item,
            fields,
        } => {
            change(store, &partnership, |plan| {
                let names = plan.data_sets.iter().map(|d| d.name.as_str());
                let n = position(names, &item, "data set", "DATA SET")?;
                apply(&mut plan.data_sets[n], fields)
            })?;
            outln!("updated data set {item:?}");
        }
        DataCmd::Remove { partnership, item } => {
            change(store, &partnership, |plan| {
                let names = plan.data_sets.iter().map(|d| d.name.as_str());
                let n = position(names, &item, "data set", "DATA SET")?;
                plan.data_sets.remove(n);
                Ok(())
            })?;
            outln!("removed data set {item:?}");
        }
    }
    Ok(())
}

fn asset(store: &mut Store, cmd: AssetCmd) -> Result<()> {
    use partner_risk_core::exit::{Asset, AssetDisposition};
    let apply = |x: &mut Asset, a: AssetArgs| -> Result<()> {
        if let Some(v) = a.name {
            x.name = v;
        }
        if let Some(v) = a.kind {
            x.kind = v;
        }
        if let Some(v) = a.disposition {
            x.disposition = enum_or_none(&v, |t| {
                AssetDisposition::parse(&t.replace('-', "_"), "--disposition")
            })?;
        }
        if let Some(v) = a.notes {
            x.notes = v;
        }
        Ok(())
    };
    match cmd {
        AssetCmd::Add {
            partnership,
            fields,
        } => {
            let name = required(fields.name.clone(), "--name")?;
            let kind = fields.kind.ok_or_else(|| {
                Error::invalid("--kind", "", "must be given (code, model, data, …)")
            })?;
            change(store, &partnership, |plan| {
                let mut x = Asset {
                    id: String::new(),
                    name: String::new(),
                    kind,
                    disposition: None,
                    notes: String::new(),
                };
                apply(&mut x, fields)?;
                plan.assets.push(x);
                Ok(())
            })?;
            outln!("added asset {name:?}");
        }
        AssetCmd::Set {
            partnership,
            item,
            fields,
        } => {
            change(store, &partnership, |plan| {
                let names = plan.assets.iter().map(|d| d.name.as_str());
                let n = position(names, &item, "asset", "ASSET")?;
                apply(&mut plan.assets[n], fields)
            })?;
            outln!("updated asset {item:?}");
        }
        AssetCmd::Remove { partnership, item } => {
            change(store, &partnership, |plan| {
                let names = plan.assets.iter().map(|d| d.name.as_str());
                let n = position(names, &item, "asset", "ASSET")?;
                plan.assets.remove(n);
                Ok(())
            })?;
            outln!("removed asset {item:?}");
        }
    }
    Ok(())
}

fn alternative(store: &mut Store, cmd: AlternativeCmd) -> Result<()> {
    use partner_risk_core::exit::Alternative;
    let apply = |x: &mut Alternative, a: AlternativeArgs| {
        if let Some(v) = a.name {
            x.name = v;
        }
        if let Some(v) = a.kind {
            x.kind = v;
        }
        if let Some(v) = a.readiness {
            x.readiness = v;
        }
        if let Some(v) = a.notes {
            x.notes = v;
        }
    };
    match cmd {
        AlternativeCmd::Add {
            partnership,
            fields,
        } => {
            let name = required(fields.name.clone(), "--name")?;
            let kind = fields.kind.ok_or_else(|| {
                Error::invalid("--kind", "", "must be given: provider or in_house")
            })?;
            change(store, &partnership, |plan| {
                let mut x = Alternative {
                    id: String::new(),
                    name: String::new(),
                    kind,
                    readiness: AlternativeReadiness::Identified,
                    notes: String::new(),
                };
                apply(&mut x, fields);
                plan.alternatives.push(x);
                Ok(())
            })?;
            outln!("added alternative {name:?}");
        }
        AlternativeCmd::Set {
            partnership,
            item,
            fields,
        } => {
            change(store, &partnership, |plan| {
                let names = plan.alternatives.iter().map(|d| d.name.as_str());
                let n = position(names, &item, "alternative", "ALTERNATIVE")?;
                apply(&mut plan.alternatives[n], fields);
                Ok(())
            })?;
            outln!("updated alternative {item:?}");
        }
        AlternativeCmd::Remove { partnership, item } => {
            change(store, &partnership, |plan| {
                let names = plan.alternatives.iter().map(|d| d.name.as_str());
                let n = position(names, &item, "alternative", "ALTERNATIVE")?;
                plan.alternatives.remove(n);
                Ok(())
            })?;
            outln!("removed alternative {item:?}");
        }
    }
    Ok(())
}

fn link(store: &mut Store, a: LinkArgs, linked: bool) -> Result<()> {
    let p = store.find_partnership(&a.partnership)?;
    if a.risks.is_empty() && a.requirements.is_empty() {
        return Err(Error::invalid(
            "--risk",
            "",
            "name at least one --risk or --requirement",
        ));
    }
    let risks = a
        .risks
        .iter()
        .map(|key| match store.find_risk(&p.id, key) {
            Ok(r) => Ok(r.id),
            Err(Error::NotFound { .. }) => Err(Error::not_found("risk", "--risk", key)),
            Err(e) => Err(e),
        })
        .collect::<Result<Vec<_>>>()?;
    let all = store.requirements(&p.id)?;
    let requirements = a
        .requirements
        .iter()
        .map(|key| {
            all.iter()
                .find(|q| q.id == *key || q.fields.code.eq_ignore_ascii_case(key.trim()))
                .map(|q| q.id.clone())
                .ok_or_else(|| Error::not_found("requirement", "--requirement", key))
        })
        .collect::<Result<Vec<_>>>()?;
    store
        .change_exit_plan(&p.id, |plan| {
            for (list, ids) in [
                (&mut plan.risk_ids, risks),
                (&mut plan.requirement_ids, requirements),
            ] {
                for id in ids {
                    let at = list.iter().position(|x| *x == id);
                    match (at, linked) {
                        (None, true) => list.push(id),
                        (Some(n), false) => {
                            list.remove(n);
                        }
                        _ => {}
                    }
                }
            }
            Ok(())
        })
        .map_err(|e| options::flag_error(e, &[]))?;
    outln!(
        "{} the exit plan of {:?}",
        if linked { "linked to" } else { "unlinked from" },
        p.fields.name
    );
    Ok(())
}
