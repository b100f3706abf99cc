//! A starting plan: the usual scenarios and steps of leaving a SaaS provider, for the user
//! to edit. Owners, targets and costs are left to the user where they depend on the
//! partnership; the durations are typical, not promises.

use super::{ExitPlan, Scenario, ScenarioKind, Step, StepStatus, Trigger};
use crate::error::{Error, Result};

/// (title, days, index of the step it waits for).
type StepSketch = (&'static str, u32, Option<usize>);

fn scenario(
    name: &str,
    kind: ScenarioKind,
    triggers: &[Trigger],
    target_days: u32,
    steps: &[StepSketch],
) -> Scenario {
    let ids: Vec<String> = steps.iter().map(|_| crate::ids::new_id()).collect();
    let mut s = Scenario::new(crate::ids::new_id(), name, kind);
    s.triggers = triggers.to_vec();
    s.target_days = Some(target_days);
    s.steps = steps
        .iter()
        .zip(&ids)
        .map(|((title, days, after), id)| Step {
            id: id.clone(),
            title: (*title).into(),
            owner: String::new(),
            duration_days: *days,
            waits_for: after.map(|n| ids[n].clone()),
            status: StepStatus::NotStarted,
        })
        .collect();
    s
}

/// The scenarios and success criteria of leaving a SaaS provider.
pub fn saas_starter() -> ExitPlan {
    let planned = scenario(
        "Planned exit (end of term)",
        ScenarioKind::Planned,
        &[
            Trigger::SlaBreach,
            Trigger::ProviderChange,
            Trigger::ChangeOfControl,
        ],
        180,
        &[
            ("Decide to leave and give notice", 5, None),
            ("Select and contract the alternative", 45, Some(0)),
            ("Export the data and verify it is complete", 20, Some(0)),
            ("Migrate and test on the alternative", 30, Some(1)),
            ("Switch integrations and users over", 10, Some(3)),
            ("Revoke the partner's access and credentials", 2, Some(4)),
            ("Obtain the deletion certificate", 30, Some(5)),
        ],
    );
    let stressed = scenario(
        "Stressed exit (partner failure)",
        ScenarioKind::Stressed,
        &[
            Trigger::Insolvency,
            Trigger::BreachOfLawOrContract,
            Trigger::IctRiskWeakness,
            Trigger::SupervisionImpeded,
        ],
        90,
        &[
            ("Invoke the plan and inform stakeholders", 1, None),
            ("Secure a copy of the data", 5, Some(0)),
            (
                "Activate the alternative or the in-house fallback",
                30,
                Some(0),
            ),
            ("Switch integrations and users over", 10, Some(2)),
            ("Revoke the partner's access and credentials", 1, Some(3)),
            ("Claim deletion evidence or the escrow release", 30, Some(4)),
        ],
    );
    ExitPlan {
        scenarios: vec![planned, stressed],
        success_criteria: vec![
            "All data returned in an agreed format and verified complete".into(),
            "No interruption of the service beyond the agreed tolerance".into(),
            "The partner's access revoked and the deletion confirmed in writing".into(),
        ],
        ..ExitPlan::default()
    }
}

impl ExitPlan {
    /// Fills a plan that has no scenarios yet from `starter`: its scenarios, and its success
    /// criteria when the plan has none. A plan with scenarios is refused, unchanged.
    pub fn start_from(&mut self, starter: ExitPlan) -> Result<()> {
        if !self.scenarios.is_empty() {
            return Err(Error::conflict(
                "scenarios",
                self.scenarios.len(),
                "the plan already has scenarios; a starting plan fills only a plan without any",
            ));
        }
        self.scenarios = starter.scenarios;
        if self.success_criteria.is_empty() {
            self.success_criteria = starter.success_criteria;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exit::{critical_path, readiness, GapCode};

    #[test]
    fn the_starter_is_valid_and_its_paths_fit_their_targets() {
        let plan = saas_starter();
        plan.validate().unwrap();
        for s in &plan.scenarios {
            let path = critical_path(&s.steps).unwrap();
            assert!(path.days <= s.target_days.unwrap(), "{}: {path:?}", s.name);
        }
        // What is left to the user shows as gaps: owners, the agreement, data, tests.
        let r = readiness(&plan, &[], "2027-01-01".parse().unwrap());
        let codes: Vec<GapCode> = r.gaps.iter().map(|g| g.code).collect();
        assert!(codes.contains(&GapCode::ScenarioWithoutOwner));
        assert!(!codes.contains(&GapCode::NoStressedScenario));
        assert!(!codes.contains(&GapCode::ScenarioWithoutSteps));
    }

    #[test]
    fn it_fills_only_a_plan_without_scenarios() {
        let mut plan = ExitPlan {
            success_criteria: vec!["ours".into()],
            ..ExitPlan::default()
        };
        plan.start_from(saas_starter()).unwrap();
        assert_eq!(plan.scenarios.len(), 2);
        assert_eq!(plan.success_criteria, ["ours"]);
        let before = plan.clone();
        let e = plan.start_from(saas_starter()).unwrap_err();
        assert_eq!(e.field(), Some("scenarios"));
        assert_eq!(plan, before);
    }
}
