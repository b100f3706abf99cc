//! `prisk indicator`: the health indicators (KRIs) of a partnership — add (from the
//! library or from scratch), set, remove, list, show, and the library itself.
//!
//! An indicator is named by its id or its name (any case); `--partnership` says whose when
//! several partnerships have one of that name. Each change is one core call: any refusal
//! exits 2 with one line naming the option and the value, and writes nothing.

mod options;
pub(crate) mod output;

use clap::{Args, Subcommand};
use partner_risk_core::exit::ExitPlan;
use partner_risk_core::health::{library, IndicatorFields, TriggerLink};
use partner_risk_core::{Error, Result, Store};

use crate::context::Context;
pub(crate) use options::parse_number;
use options::{parse_direction, parse_frequency, parse_source, parse_unit, target};
pub(crate) use options::flag_error;

#[derive(Subcommand)]
pub enum IndicatorCmd {
    /// Add an indicator to a partnership: from the library (`--from KEY`, see `prisk
    /// indicator library`) with any option overriding its defaults, or from scratch.
    Add(AddArgs),
    /// Change an indicator's fields; `--risk` and `--trigger` replace the lists (`none`
    /// clears them).
    Set(SetArgs),
    /// Remove an indicator and its readings.
    Remove {
        /// The indicator's name or id.
        indicator: String,
        /// The partnership (id or exact name), when several have an indicator of that name.
        #[arg(long)]
        partnership: Option<String>,
    },
    /// A partnership's indicators with their thresholds.
    List {
        /// Partnership id or exact name.
        partnership: String,
        #[arg(long)]
        json: bool,
    },
    /// One indicator: its fields, status and reason, and its readings.
    Show {
        indicator: String,
        #[arg(long)]
        partnership: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The library of common indicators, with their defaults.
    Library {
        #[arg(long)]
        json: bool,
    },
}

/// The fields an indicator is made or changed with.
#[derive(Args)]
pub struct FieldArgs {
    #[arg(long)]
    name: Option<String>,
    /// percent, percent_of_plan, count, milliseconds, days or number.
    #[arg(long)]
    unit: Option<String>,
    /// higher_is_better or lower_is_better (or: higher, lower).
    #[arg(long)]
    direction: Option<String>,
    /// The value aimed at (or none).
    #[arg(long, allow_hyphen_values = true)]
    target: Option<String>,
    /// The amber threshold: a reading beyond it (not on it) is amber.
    #[arg(long, allow_hyphen_values = true)]
    amber: Option<String>,
    /// The red threshold: a reading beyond it (not on it) is red.
    #[arg(long, allow_hyphen_values = true)]
    red: Option<String>,
    /// monthly, quarterly, half_yearly or yearly.
    #[arg(long)]
    frequency: Option<String>,
    #[arg(long)]
    owner: Option<String>,
    /// entered or imported: how its readings arrive.
    #[arg(long)]
    source: Option<String>,
    #[arg(long)]
    description: Option<String>,
    /// A risk it informs, by reference (TEC-004) or id; repeat for more (none: no risk).
    #[arg(long = "risk", value_name = "REF")]
    risks: Vec<String>,
    /// An exit trigger it fires: SCENARIO:TRIGGER, the scenario by name or number and the
    /// trigger by its checklist code or a custom trigger's words; repeat for more (none:
    /// no trigger).
    #[arg(long = "trigger", value_name = "SCENARIO:TRIGGER")]
    triggers: Vec<String>,
}

#[derive(Args)]
pub struct AddArgs {
    /// Partnership id or exact name.
    partnership: String,
    /// Start from this library indicator's defaults.
    #[arg(long, value_name = "KEY")]
    from: Option<String>,
    #[command(flatten)]
    fields: FieldArgs,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct SetArgs {
    /// The indicator's name or id.
    indicator: String,
    #[arg(long)]
    partnership: Option<String>,
    #[command(flatten)]
    fields: FieldArgs,
}

pub fn run(ctx: &Context, cmd: IndicatorCmd) -> Result<()> {
    if let IndicatorCmd::Library { json } = cmd {
        return output::library(&library(), json);
    }
    let mut store = ctx.store()?;
    let today = ctx.today();
    match cmd {
        IndicatorCmd::Library { .. } => unreachable!("answered above"),
        IndicatorCmd::Add(args) => {
            let p = store.find_partnership(&args.partnership)?;
            let mut fields = match &args.from {
                Some(key) => library::find(key)
                    .ok_or_else(|| {
                        Error::invalid(
                            "--from",
                            key,
                            "not a key of the library (see `prisk indicator library`)",
                        )
                    })?
                    .fields,
                None => blank(&args.fields)?,
            };
            let plan = store.exit_plan(&p.id)?;
            apply(&store, &p.id, &plan, &mut fields, args.fields)?;
            let added = store
                .add_indicator(&p.id, fields)
                .map_err(options::flag_error)?;
            if args.json {
                return crate::output::print_json(&added);
            }
            outln!(
                "added indicator {:?} to {:?} ({})",
                added.fields.name,
                p.fields.name,
                added.id
            );
            Ok(())
        }
        IndicatorCmd::Set(args) => {
            let i = store.find_indicator(args.partnership.as_deref(), &args.indicator)?;
            let plan = store.exit_plan(&i.partnership_id)?;
            // Options are turned into fields before the transaction: the risks and the
            // triggers are looked up by their names.
            let mut wanted = i.fields.clone();
            apply(&store, &i.partnership_id, &plan, &mut wanted, args.fields)?;
            let changed = store
                .change_indicator(&i.id, |f| {
                    *f = wanted;
                    Ok(())
                })
                .map_err(options::flag_error)?;
            outln!("updated indicator {:?}", changed.fields.name);
            Ok(())
        }
        IndicatorCmd::Remove {
            indicator,
            partnership,
        } => {
            let i = store.find_indicator(partnership.as_deref(), &indicator)?;
            let removed = store.remove_indicator(&i.id)?;
            outln!(
                "removed indicator {:?} and its readings",
                removed.fields.name
            );
            Ok(())
        }
        IndicatorCmd::List { partnership, json } => {
            let p = store.find_partnership(&partnership)?;
            output::list(&store.indicators(&p.id)?, json)
        }
        IndicatorCmd::Show {
            indicator,
            partnership,
            json,
        } => {
            let i = store.find_indicator(partnership.as_deref(), &indicator)?;
            let health = store.indicator_health(&i.id, today)?;
            let readings = store.readings(&i.id, true)?;
            output::show(&store, &health, &readings, json)
        }
    }
}

/// The fields of an indicator made from scratch: the options every indicator needs.
fn blank(args: &FieldArgs) -> Result<IndicatorFields> {
    let need = |value: &Option<String>, option: &str| {
        value.clone().ok_or_else(|| {
            Error::invalid(
                option,
                "",
                "is required without --from (or start from the library: --from KEY)",
            )
        })
    };
    Ok(IndicatorFields {
        name: need(&args.name, "--name")?,
        unit: parse_unit(&need(&args.unit, "--unit")?)?,
        direction: parse_direction(&need(&args.direction, "--direction")?)?,
        target: None,
        amber: parse_number(&need(&args.amber, "--amber")?, "--amber")?,
        red: parse_number(&need(&args.red, "--red")?, "--red")?,
        frequency: parse_frequency(&need(&args.frequency, "--frequency")?)?,
        owner: String::new(),
        source: partner_risk_core::health::Source::Entered,
        description: String::new(),
        risk_ids: Vec::new(),
        exit_triggers: Vec::new(),
    })
}

/// Sets the fields the options give.
fn apply(
    store: &Store,
    partnership_id: &str,
    plan: &ExitPlan,
    f: &mut IndicatorFields,
    args: FieldArgs,
) -> Result<()> {
    if let Some(v) = args.name {
        f.name = v;
    }
    if let Some(v) = args.unit {
        f.unit = parse_unit(&v)?;
    }
    if let Some(v) = args.direction {
        f.direction = parse_direction(&v)?;
    }
    if let Some(v) = args.target {
        f.target = target(&v)?;
    }
    if let Some(v) = args.amber {
        f.amber = parse_number(&v, "--amber")?;
    }
    if let Some(v) = args.red {
        f.red = parse_number(&v, "--red")?;
    }
    if let Some(v) = args.frequency {
        f.frequency = parse_frequency(&v)?;
    }
    if let Some(v) = args.owner {
        f.owner = v;
    }
    if let Some(v) = args.source {
        f.source = parse_source(&v)?;
    }
    if let Some(v) = args.description {
        f.description = v;
    }
    if !args.risks.is_empty() {
        f.risk_ids = Vec::new();
        for key in args.risks.iter().filter(|k| !is_none(k)) {
            let risk = store
                .find_risk(partnership_id, key)
                .map_err(|_| Error::not_found("risk", "--risk", key))?;
            f.risk_ids.push(risk.id);
        }
    }
    if !args.triggers.is_empty() {
        f.exit_triggers = Vec::new();
        for text in args.triggers.iter().filter(|k| !is_none(k)) {
            f.exit_triggers.push(trigger(plan, text)?);
        }
    }
    Ok(())
}

fn is_none(text: &str) -> bool {
    text.trim().eq_ignore_ascii_case("none")
}

/// `SCENARIO:TRIGGER` of the partnership's exit plan.
fn trigger(plan: &ExitPlan, text: &str) -> Result<TriggerLink> {
    let (scenario, trigger) = text.split_once(':').ok_or_else(|| {
        Error::invalid("--trigger", text, "expected SCENARIO:TRIGGER, e.g. Stressed:sla_breach")
    })?;
    let n = plan.find_scenario(scenario, "--trigger")?;
    let s = &plan.scenarios[n];
    let trigger = trigger.trim();
    let found = s
        .triggers
        .iter()
        .map(|t| t.as_str().to_string())
        .chain(s.custom_triggers.iter().cloned())
        .find(|t| t.eq_ignore_ascii_case(trigger) || t.replace('_', "-").eq_ignore_ascii_case(trigger))
        .ok_or_else(|| {
            Error::invalid(
                "--trigger",
                text,
                format!("not a trigger of the scenario {:?} (see `prisk exit show`)", s.name),
            )
        })?;
    Ok(TriggerLink {
        scenario_id: s.id.clone(),
        trigger: found,
    })
}
