//! Exit plans: the way out of a partnership, kept per partnership.
//!
//! The agreement's dates and notice periods, the plan-wide assessment (the DORA Register of
//! Information's B_07.01 vocabularies), the scenarios (planned and stressed) with their
//! triggers, steps and costs, what happens to data and to assets at exit, the
//! alternatives, and the log of exit tests. Everything else is derived here, never typed:
//! the last day to give notice ([`notice`]), the critical path of a scenario's steps
//! ([`path`]) and the plan's readiness with its gaps ([`readiness`]).
//!
//! A domain floor: it uses errors, ids, the input rules and the model, never the store.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::model::string_enum;

mod edit;
pub mod notice;
pub mod path;
pub mod readiness;
pub mod starter;
mod validate;

pub use edit::{ExitPlanView, REMINDER_DAYS};
pub use notice::{notice_deadline, NoticeDeadline, Side};
pub use path::{critical_path, CriticalPath};
pub use readiness::{readiness, Gap, GapCode, Readiness, ReadinessLevel, Severity};
pub use starter::saas_starter;

string_enum!(
    /// Whether the agreement renews itself at the end of its term.
    Renewal, "agreement.renewal" {
        None => "none",
        Automatic => "automatic",
    }
);

string_enum!(
    /// A planned exit (end of term, for convenience, a change of strategy) or a stressed one
    /// (the partner's insolvency, a sudden failure).
    ScenarioKind, "kind" {
        Planned => "planned",
        Stressed => "stressed",
    }
);

string_enum!(
    /// What sets a scenario off: the termination circumstances of DORA Art. 28(7), and the
    /// usual others. Anything else is a custom trigger (text).
    Trigger, "trigger" {
        BreachOfLawOrContract => "breach_of_law_or_contract",
        ProviderChange => "provider_change",
        IctRiskWeakness => "ict_risk_weakness",
        SupervisionImpeded => "supervision_impeded",
        Insolvency => "insolvency",
        ChangeOfControl => "change_of_control",
        SlaBreach => "sla_breach",
    }
);

impl Trigger {
    /// What the trigger means, for people.
    pub fn label(self) -> &'static str {
        match self {
            Trigger::BreachOfLawOrContract => {
                "significant breach of law, regulation or contractual terms by the partner"
            }
            Trigger::ProviderChange => {
                "monitoring findings or a material change at the partner that alter the service"
            }
            Trigger::IctRiskWeakness => {
                "weaknesses in the partner's ICT risk management (security, integrity of data)"
            }
            Trigger::SupervisionImpeded => {
                "the supervisor can no longer effectively supervise the arrangement"
            }
            Trigger::Insolvency => "the partner's insolvency or sudden failure",
            Trigger::ChangeOfControl => "a change of control of the partner",
            Trigger::SlaBreach => "persistent breach of the service levels",
        }
    }
}

string_enum!(
    StepStatus, "status" {
        NotStarted => "not_started",
        InProgress => "in_progress",
        Done => "done",
    }
);

string_enum!(
    /// B_07.01 "substitutability of the ICT third-party service provider".
    Substitutability, "substitutability" {
        NotSubstitutable => "not_substitutable",
        HighlyComplex => "highly_complex",
        Medium => "medium",
        Easy => "easy",
    }
);

string_enum!(
    /// B_07.01 "reason if the provider is considered not substitutable or difficult to
    /// substitute".
    SubstitutabilityReason, "substitutability_reason" {
        NoAlternatives => "no_alternatives",
        DifficultMigration => "difficult_migration",
        Both => "both",
    }
);

string_enum!(
    /// B_07.01 "possibility of reintegration of the contracted ICT service".
    Reintegration, "reintegration" {
        Easy => "easy",
        Difficult => "difficult",
        HighlyComplex => "highly_complex",
    }
);

string_enum!(
    /// B_07.01 "impact of discontinuing the ICT services".
    DiscontinuingImpact, "discontinuing_impact" {
        Low => "low",
        Medium => "medium",
        High => "high",
        NotAssessed => "not_assessed",
    }
);

string_enum!(
    DataDisposition, "disposition" {
        Returned => "returned",
        Deleted => "deleted",
        Transferred => "transferred",
        BoughtOut => "bought_out",
    }
);

string_enum!(
    /// Who pays for moving or deleting a data set.
    Payer, "paid_by" {
        Us => "us",
        Partner => "partner",
        Shared => "shared",
    }
);

string_enum!(
    AssetKind, "kind" {
        Code => "code",
        Model => "model",
        Data => "data",
        Trademark => "trademark",
        Licence => "licence",
        EscrowedSource => "escrowed_source",
        Documentation => "documentation",
        Other => "other",
    }
);

