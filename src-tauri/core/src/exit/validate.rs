//! The rules an exit plan and an exit test follow. Every refusal names the field by its
//! path in the plan (`scenarios[1].steps[0].waits_for`) and the value at fault.

use std::collections::HashSet;

use super::{critical_path, Agreement, CostEstimate, ExitPlan, ExitTestFields, Renewal, Scenario};
use crate::error::{Error, Result};
use crate::rules::{check_date, check_date_opt, limit_text, require_text};

/// The longest notice period, target, window or step a plan may name: ten years.
pub const MAX_DAYS: u32 = 3650;
/// The longest automatic renewal: ten years.
pub const MAX_RENEWAL_MONTHS: u32 = 120;
/// The most items of one list (scenarios, steps of a scenario, data sets, assets,
/// alternatives, success criteria).
pub const MAX_ITEMS: usize = 200;

const NAME: usize = 200;
const NOTE: usize = 20_000;

fn days(field: &str, value: Option<u32>, min: u32) -> Result<()> {
    match value {
        Some(d) if d < min || d > MAX_DAYS => Err(Error::invalid(
            field,
            d,
            format!("expected {min} to {MAX_DAYS} days"),
        )),
        _ => Ok(()),
    }
}

fn amount(field: &str, value: Option<i64>) -> Result<()> {
    match value {
        Some(a) if a < 0 => Err(Error::invalid(
            field,
            decimal(a),
            "an amount cannot be negative",
        )),
        _ => Ok(()),
    }
}

/// An amount in minor units as people write it (`1250050` → `12500.50`).
fn decimal(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let m = minor.unsigned_abs();
    format!("{sign}{}.{:02}", m / 100, m % 100)
}

fn count(field: &str, n: usize) -> Result<()> {
    if n > MAX_ITEMS {
        return Err(Error::invalid(
            field,
            n,
            format!("at most {MAX_ITEMS} are allowed"),
        ));
    }
    Ok(())
}

/// Refuses an empty or repeated id (ids are unique across the whole plan).
fn id<'a>(field: &str, id: &'a str, seen: &mut HashSet<&'a str>) -> Result<()> {
    if id.trim().is_empty() || id.len() > 64 {
        return Err(Error::invalid(field, id, "an id is 1 to 64 characters"));
    }
    if !seen.insert(id) {
        return Err(Error::conflict(
            field,
            id,
            "another item of the plan has this id",
        ));
    }
    Ok(())
}

/// Refuses a blank, too long or repeated (any case) name within one list.
fn name(field: &str, name: &str, seen: &mut HashSet<String>) -> Result<()> {
    require_text(field, name, NAME)?;
    if !seen.insert(name.trim().to_lowercase()) {
        return Err(Error::conflict(
            field,
            name,
            "another item of this list has this name",
        ));
    }
    Ok(())
}

impl Agreement {
    pub fn validate(&self) -> Result<()> {
        check_date_opt("agreement.start", self.start)?;
        check_date_opt("agreement.initial_term_end", self.initial_term_end)?;
        if let (Some(start), Some(end)) = (self.start, self.initial_term_end) {
            if end < start {
                return Err(Error::invalid(
                    "agreement.initial_term_end",
                    end,
                    format!("the term ends before it starts ({start})"),
                ));
            }
        }
        match (self.renewal, self.renewal_months) {
            (Renewal::Automatic, None) => {
                return Err(Error::invalid(
                    "agreement.renewal_months",
                    "",
                    "an automatic renewal needs its period in months",
                ))
            }
            (Renewal::Automatic, Some(m)) if m == 0 || m > MAX_RENEWAL_MONTHS => {
                return Err(Error::invalid(
                    "agreement.renewal_months",
                    m,
                    format!("expected 1 to {MAX_RENEWAL_MONTHS} months"),
                ))
            }
            (Renewal::None, Some(m)) => {
                return Err(Error::invalid(
                    "agreement.renewal_months",
                    m,
                    "the agreement does not renew: set the renewal to automatic first",
                ))
            }
            _ => {}
        }
        days("agreement.notice_days_ours", self.notice_days_ours, 0)?;
        days("agreement.notice_days_partner", self.notice_days_partner, 0)?;
        amount("agreement.termination_fee", self.termination_fee)?;
        limit_text(
            "agreement.change_of_control_note",
            &self.change_of_control_note,
            2_000,
        )
    }
}

