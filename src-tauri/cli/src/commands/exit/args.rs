//! The options of `prisk exit`, as clap reads them.

use clap::{Args, Subcommand};
use partner_risk_core::exit::{
    AlternativeKind, AlternativeReadiness, AssetKind, FinancialResult, OperationalResult,
    ScenarioKind, TestKind,
};

use super::options::{
    parse_alternative_kind, parse_asset_kind, parse_financial, parse_operational, parse_readiness,
    parse_scenario_kind, parse_test_kind,
};

// Parsed once per process, so the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
pub enum ExitCmd {
    /// Every partnership's exit readiness, notice deadline and next test, in one table.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Notice deadlines and exit tests due within the coming days (tests overdue too).
    Due {
        /// Days ahead.
        #[arg(long, default_value_t = 90)]
        within: u32,
        #[arg(long)]
        json: bool,
    },
    /// The whole plan: agreement and notice deadline, scenarios with their critical paths,
    /// data, assets, alternatives, tests and readiness.
    Show {
        /// Partnership id or exact name.
        partnership: String,
        #[arg(long)]
        json: bool,
    },
    /// Fill a plan without scenarios with the usual planned and stressed exits from a SaaS
    /// provider (steps, triggers, targets, success criteria), to edit.
    Start { partnership: String },
    /// Change the agreement and the plan-wide fields ("none" clears a value).
    Set(SetArgs),
    /// Scenarios (planned and stressed exits).
    #[command(subcommand)]
    Scenario(ScenarioCmd),
    /// A scenario's triggers: a checklist code or, for anything else, your own words.
    #[command(subcommand)]
    Trigger(TriggerCmd),
    /// A scenario's steps.
    #[command(subcommand)]
    Step(StepCmd),
    /// Data sets and what happens to them at exit.
    #[command(subcommand)]
    Data(DataCmd),
    /// Assets (code, models, trademarks, licences, escrowed source…) and who keeps them.
    #[command(subcommand)]
    Asset(AssetCmd),
    /// Alternatives: other providers or doing it in house.
    #[command(subcommand)]
    Alternative(AlternativeCmd),
    /// The log of exit tests.
    #[command(subcommand)]
    Test(TestCmd),
    /// Link risks of the register (by reference) and requirements (by code) to the plan.
    Link(LinkArgs),
    /// Remove links of the plan to risks and requirements.
    Unlink(LinkArgs),
    /// The exit plan as a PDF: cover, agreement and readiness, scenarios with their
    /// timelines, data and IP, alternatives, tests and sign-off.
    Pdf {
        partnership: String,
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// The gaps of the plan, each with its stable code, and the level
    /// (ready / gaps / not ready).
    Readiness {
        partnership: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
pub struct SetArgs {
    /// Partnership id or exact name.
    pub partnership: String,
    /// The agreement's start (YYYY-MM-DD or none).
    #[arg(long)]
    pub start: Option<String>,
    /// The last day of the initial term (YYYY-MM-DD or none).
    #[arg(long)]
    pub term_end: Option<String>,
    /// none or automatic.
    #[arg(long)]
    pub renewal: Option<String>,
    /// The length of an automatic renewal in months (or none).
    #[arg(long)]
    pub renewal_months: Option<String>,
    /// Days of notice we must give (or none).
    #[arg(long)]
    pub notice_ours: Option<String>,
    /// Days of notice the partner must give (or none).
    #[arg(long)]
    pub notice_partner: Option<String>,
    /// Whether we may end the agreement early without cause (yes or no).
    #[arg(long)]
    pub convenience: Option<String>,
    /// The fee for ending early, e.g. 25000 or "25000.00 EUR" (or none).
    #[arg(long)]
    pub termination_fee: Option<String>,
    /// Whether a change of control of the partner lets us end it (yes or no).
    #[arg(long)]
    pub change_of_control: Option<String>,
    #[arg(long)]
    pub change_of_control_note: Option<String>,
    /// The ISO 4217 currency of every amount of the plan.
    #[arg(long)]
    pub currency: Option<String>,
    /// not_substitutable, highly_complex, medium, easy (or none).
    #[arg(long)]
    pub substitutability: Option<String>,
    /// no_alternatives, difficult_migration, both (or none).
    #[arg(long)]
    pub substitutability_reason: Option<String>,
    /// easy, difficult, highly_complex (or none).
    #[arg(long)]
    pub reintegration: Option<String>,
    /// low, medium, high, not_assessed (or none).
    #[arg(long)]
    pub discontinuing_impact: Option<String>,
    #[arg(long)]
    pub exit_owner: Option<String>,
    #[arg(long)]
    pub decision_maker: Option<String>,
    #[arg(long)]
    pub communication_lead: Option<String>,
    /// A success criterion; repeat for several (they replace the list; "none" empties it).
    #[arg(long = "success-criterion")]
    pub success_criteria: Vec<String>,
    /// When the next exit test is due (YYYY-MM-DD or none: 12 months after the last).
    #[arg(long)]
    pub next_test_due: Option<String>,
}

#[derive(Args)]
pub struct LinkArgs {
    pub partnership: String,
    /// A risk's reference or id; repeat for several.
    #[arg(long = "risk")]
    pub risks: Vec<String>,
    /// A requirement's code or id; repeat for several.
    #[arg(long = "requirement")]
    pub requirements: Vec<String>,
}

#[derive(Args)]
pub struct ScenarioArgs {
    #[arg(long)]
    pub name: Option<String>,
    /// planned or stressed.
    #[arg(long, value_parser = parse_scenario_kind)]
    pub kind: Option<ScenarioKind>,
    /// A checklist trigger; repeat for several (they replace the checklist's ticks).
    #[arg(long = "trigger")]
    pub triggers: Vec<String>,
    /// A trigger in your own words; repeat for several (they replace the custom ones).
    #[arg(long = "custom-trigger")]
    pub custom_triggers: Vec<String>,
    /// The days the exit may take at most (or none).
    #[arg(long)]
    pub target_days: Option<String>,
    #[arg(long)]
    pub owner: Option<String>,
    /// The one-off cost's low end, in the plan's currency (or none).
    #[arg(long)]
    pub cost_low: Option<String>,
    /// The one-off cost's high end (or none).
    #[arg(long)]
    pub cost_high: Option<String>,
    /// The running cost per month during the transition (or none).
    #[arg(long)]
    pub running: Option<String>,
    #[arg(long)]
    pub notes: Option<String>,
}

#[derive(Args)]
pub struct StepArgs {
    #[arg(long)]
    pub title: Option<String>,
    #[arg(long)]
    pub owner: Option<String>,
    /// Days the step takes.
    #[arg(long)]
    pub days: Option<String>,
    /// The step this one starts after: its title or number (or none).
    #[arg(long)]
    pub after: Option<String>,
    /// not_started, in_progress or done.
    #[arg(long)]
    pub status: Option<String>,
}

#[derive(Args)]
pub struct DataArgs {
    #[arg(long)]
    pub name: Option<String>,
    /// Whether it holds personal data (yes or no).
    #[arg(long)]
    pub personal: Option<String>,
    /// returned, deleted, transferred, bought_out (or none).
    #[arg(long)]
    pub disposition: Option<String>,
    #[arg(long)]
    pub format: Option<String>,
    /// Days to move or delete it after the end (or none).
    #[arg(long)]
    pub window_days: Option<String>,
    /// us, partner, shared (or none).
    #[arg(long)]
    pub paid_by: Option<String>,
    /// Whether the partner must prove the deletion (yes or no).
    #[arg(long)]
    pub deletion_evidence: Option<String>,
}

#[derive(Args)]
pub struct AssetArgs {
    #[arg(long)]
    pub name: Option<String>,
    /// code, model, data, trademark, licence, escrowed_source, documentation, other.
    #[arg(long, value_parser = parse_asset_kind)]
    pub kind: Option<AssetKind>,
    /// joint_ownership, licence, assigned_to_us, assigned_to_partner (or none).
    #[arg(long)]
    pub disposition: Option<String>,
    #[arg(long)]
    pub notes: Option<String>,
}

#[derive(Args)]
pub struct AlternativeArgs {
    #[arg(long)]
    pub name: Option<String>,
    /// provider or in_house.
    #[arg(long, value_parser = parse_alternative_kind)]
    pub kind: Option<AlternativeKind>,
    /// identified, evaluated, contracted, ready.
    #[arg(long, value_parser = parse_readiness)]
    pub readiness: Option<AlternativeReadiness>,
    #[arg(long)]
    pub notes: Option<String>,
}

/// The verbs of a list of the plan whose items are named (`NAME` or number).
macro_rules! item_cmd {
    ($cmd:ident, $args:ident) => {
        #[derive(Subcommand)]
        pub enum $cmd {
            /// Add one.
            Add {
                partnership: String,
                #[command(flatten)]
                fields: $args,
            },
            /// Change one, named by its name or number.
            Set {
                partnership: String,
                item: String,
                #[command(flatten)]
                fields: $args,
            },
            /// Remove one, named by its name or number.
            Remove { partnership: String, item: String },
        }
    };
}

item_cmd!(ScenarioCmd, ScenarioArgs);
item_cmd!(DataCmd, DataArgs);
item_cmd!(AssetCmd, AssetArgs);
item_cmd!(AlternativeCmd, AlternativeArgs);

#[derive(Subcommand)]
pub enum TriggerCmd {
    /// Tick a checklist trigger, or add one in your own words.
    Add {
        partnership: String,
        scenario: String,
        trigger: String,
    },
    /// Untick a checklist trigger, or remove one of your own.
    Remove {
        partnership: String,
        scenario: String,
        trigger: String,
    },
}

#[derive(Subcommand)]
pub enum StepCmd {
    /// Add a step at the end of a scenario.
    Add {
        partnership: String,
        scenario: String,
        #[command(flatten)]
        fields: StepArgs,
    },
    /// Change a step, named by its title or number.
    Set {
        partnership: String,
        scenario: String,
        step: String,
        #[command(flatten)]
        fields: StepArgs,
    },
    /// Remove a step no other step waits for.
    Remove {
        partnership: String,
        scenario: String,
        step: String,
    },
    /// Move a step to another place in its scenario's list (the order it is listed and
    /// printed in; what it waits for does not change).
    Move {
        partnership: String,
        scenario: String,
        step: String,
        /// The new position, 1 for the first.
        #[arg(long, value_name = "N")]
        to: usize,
    },
}

#[derive(Subcommand)]
pub enum TestCmd {
    /// Record an exit test (the log is append-only).
    Add {
        partnership: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        /// desk_review, tabletop, dry_run_migration, partial_live_exit.
        #[arg(long, value_parser = parse_test_kind)]
        kind: TestKind,
        /// The scenario tested (name or number).
        #[arg(long)]
        scenario: Option<String>,
        /// pass, partial or fail.
        #[arg(long, value_parser = parse_operational)]
        operational: OperationalResult,
        /// pass, fail or not-assessed.
        #[arg(long, value_parser = parse_financial)]
        financial: FinancialResult,
        #[arg(long, default_value = "")]
        finding: String,
    },
    /// Turn a test's findings into an action on a risk the plan is linked to.
    Action {
        partnership: String,
        /// The test's number in `prisk exit test list`, or its id.
        test: String,
        /// The risk's reference or id (linked with `prisk exit link`).
        #[arg(long)]
        risk: String,
        /// The action's title (default: the test and its first finding).
        #[arg(long)]
        title: Option<String>,
        #[arg(long, default_value = "")]
        owner: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        due: Option<String>,
    },
    /// The tests, oldest first.
    List {
        partnership: String,
        #[arg(long)]
        json: bool,
    },
}