string_enum!(
    AssetDisposition, "disposition" {
        JointOwnership => "joint_ownership",
        Licence => "licence",
        AssignedToUs => "assigned_to_us",
        AssignedToPartner => "assigned_to_partner",
    }
);

string_enum!(
    AlternativeKind, "kind" {
        Provider => "provider",
        InHouse => "in_house",
    }
);

string_enum!(
    /// How far an alternative is from taking over.
    AlternativeReadiness, "readiness" {
        Identified => "identified",
        Evaluated => "evaluated",
        Contracted => "contracted",
        Ready => "ready",
    }
);

string_enum!(
    TestKind, "kind" {
        DeskReview => "desk_review",
        Tabletop => "tabletop",
        DryRunMigration => "dry_run_migration",
        PartialLiveExit => "partial_live_exit",
    }
);

string_enum!(
    /// Whether the exit worked as planned in the test.
    OperationalResult, "operational" {
        Pass => "pass",
        Partial => "partial",
        Fail => "fail",
    }
);

string_enum!(
    /// Whether the exit was affordable in the test.
    FinancialResult, "financial" {
        Pass => "pass",
        Fail => "fail",
        NotAssessed => "not_assessed",
    }
);

/// The agreement's term and how each side can end it. Every field may be unknown; the
/// gaps of [`readiness`] say which are missing.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct Agreement {
    pub start: Option<NaiveDate>,
    /// The last day of the initial term.
    pub initial_term_end: Option<NaiveDate>,
    pub renewal: Renewal,
    /// The length of each automatic renewal, in months (required when the renewal is
    /// automatic, absent otherwise).
    pub renewal_months: Option<u32>,
    /// Days of notice we must give before the end of a term to leave at its end.
    pub notice_days_ours: Option<u32>,
    /// Days of notice the partner must give.
    pub notice_days_partner: Option<u32>,
    /// Whether we may end the agreement early without cause.
    pub termination_for_convenience: bool,
    /// The fee for ending it early, in minor units of the plan's currency.
    pub termination_fee: Option<i64>,
    /// Whether a change of control of the partner lets us end the agreement.
    pub change_of_control: bool,
    pub change_of_control_note: String,
}

// The enum comes from `string_enum!`, which cannot mark a variant `#[default]`.
#[allow(clippy::derivable_impls)]
impl Default for Renewal {
    fn default() -> Self {
        Renewal::None
    }
}

/// Who does what in an exit.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct Roles {
    pub exit_owner: String,
    pub decision_maker: String,
    pub communication_lead: String,
}

/// What leaving would cost, in minor units of the plan's currency.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct CostEstimate {
    /// The one-off cost of the exit: the low end of the range.
    pub one_off_low: Option<i64>,
    /// The one-off cost of the exit: the high end of the range.
    pub one_off_high: Option<i64>,
    /// The running cost per month during the transition (both services paid, say).
    pub running_monthly: Option<i64>,
}

impl CostEstimate {
    pub fn is_empty(&self) -> bool {
        self.one_off_low.is_none() && self.one_off_high.is_none() && self.running_monthly.is_none()
    }
}

/// One step of a scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub owner: String,
    /// Days the step takes (0 for a milestone).
    pub duration_days: u32,
    /// The id of the step of the same scenario this one starts after, if any.
    #[serde(default)]
    pub waits_for: Option<String>,
    pub status: StepStatus,
}

/// A way out: planned or stressed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub id: String,
    /// Unique in the plan (the CLI names scenarios by it).
    pub name: String,
    pub kind: ScenarioKind,
    #[serde(default)]
    pub triggers: Vec<Trigger>,
    /// Triggers of the checklist's "other" line, in words.
    #[serde(default)]
    pub custom_triggers: Vec<String>,
    /// The days the exit must take at most, from the decision to leave.
    #[serde(default)]
    pub target_days: Option<u32>,
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub steps: Vec<Step>,
    #[serde(default)]
    pub cost: CostEstimate,
    #[serde(default)]
    pub notes: String,
}

impl Scenario {
    pub fn new(id: impl Into<String>, name: impl Into<String>, kind: ScenarioKind) -> Self {
        Scenario {
            id: id.into(),
            name: name.into(),
            kind,
            triggers: Vec::new(),
            custom_triggers: Vec::new(),
            target_days: None,
            owner: String::new(),
            steps: Vec::new(),
            cost: CostEstimate::default(),
            notes: String::new(),
        }
    }

    /// Whether any trigger, from the checklist or custom, is set.
    pub fn has_triggers(&self) -> bool {
        !self.triggers.is_empty() || !self.custom_triggers.is_empty()
    }
}

