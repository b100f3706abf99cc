//! What `prisk indicator`, `prisk reading` and `prisk health` print: tables for people, the
//! core's records as JSON for scripts.

use partner_risk_core::health::{Indicator, IndicatorFields, LibraryEntry, Reading};
use partner_risk_core::store::{HealthFlags, IndicatorHealth};
use partner_risk_core::{Result, Store};

use crate::output::{print_json, table};

fn optional(unit: partner_risk_core::health::Unit, value: Option<f64>) -> String {
    value.map(|v| unit.format(v)).unwrap_or_else(|| "—".into())
}

fn thresholds(f: &IndicatorFields) -> [String; 3] {
    [
        optional(f.unit, f.target),
        f.unit.format(f.amber),
        f.unit.format(f.red),
    ]
}

pub fn library(entries: &[LibraryEntry], json: bool) -> Result<()> {
    if json {
        return print_json(&entries);
    }
    let rows = entries
        .iter()
        .map(|e| {
            let f = &e.fields;
            let [target, amber, red] = thresholds(f);
            vec![
                e.key.to_string(),
                f.name.clone(),
                f.direction.words().to_string(),
                target,
                amber,
                red,
                f.frequency.to_string(),
            ]
        })
        .collect();
    table(
        &["Key", "Name", "Direction", "Target", "Amber", "Red", "Frequency"],
        rows,
    );
    Ok(())
}

pub fn list(indicators: &[Indicator], json: bool) -> Result<()> {
    if json {
        return print_json(&indicators);
    }
    if indicators.is_empty() {
        outln!("no indicators (add one with `prisk indicator add P --from KEY`; see `prisk indicator library`)");
        return Ok(());
    }
    let rows = indicators
        .iter()
        .map(|i| {
            let f = &i.fields;
            let [target, amber, red] = thresholds(f);
            vec![
                f.name.clone(),
                f.direction.words().to_string(),
                target,
                amber,
                red,
                f.frequency.to_string(),
                f.owner.clone(),
            ]
        })
        .collect();
    table(
        &[
            "Indicator",
            "Direction",
            "Target",
            "Amber",
            "Red",
            "Frequency",
            "Owner",
        ],
        rows,
    );
    Ok(())
}

pub fn show(
    store: &Store,
    health: &IndicatorHealth,
    readings: &[Reading],
    json: bool,
) -> Result<()> {
    if json {
        return print_json(&serde_json::json!({
            "indicator": health.indicator,
            "status": health.status,
            "readings": readings,
        }));
    }
    let i = &health.indicator;
    let f = &i.fields;
    let [target, amber, red] = thresholds(f);
    outln!("{} ({})", f.name, i.id);
    outln!("  unit: {}, {}", f.unit, f.direction.words());
    outln!("  target {target}, amber beyond {amber}, red beyond {red}");
    outln!("  frequency: {}, source: {}", f.frequency, f.source);
    if !f.owner.is_empty() {
        outln!("  owner: {}", f.owner);
    }
    if !f.description.is_empty() {
        outln!("  {}", f.description);
    }
    let refs: Vec<String> = f
        .risk_ids
        .iter()
        .map(|id| store.risk(id).map(|r| r.reference).unwrap_or_else(|_| id.clone()))
        .collect();
    if !refs.is_empty() {
        outln!("  informs: {}", refs.join(", "));
    }
    if !f.exit_triggers.is_empty() {
        let plan = store.exit_plan(&i.partnership_id)?;
        let names: Vec<String> = f
            .exit_triggers
            .iter()
            .map(|t| {
                let scenario = plan
                    .scenarios
                    .iter()
                    .find(|s| s.id == t.scenario_id)
                    .map_or(t.scenario_id.as_str(), |s| s.name.as_str());
                format!("{scenario}: {}", t.trigger)
            })
            .collect();
        outln!("  fires: {}", names.join("; "));
    }
    let s = &health.status;
    outln!("status: {} — {}", s.status, s.reason);
    if !s.change_words.is_empty() {
        outln!("change: {}", s.change_words);
    }
    if readings.is_empty() {
        return Ok(());
    }
    outln!();
    let rows = readings
        .iter()
        .map(|r| {
            let replaced = readings
                .iter()
                .any(|o| o.replaces.as_deref() == Some(r.id.as_str()));
            vec![
                r.fields.date.to_string(),
                f.unit.format(r.fields.value),
                r.fields.note.clone(),
                r.recorded_by.clone(),
                if replaced { "replaced".into() } else { String::new() },
            ]
        })
        .collect();
    table(&["Date", "Value", "Note", "By", ""], rows);
    Ok(())
}

/// `prisk health P`: every indicator with its status and the reason, the risks to review
/// again and the exit triggers fired.
pub fn health(all: &[IndicatorHealth], flags: &HealthFlags, json: bool) -> Result<()> {
    if json {
        return print_json(&serde_json::json!({
            "indicators": all,
            "risks": flags.risks,
            "triggers": flags.triggers,
        }));
    }
    if all.is_empty() {
        outln!("no indicators");
        return Ok(());
    }
    let rows = all
        .iter()
        .map(|h| {
            let f = &h.indicator.fields;
            let s = &h.status;
            vec![
                f.name.clone(),
                s.status.as_str().replace('_', " "),
                optional(f.unit, s.latest.map(|p| p.value)),
                s.latest.map(|p| p.date.to_string()).unwrap_or_default(),
                s.change_words.clone(),
                s.reason.clone(),
            ]
        })
        .collect();
    table(
        &["Indicator", "Status", "Latest", "On", "Change", "Reason"],
        rows,
    );
    if !flags.risks.is_empty() {
        outln!();
        outln!("Risks to review again:");
        for r in &flags.risks {
            outln!("  {} {} — {}", r.reference, r.title, r.reason);
        }
    }
    if !flags.triggers.is_empty() {
        outln!();
        outln!("Exit triggers fired:");
        for t in &flags.triggers {
            outln!("  {}: {} — {}", t.scenario, t.label, t.reason);
        }
    }
    Ok(())
}