impl CostEstimate {
    fn validate(&self, field: &str) -> Result<()> {
        amount(&format!("{field}.one_off_low"), self.one_off_low)?;
        amount(&format!("{field}.one_off_high"), self.one_off_high)?;
        amount(&format!("{field}.running_monthly"), self.running_monthly)?;
        if let (Some(low), Some(high)) = (self.one_off_low, self.one_off_high) {
            if high < low {
                return Err(Error::invalid(
                    format!("{field}.one_off_high"),
                    decimal(high),
                    format!("the high end is below the low end ({})", decimal(low)),
                ));
            }
        }
        Ok(())
    }
}

impl Scenario {
    fn validate<'a>(&'a self, field: &str, ids: &mut HashSet<&'a str>) -> Result<()> {
        let at = |f: &str| format!("{field}.{f}");
        id(&at("id"), &self.id, ids)?;
        let mut seen = HashSet::new();
        for (n, t) in self.triggers.iter().enumerate() {
            if !seen.insert(*t) {
                return Err(Error::invalid(
                    at(&format!("triggers[{n}]")),
                    t,
                    "this trigger is already checked",
                ));
            }
        }
        count(&at("custom_triggers"), self.custom_triggers.len())?;
        for (n, t) in self.custom_triggers.iter().enumerate() {
            require_text(&at(&format!("custom_triggers[{n}]")), t, 300)?;
        }
        days(&at("target_days"), self.target_days, 1)?;
        limit_text(&at("owner"), &self.owner, NAME)?;
        limit_text(&at("notes"), &self.notes, NOTE)?;
        self.cost.validate(&at("cost"))?;
        count(&at("steps"), self.steps.len())?;
        for (n, step) in self.steps.iter().enumerate() {
            let at = |f: &str| format!("{field}.steps[{n}].{f}");
            id(&at("id"), &step.id, ids)?;
            require_text(&at("title"), &step.title, 300)?;
            limit_text(&at("owner"), &step.owner, NAME)?;
            days(&at("duration_days"), Some(step.duration_days), 0)?;
        }
        // The waits-for links: every one to a step of this scenario, and no circle.
        critical_path(&self.steps).map_err(|e| e.within(&format!("{field}.")))?;
        Ok(())
    }
}

impl ExitPlan {
    /// Checks the whole plan; the first rule broken is named.
    pub fn validate(&self) -> Result<()> {
        self.agreement.validate()?;
        let has_amount = self.agreement.termination_fee.is_some()
            || self.scenarios.iter().any(|s| !s.cost.is_empty());
        if self.currency.is_empty() {
            if has_amount {
                return Err(Error::invalid(
                    "currency",
                    "",
                    "the plan names amounts: give their currency (an ISO 4217 code such as EUR)",
                ));
            }
        } else if self.currency.len() != 3 || !self.currency.chars().all(|c| c.is_ascii_uppercase())
        {
            return Err(Error::invalid(
                "currency",
                &self.currency,
                "a currency is a three-letter ISO 4217 code such as EUR",
            ));
        }
        limit_text("roles.exit_owner", &self.roles.exit_owner, NAME)?;
        limit_text("roles.decision_maker", &self.roles.decision_maker, NAME)?;
        limit_text(
            "roles.communication_lead",
            &self.roles.communication_lead,
            NAME,
        )?;
        count("success_criteria", self.success_criteria.len())?;
        for (n, c) in self.success_criteria.iter().enumerate() {
            require_text(&format!("success_criteria[{n}]"), c, 500)?;
        }
        check_date_opt("next_test_due", self.next_test_due)?;

        let mut ids = HashSet::new();
        count("scenarios", self.scenarios.len())?;
        let mut names = HashSet::new();
        for (n, s) in self.scenarios.iter().enumerate() {
            let field = format!("scenarios[{n}]");
            name(&format!("{field}.name"), &s.name, &mut names)?;
            s.validate(&field, &mut ids)?;
        }
        count("data_sets", self.data_sets.len())?;
        let mut names = HashSet::new();
        for (n, d) in self.data_sets.iter().enumerate() {
            let at = |f: &str| format!("data_sets[{n}].{f}");
            id(&at("id"), &d.id, &mut ids)?;
            name(&at("name"), &d.name, &mut names)?;
            limit_text(&at("format"), &d.format, NAME)?;
            days(&at("window_days"), d.window_days, 0)?;
        }
        count("assets", self.assets.len())?;
        let mut names = HashSet::new();
        for (n, a) in self.assets.iter().enumerate() {
            let at = |f: &str| format!("assets[{n}].{f}");
            id(&at("id"), &a.id, &mut ids)?;
            name(&at("name"), &a.name, &mut names)?;
            limit_text(&at("notes"), &a.notes, NOTE)?;
        }
        for (list, ids) in [
            ("risk_ids", &self.risk_ids),
            ("requirement_ids", &self.requirement_ids),
        ] {
            let mut seen = HashSet::new();
            for (n, id) in ids.iter().enumerate() {
                let field = format!("{list}[{n}]");
                if id.trim().is_empty() {
                    return Err(Error::invalid(field, id, "an id must not be empty"));
                }
                if !seen.insert(id.as_str()) {
                    return Err(Error::conflict(
                        field,
                        id,
                        "this link is already in the plan",
                    ));
                }
            }
        }
        count("alternatives", self.alternatives.len())?;
        let mut names = HashSet::new();
        for (n, a) in self.alternatives.iter().enumerate() {
            let at = |f: &str| format!("alternatives[{n}].{f}");
            id(&at("id"), &a.id, &mut ids)?;
            name(&at("name"), &a.name, &mut names)?;
            limit_text(&at("notes"), &a.notes, NOTE)?;
        }
        Ok(())
    }
}