/// A data set and what happens to it at exit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DataSet {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub personal_data: bool,
    #[serde(default)]
    pub disposition: Option<DataDisposition>,
    /// The format it leaves in (e.g. "CSV + attachments", "PostgreSQL dump").
    #[serde(default)]
    pub format: String,
    /// Days to move or delete it after the end (a window under
    /// [`readiness::MIN_DATA_WINDOW_DAYS`] is a gap).
    #[serde(default)]
    pub window_days: Option<u32>,
    #[serde(default)]
    pub paid_by: Option<Payer>,
    /// Whether the partner must prove the deletion (a certificate).
    #[serde(default)]
    pub deletion_evidence: bool,
}

/// An asset (code, models, trademarks, licences, escrowed source…) and who keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Asset {
    pub id: String,
    pub name: String,
    pub kind: AssetKind,
    #[serde(default)]
    pub disposition: Option<AssetDisposition>,
    #[serde(default)]
    pub notes: String,
}

/// Another provider, or doing it in house.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Alternative {
    pub id: String,
    pub name: String,
    pub kind: AlternativeKind,
    pub readiness: AlternativeReadiness,
    #[serde(default)]
    pub notes: String,
}

/// The exit plan of one partnership: the agreement, the plan-wide assessment and the
/// lists. An empty plan is the default; the store keeps one per partnership.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct ExitPlan {
    pub agreement: Agreement,
    /// The ISO 4217 currency of every amount of the plan (the fee, the costs); required
    /// once an amount is given.
    pub currency: String,
    pub substitutability: Option<Substitutability>,
    pub substitutability_reason: Option<SubstitutabilityReason>,
    pub reintegration: Option<Reintegration>,
    pub discontinuing_impact: Option<DiscontinuingImpact>,
    pub roles: Roles,
    /// What a successful exit looks like, one criterion a line.
    pub success_criteria: Vec<String>,
    /// When the next exit test is due, when set; otherwise 12 months after the last.
    pub next_test_due: Option<NaiveDate>,
    pub scenarios: Vec<Scenario>,
    pub data_sets: Vec<DataSet>,
    pub assets: Vec<Asset>,
    pub alternatives: Vec<Alternative>,
    /// The ids of the partnership's risks the plan mitigates (its exit risks, say). A
    /// risk deleted since drops out of the list.
    pub risk_ids: Vec<String>,
    /// The ids of the partnership's requirements the plan relies on or fulfils.
    pub requirement_ids: Vec<String>,
}

impl ExitPlan {
    /// Whether nothing at all has been written in the plan.
    pub fn is_empty(&self) -> bool {
        *self == ExitPlan::default()
    }

    /// Gives every item that has no id yet (a new scenario, step, data set, asset or
    /// alternative from the window or the CLI) a new one.
    pub fn assign_ids(&mut self) {
        let fill = |id: &mut String| {
            if id.trim().is_empty() {
                *id = crate::ids::new_id();
            }
        };
        for s in &mut self.scenarios {
            fill(&mut s.id);
            s.steps.iter_mut().for_each(|step| fill(&mut step.id));
        }
        self.data_sets.iter_mut().for_each(|d| fill(&mut d.id));
        self.assets.iter_mut().for_each(|a| fill(&mut a.id));
        self.alternatives.iter_mut().for_each(|a| fill(&mut a.id));
    }

    /// The scenario with this name (any case) or 1-based position.
    pub fn find_scenario(&self, key: &str, field: &str) -> Result<usize> {
        find_named(self.scenarios.iter().map(|s| s.name.as_str()), key)
            .ok_or_else(|| Error::not_found("scenario", field, key))
    }
}

/// The index of the item whose name is `key` (trimmed, any case), else of the item at the
/// 1-based position `key`.
pub fn find_named<'a>(names: impl Iterator<Item = &'a str> + Clone, key: &str) -> Option<usize> {
    let key = key.trim();
    names
        .clone()
        .position(|n| n.trim().eq_ignore_ascii_case(key))
        .or_else(|| {
            let n: usize = key.parse().ok()?;
            (1..=names.count()).contains(&n).then(|| n - 1)
        })
}

/// What a user records about one exit test.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ExitTestFields {
    pub date: NaiveDate,
    pub kind: TestKind,
    /// The scenario tested (its id), if the test was about one.
    #[serde(default)]
    pub scenario_id: Option<String>,
    pub operational: OperationalResult,
    pub financial: FinancialResult,
    #[serde(default)]
    pub findings: String,
}

/// An exit test as the log keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExitTest {
    pub id: String,
    #[serde(flatten)]
    pub fields: ExitTestFields,
    /// The scenario's name when the test was recorded (kept if it is renamed or removed).
    #[serde(default)]
    pub scenario: String,
    pub recorded_by: String,
    pub recorded_at: chrono::DateTime<chrono::Utc>,
}

impl ExitTestFields {
    /// Whether the test showed that the exit would not work or not be affordable.
    pub fn failed(&self) -> bool {
        self.operational == OperationalResult::Fail || self.financial == FinancialResult::Fail
    }
}
