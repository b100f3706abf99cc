//! `prisk exit scenario|trigger|step`: the scenarios, their triggers and their steps.

use partner_risk_core::exit::Trigger;
use partner_risk_core::{Error, Result, Store};

use super::options::{amount, days, days_or_none, enum_or_none};

use super::args::{ScenarioArgs, ScenarioCmd, StepArgs, StepCmd, TriggerCmd};
use super::{change, position, required};

pub(super) fn scenario(store: &mut Store, cmd: ScenarioCmd) -> Result<()> {
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

pub(super) fn trigger(store: &mut Store, cmd: TriggerCmd) -> Result<()> {
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

pub(super) fn step(store: &mut Store, cmd: StepCmd) -> Result<()> {
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
        StepCmd::Move {
            partnership,
            scenario,
            step,
            to,
        } => {
            change(store, &partnership, |plan| {
                let n = plan.find_scenario(&scenario, "SCENARIO")?;
                let s = &plan.scenarios[n];
                let at = position(
                    s.steps.iter().map(|s| s.title.as_str()),
                    &step,
                    "step",
                    "STEP",
                )?;
                if to == 0 || to > s.steps.len() {
                    return Err(Error::invalid(
                        "--to",
                        to,
                        format!("expected a position from 1 to {}", s.steps.len()),
                    ));
                }
                let (sid, id) = (s.id.clone(), s.steps[at].id.clone());
                plan.move_step(&sid, &id, to)
            })?;
            outln!("moved step {step:?} of scenario {scenario:?} to position {to}");
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