impl ExitTestFields {
    /// Checks what does not need the plan (the store checks the scenario).
    pub fn validate(&self) -> Result<()> {
        check_date("date", self.date)?;
        limit_text("findings", &self.findings, NOTE)
    }
}

#[cfg(test)]
mod tests {
    use super::super::*;
    use chrono::NaiveDate;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn field_of(plan: &ExitPlan) -> String {
        plan.validate().unwrap_err().field().unwrap().to_string()
    }

    fn step(id: &str, days: u32, waits_for: Option<&str>) -> Step {
        Step {
            id: id.into(),
            title: format!("step {id}"),
            owner: String::new(),
            duration_days: days,
            waits_for: waits_for.map(Into::into),
            status: StepStatus::NotStarted,
        }
    }

    #[test]
    fn an_empty_plan_is_valid() {
        ExitPlan::default().validate().unwrap();
    }

    #[test]
    fn each_rule_names_its_field() {
        let base = ExitPlan::default();
        type Change = Box<dyn Fn(&mut ExitPlan)>;
        let cases: Vec<(&str, Change)> = vec![
            (
                "agreement.start",
                Box::new(|p| p.agreement.start = Some(date("0018-12-03"))),
            ),
            (
                "agreement.initial_term_end",
                Box::new(|p| {
                    p.agreement.start = Some(date("2026-01-01"));
                    p.agreement.initial_term_end = Some(date("2025-12-31"));
                }),
            ),
            (
                "agreement.renewal_months",
                Box::new(|p| p.agreement.renewal = Renewal::Automatic),
            ),
            (
                "agreement.renewal_months",
                Box::new(|p| p.agreement.renewal_months = Some(12)),
            ),
            (
                "agreement.renewal_months",
                Box::new(|p| {
                    p.agreement.renewal = Renewal::Automatic;
                    p.agreement.renewal_months = Some(0);
                }),
            ),
            (
                "agreement.notice_days_ours",
                Box::new(|p| p.agreement.notice_days_ours = Some(4000)),
            ),
            (
                "currency",
                Box::new(|p| p.agreement.termination_fee = Some(100)),
            ),
            ("currency", Box::new(|p| p.currency = "eur".into())),
            (
                "agreement.termination_fee",
                Box::new(|p| {
                    p.currency = "EUR".into();
                    p.agreement.termination_fee = Some(-1);
                }),
            ),
            (
                "success_criteria[0]",
                Box::new(|p| p.success_criteria = vec!["  ".into()]),
            ),
            (
                "scenarios[1].name",
                Box::new(|p| {
                    p.scenarios = vec![
                        Scenario::new("a", "Planned", ScenarioKind::Planned),
                        Scenario::new("b", "planned ", ScenarioKind::Stressed),
                    ]
                }),
            ),
            (
                "scenarios[1].id",
                Box::new(|p| {
                    p.scenarios = vec![
                        Scenario::new("a", "One", ScenarioKind::Planned),
                        Scenario::new("a", "Two", ScenarioKind::Stressed),
                    ]
                }),
            ),
            (
                "scenarios[0].triggers[1]",
                Box::new(|p| {
                    let mut s = Scenario::new("a", "One", ScenarioKind::Stressed);
                    s.triggers = vec![Trigger::Insolvency, Trigger::Insolvency];
                    p.scenarios = vec![s];
                }),
            ),
            (
                "scenarios[0].target_days",
                Box::new(|p| {
                    let mut s = Scenario::new("a", "One", ScenarioKind::Stressed);
                    s.target_days = Some(0);
                    p.scenarios = vec![s];
                }),
            ),
            (
                "scenarios[0].cost.one_off_high",
                Box::new(|p| {
                    let mut s = Scenario::new("a", "One", ScenarioKind::Stressed);
                    s.cost.one_off_low = Some(500);
                    s.cost.one_off_high = Some(100);
                    p.currency = "EUR".into();
                    p.scenarios = vec![s];
                }),
            ),
            (
                "scenarios[0].steps[1].waits_for",
                Box::new(|p| {
                    let mut s = Scenario::new("a", "One", ScenarioKind::Stressed);
                    s.steps = vec![step("s1", 1, None), step("s2", 1, Some("nowhere"))];
                    p.scenarios = vec![s];
                }),
            ),
            (
                "scenarios[0].steps[0].waits_for",
                Box::new(|p| {
                    let mut s = Scenario::new("a", "One", ScenarioKind::Stressed);
                    s.steps = vec![step("s1", 1, Some("s2")), step("s2", 1, Some("s1"))];
                    p.scenarios = vec![s];
                }),
            ),
            (
                "scenarios[0].steps[0].title",
                Box::new(|p| {
                    let mut s = Scenario::new("a", "One", ScenarioKind::Stressed);
                    let mut bad = step("s1", 1, None);
                    bad.title = String::new();
                    s.steps = vec![bad];
                    p.scenarios = vec![s];
                }),
            ),
            (
                "data_sets[0].window_days",
                Box::new(|p| {
                    p.data_sets = vec![DataSet {
                        id: "d".into(),
                        name: "Customers".into(),
                        personal_data: true,
                        disposition: None,
                        format: String::new(),
                        window_days: Some(5000),
                        paid_by: None,
                        deletion_evidence: false,
                    }]
                }),
            ),
            (
                "assets[0].name",
                Box::new(|p| {
                    p.assets = vec![Asset {
                        id: "x".into(),
                        name: String::new(),
                        kind: AssetKind::Code,
                        disposition: None,
                        notes: String::new(),
                    }]
                }),
            ),
            (
                "alternatives[0].id",
                Box::new(|p| {
                    p.scenarios = vec![Scenario::new("x", "One", ScenarioKind::Planned)];
                    p.alternatives = vec![Alternative {
                        id: "x".into(),
                        name: "In house".into(),
                        kind: AlternativeKind::InHouse,
                        readiness: AlternativeReadiness::Identified,
                        notes: String::new(),
                    }]
                }),
            ),
        ];
        for (field, change) in cases {
            let mut plan = base.clone();
            change(&mut plan);
            assert_eq!(field_of(&plan), field, "{plan:?}");
        }
    }

    #[test]
    fn a_plan_round_trips_through_json() {
        let mut plan = ExitPlan::default();
        plan.agreement.renewal = Renewal::Automatic;
        plan.agreement.renewal_months = Some(12);
        plan.substitutability = Some(Substitutability::HighlyComplex);
        let mut s = Scenario::new("a", "Stressed", ScenarioKind::Stressed);
        s.triggers = vec![Trigger::Insolvency];
        s.steps = vec![step("s1", 3, None)];
        plan.scenarios.push(s);
        let json = serde_json::to_string(&plan).unwrap();
        let back: ExitPlan = serde_json::from_str(&json).unwrap();
        assert_eq!(back, plan);
        assert!(json.contains("\"renewal\":\"automatic\""));
        // An unknown field is refused, not dropped.
        assert!(serde_json::from_str::<ExitPlan>(r#"{"agreemnt":{}}"#).is_err());
    }
}
