//! The demo partnership: a realistic register built from the library, with invented
//! names, so that a new user (and every test and benchmark) has something to look at.
//! Everything is derived from positions, so the same call on the same day gives the
//! same register.

use chrono::{Days, NaiveDate};

use crate::error::{Error, Result};
use crate::library::{library, Seed, TemplateSelection};
use crate::matrix::{Matrix, Score};
use crate::model::{
    ActionStatus, Money, Partnership, PartnershipFields, RequirementStatus, RiskFields, RiskStatus,
    Stage, Treatment,
};
use crate::store::Store;

pub const DEMO_NAME: &str = "Northwind Analytics – claims triage AI";
/// The most generated risks `demo --risks` adds.
pub const MAX_EXTRA_RISKS: usize = 100_000;

const OWNERS: [&str; 7] = [
    "Maya Lindqvist",
    "Tomás Herrera",
    "Aiko Tanaka",
    "Priya Raman",
    "Jonas Becker",
    "Chloé Martin",
    "Kwame Mensah",
];

const WORKSTREAMS: [&str; 8] = [
    "claims intake",
    "fraud scoring",
    "customer portal",
    "data warehouse",
    "call-centre assist",
    "billing",
    "reporting",
    "mobile app",
];

/// A well-mixed number from a position (splitmix64), for deterministic variety.
fn mix(n: u64) -> u64 {
    let mut z = n.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn shift(today: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        today + Days::new(days as u64)
    } else {
        today - Days::new(days.unsigned_abs())
    }
}

fn lower(score: Score, by_likelihood: u8, by_impact: u8) -> Score {
    Score::new(
        score.likelihood.saturating_sub(by_likelihood).max(1),
        score.impact.saturating_sub(by_impact).max(1),
    )
}

impl Store {
    /// Creates the demo partnership, plus `extra` generated risks for scale tests.
    pub fn create_demo(&mut self, extra: usize, today: NaiveDate) -> Result<Partnership> {
        if extra > MAX_EXTRA_RISKS {
            return Err(Error::invalid(
                "risks",
                extra,
                format!("the demo adds at most {MAX_EXTRA_RISKS} generated risks"),
            ));
        }
        let taken: Vec<String> = self
            .partnerships(true)?
            .into_iter()
            .map(|p| p.fields.name)
            .collect();
        let name = (1..)
            .map(|n| match n {
                1 => DEMO_NAME.to_string(),
                n => format!("{DEMO_NAME} ({n})"),
            })
            .find(|name| !taken.contains(name))
            .expect("some name is free");
        let fields = PartnershipFields {
            name,
            partner: "Northwind Analytics GmbH".into(),
            description: "Pilot of Northwind's machine-learning claims triage service inside our \
                          claims platform: Northwind scores incoming claims, our handlers decide. \
                          Personal and health data cross the boundary; revenue is shared per \
                          processed claim."
                .into(),
            stage: Stage::Pilot,
            owner: "Maya Lindqvist".into(),
            archived: false,
        };
        let partnership = self.new_partnership(fields, "5x5")?;
        let matrix = self.matrix(&partnership.matrix_id)?;
        let templates = TemplateSelection::All.resolve()?;
        let mut seed = Seed::from_templates(&templates, &matrix);
        for (i, (_, risk, actions)) in seed.risks.iter_mut().enumerate() {
            dress_risk(i as u64, risk, today);
            for (a, action) in actions.iter_mut().enumerate() {
                let n = mix((i * 10 + a) as u64);
                action.owner = OWNERS[(i + a + 1) % OWNERS.len()].into();
                let due = shift(today, (a as i64) * 35 + (n % 75) as i64 - 40);
                action.due = Some(due);
                action.status = match (due < today, n % 3) {
                    (true, 0) => ActionStatus::Done,
                    (true, _) => ActionStatus::InProgress, // overdue
                    (false, 0) => ActionStatus::InProgress,
                    (false, _) => ActionStatus::Planned,
                };
                if n % 4 != 3 {
                    action.cost = Some(Money {
                        minor: ((n >> 8) % 60 + 1) as i64 * 250_000,
                        currency: "EUR".into(),
                    });
                }
            }
        }
        let statuses = [
            RequirementStatus::Verified,
            RequirementStatus::InPlace,
            RequirementStatus::InProgress,
            RequirementStatus::NotStarted,
            RequirementStatus::InProgress,
        ];
        for (i, (_, requirement)) in seed.requirements.iter_mut().enumerate() {
            requirement.status = statuses[i % statuses.len()];
            if requirement.status.is_in_place() {
                requirement.evidence = format!(
                    "Reviewed by {} on {}; document stored in the partnership folder.",
                    OWNERS[i % OWNERS.len()],
                    shift(today, -((i as i64 * 11) % 120) - 5)
                );
            }
        }
        let extra = generated_risks(extra, &matrix, today);
        self.write_seed(&partnership, seed, extra)?;
        Ok(partnership)
    }
}

/// Fills in what a real register has beyond the template: owner, residual and target
/// scores, status, review date.
fn dress_risk(i: u64, risk: &mut RiskFields, today: NaiveDate) {
    let n = mix(i);
    risk.owner = OWNERS[i as usize % OWNERS.len()].into();
    if let Some(inherent) = risk.inherent {
        let residual = if i % 7 == 3 {
            inherent // no control in place yet
        } else {
            lower(inherent, 1 + (n % 2) as u8, ((n >> 4) % 2) as u8)
        };
        risk.residual = Some(residual);
        risk.target = Some(lower(residual, ((n >> 8) % 2) as u8, 1));
    }
    risk.status = match i % 9 {
        0 | 4 | 7 => RiskStatus::Mitigating,
        8 => RiskStatus::Accepted,
        _ => RiskStatus::Open,
    };
    if risk.status == RiskStatus::Accepted {
        risk.treatment = Some(Treatment::Accept);
        risk.treatment_rationale =
            "Residual exposure is within appetite and further controls cost more than they save."
                .into();
        risk.acceptance_approver = "Steering committee".into();
        risk.acceptance_expiry = Some(shift(today, 180));
    } else if risk.treatment == Some(Treatment::Reduce) {
        risk.treatment_rationale =
            "Controls and actions below bring the risk within appetite.".into();
    }
    risk.next_review = Some(shift(today, (n >> 12) as i64 % 120 - 20));
}

/// `count` further risks, varied from the templates, for scale tests.
fn generated_risks(count: usize, matrix: &Matrix, today: NaiveDate) -> Vec<RiskFields> {
    let templates = &library().templates;
    let (lmax, imax) = matrix.size();
    (0..count)
        .map(|k| {
            let t = &templates[k % templates.len()];
            let round = k / templates.len();
            let n = mix(1_000_000 + k as u64);
            let inherent = Score::new(
                (n % lmax as u64) as u8 + 1,
                ((n >> 8) % imax as u64) as u8 + 1,
            );
            let mut risk = t.risk_fields(matrix);
            risk.title = format!(
                "{} ({}, #{})",
                t.title,
                WORKSTREAMS[round % WORKSTREAMS.len()],
                round + 1
            );
            risk.inherent = Some(inherent);
            risk.residual = Some(lower(
                inherent,
                ((n >> 16) % 3) as u8,
                ((n >> 20) % 2) as u8,
            ));
            risk.owner = OWNERS[(n >> 24) as usize % OWNERS.len()].into();
            risk.status = if n.is_multiple_of(5) {
                RiskStatus::Mitigating
            } else {
                RiskStatus::Open
            };
            risk.next_review = Some(shift(today, (n >> 32) as i64 % 365 - 30));
            risk
        })
        .collect()
}
