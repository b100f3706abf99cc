//! Edits of a plan that are more than setting a field: moving a step within its scenario,
//! and what the window reads of a plan in one go (the plan, its test log and everything
//! derived from them).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{readiness, ExitPlan, ExitTest, Readiness};
use crate::error::{Error, Result};

/// Notice deadlines and exit tests due within this many days come into the review queue.
pub const REMINDER_DAYS: i64 = 90;

impl ExitPlan {
    /// Becomes `plan` if it is still `expected` (the plan the window opened): a change made
    /// meanwhile by another program is refused rather than overwritten, so the user
    /// reloads and sees it.
    pub fn replace_if_unchanged(&mut self, expected: &ExitPlan, plan: ExitPlan) -> Result<()> {
        if self != expected {
            return Err(Error::conflict(
                "exit_plan",
                "",
                "the exit plan was changed elsewhere since it was opened; reload it and make the change again",
            ));
        }
        *self = plan;
        Ok(())
    }

    /// Moves the step `step_id` of the scenario `scenario_id` to the 1-based `position` of
    /// its scenario's list (the order steps are listed and printed in; the waits-for links
    /// and so the critical path do not change). A position past the end moves it last.
    pub fn move_step(&mut self, scenario_id: &str, step_id: &str, position: usize) -> Result<()> {
        let s = self
            .scenarios
            .iter_mut()
            .find(|s| s.id == scenario_id)
            .ok_or_else(|| Error::not_found("scenario", "scenario_id", scenario_id))?;
        let from = s
            .steps
            .iter()
            .position(|st| st.id == step_id)
            .ok_or_else(|| Error::not_found("step", "step_id", step_id))?;
        if position == 0 {
            return Err(Error::invalid("position", position, "positions start at 1"));
        }
        let step = s.steps.remove(from);
        let to = (position - 1).min(s.steps.len());
        s.steps.insert(to, step);
        Ok(())
    }
}

/// A plan as the window shows it: the plan, its test log and the readiness derived from
/// both (the notice deadlines, each scenario's critical path, the gaps).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExitPlanView {
    pub plan: ExitPlan,
    /// Oldest first.
    pub tests: Vec<ExitTest>,
    pub readiness: Readiness,
    /// The day the readiness was computed on.
    pub today: NaiveDate,
}

impl ExitPlanView {
    /// The view of `plan` with its log, and readiness computed from them alone.
    pub fn new(plan: ExitPlan, tests: Vec<ExitTest>, today: NaiveDate) -> Self {
        let readiness = readiness(&plan, &tests, today);
        ExitPlanView::with_readiness(plan, tests, readiness, today)
    }

    /// The view with a readiness computed elsewhere (the store's, which adds the gaps of
    /// the workspace's other records, such as triggers fired by health indicators).
    pub fn with_readiness(
        plan: ExitPlan,
        tests: Vec<ExitTest>,
        readiness: Readiness,
        today: NaiveDate,
    ) -> Self {
        ExitPlanView {
            plan,
            tests,
            readiness,
            today,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exit::saas_starter;

    fn titles(plan: &ExitPlan) -> Vec<String> {
        plan.scenarios[0]
            .steps
            .iter()
            .map(|s| s.title.clone())
            .collect()
    }

    #[test]
    fn a_step_moves_within_its_scenario_and_keeps_its_links() {
        let mut plan = saas_starter();
        plan.assign_ids();
        let before = titles(&plan);
        let paths = |p: &ExitPlan| {
            p.scenarios
                .iter()
                .map(|s| crate::exit::critical_path(&s.steps).unwrap().days)
                .collect::<Vec<_>>()
        };
        let days = paths(&plan);
        let (sid, last) = {
            let s = &plan.scenarios[0];
            (s.id.clone(), s.steps.last().unwrap().id.clone())
        };
        plan.move_step(&sid, &last, 1).unwrap();
        let after = titles(&plan);
        assert_eq!(after[0], *before.last().unwrap());
        assert_eq!(after[1..], before[..before.len() - 1]);
        assert_eq!(paths(&plan), days);
        plan.validate().unwrap();
        // Past the end is last; back where it was.
        plan.move_step(&sid, &last, 999).unwrap();
        assert_eq!(titles(&plan), before);
    }

    #[test]
    fn a_move_names_what_it_cannot_find() {
        let mut plan = saas_starter();
        plan.assign_ids();
        let sid = plan.scenarios[0].id.clone();
        let step = plan.scenarios[0].steps[0].id.clone();
        let unchanged = plan.clone();
        assert_eq!(
            plan.move_step("nope", &step, 1).unwrap_err().field(),
            Some("scenario_id")
        );
        assert_eq!(
            plan.move_step(&sid, "nope", 1).unwrap_err().field(),
            Some("step_id")
        );
        assert_eq!(
            plan.move_step(&sid, &step, 0).unwrap_err().field(),
            Some("position")
        );
        assert_eq!(plan, unchanged);
    }
}
