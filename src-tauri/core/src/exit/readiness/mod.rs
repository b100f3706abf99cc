//! Readiness: what an exit plan lacks, computed from it and from the test log, never
//! typed. Each gap has a stable code (for scripts, the portfolio and the review queue), a
//! reason for people and the field that closes it.
//!
//! The level: **not ready** when a *blocking* gap says the plan, invoked today, would not
//! get us out: there is no stressed scenario to follow when the partner fails, a scenario
//! has no steps, a scenario's critical path overruns its own target, the last exit test
//! failed, or the last day to give notice has passed. **Gaps** when only documentation is
//! missing (dates, owners, triggers, targets, data dispositions, alternatives, roles,
//! success criteria, a test that is due). **Ready** when there is no gap at all.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{
    critical_path, notice_deadline, CriticalPath, ExitPlan, ExitTest, NoticeDeadline, ScenarioKind,
    Side, Substitutability,
};
use crate::error::{Error, Result};
use crate::model::string_enum;

/// A data set must stay retrievable at least this long after the end (the EU Data Act's
/// minimum retrieval window).
pub const MIN_DATA_WINDOW_DAYS: u32 = 30;
/// An exit test is due this long after the last one, unless the plan sets the date.
pub const TEST_INTERVAL_MONTHS: u32 = 12;

string_enum!(
    /// The stable code of a gap.
    GapCode, "code" {
        NoAgreementDates => "no_agreement_dates",
        NoNoticePeriod => "no_notice_period",
        NoticeDeadlinePassed => "notice_deadline_passed",
        SubstitutabilityNotAssessed => "substitutability_not_assessed",
        NoExitOwner => "no_exit_owner",
        NoSuccessCriteria => "no_success_criteria",
        NoPlannedScenario => "no_planned_scenario",
        NoStressedScenario => "no_stressed_scenario",
        ScenarioWithoutTriggers => "scenario_without_triggers",
        ScenarioWithoutSteps => "scenario_without_steps",
        ScenarioWithoutOwner => "scenario_without_owner",
        ScenarioWithoutTarget => "scenario_without_target",
        CriticalPathOverTarget => "critical_path_over_target",
        DataSetWithoutDisposition => "data_set_without_disposition",
        DataSetWithoutWindow => "data_set_without_window",
        DataWindowTooShort => "data_window_too_short",
        NoAlternative => "no_alternative",
        NoTest => "no_test",
        TestOverdue => "test_overdue",
        LastTestFailed => "last_test_failed",
        TriggerFired => "trigger_fired",
    }
);

impl GapCode {
    /// Whether this gap alone makes the plan "not ready".
    pub fn severity(self) -> Severity {
        match self {
            GapCode::NoStressedScenario
            | GapCode::ScenarioWithoutSteps
            | GapCode::CriticalPathOverTarget
            | GapCode::LastTestFailed
            | GapCode::NoticeDeadlinePassed => Severity::Blocking,
            _ => Severity::Gap,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The plan would not work if invoked today.
    Blocking,
    /// Something the plan should say and does not.
    Gap,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReadinessLevel {
    Ready,
    Gaps,
    NotReady,
}

impl ReadinessLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            ReadinessLevel::Ready => "ready",
            ReadinessLevel::Gaps => "gaps",
            ReadinessLevel::NotReady => "not_ready",
        }
    }
}

/// One thing the plan lacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Gap {
    pub code: GapCode,
    pub severity: Severity,
    /// The field that closes the gap, as a path in the plan (`scenarios[1].owner`), or
    /// `tests` for the test log.
    pub field: String,
    /// What is wrong, for people.
    pub reason: String,
}

/// A scenario's critical path beside its target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScenarioTiming {
    pub scenario_id: String,
    pub name: String,
    pub kind: ScenarioKind,
    pub critical_path: CriticalPath,
    pub target_days: Option<u32>,
}

