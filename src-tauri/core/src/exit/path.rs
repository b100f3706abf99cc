//! The critical path of a scenario: the longest chain of steps through the waits-for
//! links. A step starts when the step it waits for ends (at once when it waits for none),
//! so the chain's length in days is the least time the exit takes.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Step;
use crate::error::{Error, Result};

/// The longest chain of steps and its length.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct CriticalPath {
    /// The days from the first step's start to the last one's end.
    pub days: u32,
    /// The ids of the chain's steps, first to last.
    pub step_ids: Vec<String>,
    /// The day each step of the list ends, counted from the start, in the list's order (a
    /// step starts on the day the step it waits for ends): the timeline of the scenario.
    pub step_ends: Vec<u32>,
}

/// The critical path of `steps`. A step that waits for a step not in the list, for itself,
/// or through others for itself (a circle) is refused, naming it: such a plan has no end.
pub fn critical_path(steps: &[Step]) -> Result<CriticalPath> {
    let index: HashMap<&str, usize> = steps
        .iter()
        .enumerate()
        .map(|(n, s)| (s.id.as_str(), n))
        .collect();
    let mut before = Vec::with_capacity(steps.len());
    for (n, step) in steps.iter().enumerate() {
        let field = format!("steps[{n}].waits_for");
        let waits = match step.waits_for.as_deref() {
            None => None,
            Some(id) if id == step.id => {
                return Err(Error::invalid(field, id, "a step cannot wait for itself"))
            }
            Some(id) => Some(*index.get(id).ok_or_else(|| {
                Error::invalid(&field, id, "no step of this scenario has this id")
            })?),
        };
        before.push(waits);
    }
    // The day each step ends, following each chain back once (every step has at most one
    // predecessor, so the links form chains and trees unless they close a circle).
    let mut end: Vec<Option<u32>> = vec![None; steps.len()];
    let mut depth: Vec<usize> = vec![0; steps.len()];
    for start in 0..steps.len() {
        let mut chain = Vec::new();
        let mut at = Some(start);
        while let Some(n) = at {
            if end[n].is_some() {
                break;
            }
            if chain.contains(&n) {
                let titles: Vec<&str> = chain
                    .iter()
                    .skip_while(|&&c| c != n)
                    .chain(std::iter::once(&n))
                    .map(|&c| steps[c].title.as_str())
                    .collect();
                return Err(Error::invalid(
                    format!("steps[{n}].waits_for"),
                    steps[n].waits_for.as_deref().unwrap_or_default(),
                    format!(
                        "the steps wait for each other in a circle: {}",
                        titles.join(" → ")
                    ),
                ));
            }
            chain.push(n);
            at = before[n];
        }
        for &n in chain.iter().rev() {
            let from = before[n].and_then(|b| end[b]).unwrap_or(0);
            end[n] = Some(from.saturating_add(steps[n].duration_days));
            depth[n] = before[n].map_or(1, |b| depth[b] + 1);
        }
    }
    // The chain that ends last; of chains that end together, the one of most steps (a
    // milestone of 0 days at the end is on the path), then the first in the list.
    let Some(last) = (0..steps.len()).max_by_key(|&n| (end[n], depth[n], std::cmp::Reverse(n)))
    else {
        return Ok(CriticalPath::default());
    };
    let mut step_ids = Vec::new();
    let mut at = Some(last);
    while let Some(n) = at {
        step_ids.push(steps[n].id.clone());
        at = before[n];
    }
    step_ids.reverse();
    Ok(CriticalPath {
        days: end[last].unwrap_or(0),
        step_ids,
        step_ends: end.into_iter().map(Option::unwrap_or_default).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exit::StepStatus;
    use proptest::prelude::*;

    fn step(id: usize, days: u32, waits_for: Option<usize>) -> Step {
        Step {
            id: format!("s{id}"),
            title: format!("step {id}"),
            owner: String::new(),
            duration_days: days,
            waits_for: waits_for.map(|w| format!("s{w}")),
            status: StepStatus::NotStarted,
        }
    }

    #[test]
    fn no_steps_take_no_time() {
        assert_eq!(critical_path(&[]).unwrap(), CriticalPath::default());
    }

    #[test]
    fn the_longest_branch_wins() {
        // s0 (5) → s1 (10) → s3 (1); s0 → s2 (20); s4 (7) alone.
        let steps = [
            step(0, 5, None),
            step(1, 10, Some(0)),
            step(2, 20, Some(0)),
            step(3, 1, Some(1)),
            step(4, 7, None),
        ];
        let path = critical_path(&steps).unwrap();
        assert_eq!(path.days, 25);
        assert_eq!(path.step_ids, ["s0", "s2"]);
        assert_eq!(path.step_ends, [5, 15, 25, 16, 7]);
    }

    #[test]
    fn a_step_may_wait_for_one_listed_after_it() {
        let steps = [step(0, 2, Some(1)), step(1, 3, None)];
        let path = critical_path(&steps).unwrap();
        assert_eq!(
            (path.days, path.step_ids),
            (5, vec!["s1".into(), "s0".into()])
        );
        assert_eq!(path.step_ends, [5, 3]);
    }

    #[test]
    fn circles_and_missing_steps_are_refused() {
        let circle = [
            step(0, 1, Some(2)),
            step(1, 1, Some(0)),
            step(2, 1, Some(1)),
        ];
        let e = critical_path(&circle).unwrap_err();
        assert_eq!(e.field(), Some("steps[0].waits_for"));
        assert!(
            e.to_string()
                .contains("circle: step 0 → step 2 → step 1 → step 0"),
            "{e}"
        );
        let own = [step(0, 1, Some(0))];
        assert!(critical_path(&own)
            .unwrap_err()
            .to_string()
            .contains("itself"));
        let missing = [step(0, 1, None), step(1, 1, Some(9))];
        let e = critical_path(&missing).unwrap_err();
        assert_eq!(
            (e.field(), e.value()),
            (Some("steps[1].waits_for"), Some("s9"))
        );
    }

    /// Steps whose links point only to earlier steps (so there is no circle).
    fn forest() -> impl Strategy<Value = Vec<Step>> {
        prop::collection::vec(
            (0u32..400, any::<prop::sample::Index>(), any::<bool>()),
            1..40,
        )
        .prop_map(|raw| {
            raw.into_iter()
                .enumerate()
                .map(|(n, (days, pick, linked))| {
                    let waits = (n > 0 && linked).then(|| pick.index(n));
                    step(n, days, waits)
                })
                .collect()
        })
    }

    proptest! {
        #[test]
        fn never_shorter_than_the_longest_step(steps in forest()) {
            let path = critical_path(&steps).unwrap();
            let longest = steps.iter().map(|s| s.duration_days).max().unwrap();
            prop_assert!(path.days >= longest);
            // Nor longer than all the steps one after another.
            prop_assert!(path.days <= steps.iter().map(|s| s.duration_days).sum::<u32>());
        }

        #[test]
        fn a_chain_takes_the_sum_of_its_steps(days in prop::collection::vec(0u32..400, 1..40), shuffle in any::<u64>()) {
            // A chain s0 → s1 → … listed in any order.
            let mut steps: Vec<Step> = days
                .iter()
                .enumerate()
                .map(|(n, &d)| step(n, d, n.checked_sub(1)))
                .collect();
            let len = steps.len();
            steps.rotate_left((shuffle as usize) % len);
            let path = critical_path(&steps).unwrap();
            prop_assert_eq!(path.days, days.iter().sum::<u32>());
            let expected: Vec<String> = (0..len).map(|n| format!("s{n}")).collect();
            prop_assert_eq!(path.step_ids, expected);
        }

        #[test]
        fn the_path_is_a_chain_whose_durations_add_up(steps in forest()) {
            let path = critical_path(&steps).unwrap();
            let by_id: HashMap<&str, &Step> = steps.iter().map(|s| (s.id.as_str(), s)).collect();
            let sum: u32 = path.step_ids.iter().map(|id| by_id[id.as_str()].duration_days).sum();
            prop_assert_eq!(sum, path.days);
            prop_assert_eq!(path.step_ends.iter().max().copied(), Some(path.days));
            for (step, end) in steps.iter().zip(&path.step_ends) {
                prop_assert!(*end >= step.duration_days);
            }
            prop_assert_eq!(by_id[path.step_ids[0].as_str()].waits_for.as_deref(), None);
            for pair in path.step_ids.windows(2) {
                prop_assert_eq!(by_id[pair[1].as_str()].waits_for.as_deref(), Some(pair[0].as_str()));
            }
        }
    }
}