/// The plan's readiness on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Readiness {
    pub level: ReadinessLevel,
    pub gaps: Vec<Gap>,
    /// Our last day to give notice, when the agreement's end and our notice are known.
    pub notice: Option<NoticeDeadline>,
    /// The partner's last day to give notice, when known.
    pub partner_notice: Option<NoticeDeadline>,
    pub scenarios: Vec<ScenarioTiming>,
    /// The last exit test's day.
    pub last_test: Option<NaiveDate>,
    /// When the next exit test is due: the plan's date, else 12 months after the last.
    pub next_test_due: Option<NaiveDate>,
}

/// The readiness of `plan` with its test log on `today`. The plan is expected to be
/// valid (as the store keeps it); a scenario whose steps cannot be ordered is reported
/// as having none.
pub fn readiness(plan: &ExitPlan, tests: &[ExitTest], today: NaiveDate) -> Readiness {
    let mut gaps = Vec::new();
    let mut gap = |code: GapCode, field: String, reason: String| {
        gaps.push(Gap {
            code,
            severity: code.severity(),
            field,
            reason,
        })
    };
    let a = &plan.agreement;
    if a.initial_term_end.is_none() {
        gap(
            GapCode::NoAgreementDates,
            "agreement.initial_term_end".into(),
            "the end of the agreement's initial term is not recorded".into(),
        );
    } else if a.start.is_none() {
        gap(
            GapCode::NoAgreementDates,
            "agreement.start".into(),
            "the agreement's start date is not recorded".into(),
        );
    }
    if a.notice_days_ours.is_none() {
        gap(
            GapCode::NoNoticePeriod,
            "agreement.notice_days_ours".into(),
            "our notice period is not recorded, so the last day to give notice is unknown".into(),
        );
    }
    let notice = notice_deadline(a, Side::Ours, today);
    if let Some(n) = notice.as_ref().filter(|n| n.days_left < 0) {
        gap(
            GapCode::NoticeDeadlinePassed,
            "agreement.initial_term_end".into(),
            format!(
                "the last day to give notice was {} ({} days ago); the agreement ends on {}",
                n.last_day, -n.days_left, n.term_end
            ),
        );
    }
    if plan.substitutability.is_none() {
        gap(
            GapCode::SubstitutabilityNotAssessed,
            "substitutability".into(),
            "how easily the partner can be replaced is not assessed".into(),
        );
    }
    if plan.roles.exit_owner.trim().is_empty() {
        gap(
            GapCode::NoExitOwner,
            "roles.exit_owner".into(),
            "nobody owns the exit plan".into(),
        );
    }
    if plan.success_criteria.is_empty() {
        gap(
            GapCode::NoSuccessCriteria,
            "success_criteria".into(),
            "the plan does not say what a successful exit looks like".into(),
        );
    }
    if !plan
        .scenarios
        .iter()
        .any(|s| s.kind == ScenarioKind::Planned)
    {
        gap(
            GapCode::NoPlannedScenario,
            "scenarios".into(),
            "no planned exit (end of term, for convenience, change of strategy)".into(),
        );
    }
    if !plan
        .scenarios
        .iter()
        .any(|s| s.kind == ScenarioKind::Stressed)
    {
        gap(
            GapCode::NoStressedScenario,
            "scenarios".into(),
            "no stressed exit: nothing to follow if the partner fails suddenly".into(),
        );
    }
    let mut timings = Vec::new();
    for (n, s) in plan.scenarios.iter().enumerate() {
        let at = |f: &str| format!("scenarios[{n}].{f}");
        let name = &s.name;
        if !s.has_triggers() {
            gap(
                GapCode::ScenarioWithoutTriggers,
                at("triggers"),
                format!("scenario {name:?} does not say what sets it off"),
            );
        }
        if s.steps.is_empty() {
            gap(
                GapCode::ScenarioWithoutSteps,
                at("steps"),
                format!("scenario {name:?} has no steps"),
            );
        }
        if s.owner.trim().is_empty() {
            gap(
                GapCode::ScenarioWithoutOwner,
                at("owner"),
                format!("scenario {name:?} has no owner"),
            );
        }
        let path = critical_path(&s.steps).unwrap_or_default();
        match s.target_days {
            None => gap(
                GapCode::ScenarioWithoutTarget,
                at("target_days"),
                format!("scenario {name:?} has no target time to exit"),
            ),
            Some(target) if path.days > target => gap(
                GapCode::CriticalPathOverTarget,
                at("target_days"),
                format!(
                    "scenario {name:?} takes {} days along its critical path, over its target of {target}",
                    path.days
                ),
            ),
            Some(_) => {}
        }
        timings.push(ScenarioTiming {
            scenario_id: s.id.clone(),
            name: s.name.clone(),
            kind: s.kind,
            critical_path: path,
            target_days: s.target_days,
        });
    }
    for (n, d) in plan.data_sets.iter().enumerate() {
        let at = |f: &str| format!("data_sets[{n}].{f}");
        let name = &d.name;
        if d.disposition.is_none() {
            gap(
                GapCode::DataSetWithoutDisposition,
                at("disposition"),
                format!("data set {name:?}: what happens to it at exit is not decided"),
            );
        }
        match d.window_days {
            None => gap(
                GapCode::DataSetWithoutWindow,
                at("window_days"),
                format!("data set {name:?}: no window to move or delete it"),
            ),
            Some(w) if w < MIN_DATA_WINDOW_DAYS => gap(
                GapCode::DataWindowTooShort,
                at("window_days"),
                format!(
                    "data set {name:?}: a window of {w} days is under the {MIN_DATA_WINDOW_DAYS} days to retrieve data"
                ),
            ),
            Some(_) => {}
        }
    }
    if plan.substitutability != Some(Substitutability::Easy) && plan.alternatives.is_empty() {
        gap(
            GapCode::NoAlternative,
            "alternatives".into(),
            "no alternative (another provider or in house) while the partner is not easily replaced"
                .into(),
        );
    }
    // The last test: the latest day; of tests on one day, the one listed last.
    let last = tests
        .iter()
        .enumerate()
        .max_by_key(|(n, t)| (t.fields.date, *n))
        .map(|(_, t)| t);
    let next_test_due = plan.next_test_due.or_else(|| {
        last.and_then(|t| {
            t.fields
                .date
                .checked_add_months(Months::new(TEST_INTERVAL_MONTHS))
        })
    });
    match last {
        None => gap(
            GapCode::NoTest,
            "tests".into(),
            "the plan has never been tested".into(),
        ),
        Some(t) => {
            if let Some(due) = next_test_due.filter(|due| *due < today) {
                gap(
                    GapCode::TestOverdue,
                    "tests".into(),
                    format!(
                        "the next exit test was due on {due} (the last was on {})",
                        t.fields.date
                    ),
                );
            }
            if t.fields.failed() {
                gap(
                    GapCode::LastTestFailed,
                    "tests".into(),
                    format!(
                        "the last exit test ({}, {}) failed: operational {}, financial {}",
                        t.fields.date, t.fields.kind, t.fields.operational, t.fields.financial
                    ),
                );
            }
        }
    }
    let level = level_of(&gaps);
    Readiness {
        level,
        gaps,
        notice,
        partner_notice: notice_deadline(a, Side::Partner, today),
        scenarios: timings,
        last_test: last.map(|t| t.fields.date),
        next_test_due,
    }
}

fn level_of(gaps: &[Gap]) -> ReadinessLevel {
    if gaps.iter().any(|g| g.severity == Severity::Blocking) {
        ReadinessLevel::NotReady
    } else if gaps.is_empty() {
        ReadinessLevel::Ready
    } else {
        ReadinessLevel::Gaps
    }
}

impl Readiness {
    /// Adds the gap of an exit trigger a red health indicator fired (`trigger_fired`): the
    /// plan's own rules cannot see indicators, so the store adds these after
    /// [`readiness`]. `field` is the scenario's triggers (`scenarios[1].triggers`).
    pub fn add_fired_trigger(&mut self, field: String, reason: String) {
        let code = GapCode::TriggerFired;
        self.gaps.push(Gap {
            code,
            severity: code.severity(),
            field,
            reason,
        });
        self.level = level_of(&self.gaps);
    }
}

#[cfg(test)]
mod tests;
