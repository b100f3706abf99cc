//! The domain: partnerships, categories, risks, actions and requirements.
//!
//! Each entity is split into the fields a user edits (`*Fields`, used to create and to
//! update) and the record the store keeps (id, reference, timestamps and the fields).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::matrix::Score;
use crate::money::LossEstimate;

/// Declares a closed set of values stored and exchanged as snake_case strings.
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident, $label:literal { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, TS)]
        #[ts(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses the stored form; `field` names the input in the error.
            pub fn parse(text: &str, field: &str) -> Result<Self> {
                match text {
                    $($text => Ok($name::$variant),)+
                    _ => Err(Error::invalid(
                        field,
                        text,
                        format!("expected one of {}", [$($text),+].join(", ")),
                    )),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                $name::parse(&text, $label).map_err(serde::de::Error::custom)
            }
        }
    };
}

pub(crate) use string_enum;

string_enum!(
    /// Where a partnership is in its life.
    Stage, "stage" {
        Exploring => "exploring",
        Pilot => "pilot",
        LimitedLaunch => "limited_launch",
        FullLaunch => "full_launch",
        Exiting => "exiting",
        Ended => "ended",
    }
);

string_enum!(
    RiskStatus, "status" {
        Open => "open",
        Mitigating => "mitigating",
        Accepted => "accepted",
        Closed => "closed",
    }
);

string_enum!(
    Treatment, "treatment" {
        Avoid => "avoid",
        Reduce => "reduce",
        Transfer => "transfer",
        Share => "share",
        Accept => "accept",
    }
);

string_enum!(
    ActionStatus, "status" {
        Planned => "planned",
        InProgress => "in_progress",
        Done => "done",
        Cancelled => "cancelled",
    }
);

string_enum!(
    RequirementStatus, "status" {
        NotStarted => "not_started",
        InProgress => "in_progress",
        InPlace => "in_place",
        Verified => "verified",
        NotApplicable => "not_applicable",
    }
);

impl ActionStatus {
    /// Whether an action in this status still has work to do (and so can be overdue).
    pub fn is_open(self) -> bool {
        matches!(self, ActionStatus::Planned | ActionStatus::InProgress)
    }
}

impl RequirementStatus {
    pub fn is_in_place(self) -> bool {
        matches!(
            self,
            RequirementStatus::InPlace
                | RequirementStatus::Verified
                | RequirementStatus::NotApplicable
        )
    }
}

/// The three assessments a risk can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ScoreKind {
    Inherent,
    Residual,
    Target,
}

impl ScoreKind {
    pub const ALL: [ScoreKind; 3] = [ScoreKind::Inherent, ScoreKind::Residual, ScoreKind::Target];

    pub fn as_str(self) -> &'static str {
        match self {
            ScoreKind::Inherent => "inherent",
            ScoreKind::Residual => "residual",
            ScoreKind::Target => "target",
        }
    }

    pub fn parse(text: &str, field: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == text)
            .ok_or_else(|| Error::invalid(field, text, "expected inherent, residual or target"))
    }
}

// ---------------------------------------------------------------------------------------
// Partnerships

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PartnershipFields {
    pub name: String,
    #[serde(default)]
    pub partner: String,
    #[serde(default)]
    pub description: String,
    pub stage: Stage,
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub archived: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Partnership {
    pub id: String,
    /// The scoring matrix every risk of the partnership is scored on.
    pub matrix_id: String,
    #[serde(flatten)]
    pub fields: PartnershipFields,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl PartnershipFields {
    pub fn new(name: impl Into<String>) -> Self {
        PartnershipFields {
            name: name.into(),
            partner: String::new(),
            description: String::new(),
            stage: Stage::Exploring,
            owner: String::new(),
            archived: false,
        }
    }

    pub fn validate(&self) -> Result<()> {
        require_text("name", &self.name, 200)?;
        limit_text("partner", &self.partner, 200)?;
        limit_text("description", &self.description, 20_000)?;
        limit_text("owner", &self.owner, 200)
    }
}

// ---------------------------------------------------------------------------------------
// Categories

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Category {
    /// Stable identifier, lowercase snake_case (e.g. `data_protection`).
    pub code: String,
    pub name: String,
    /// Two to four capital letters that start the references of its risks (e.g. `TEC`).
    pub prefix: String,
    #[serde(default)]
    pub built_in: bool,
}

impl Category {
    pub fn validate(&self) -> Result<()> {
        let code_ok = !self.code.is_empty()
            && self.code.len() <= 40
            && self.code.starts_with(|c: char| c.is_ascii_lowercase())
            && self
                .code
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !code_ok {
            return Err(Error::invalid(
                "code",
                &self.code,
                "a category code is 1-40 lowercase letters, digits or _ and starts with a letter",
            ));
        }
        require_text("name", &self.name, 100)?;
        let prefix_ok = (2..=4).contains(&self.prefix.len())
            && self.prefix.chars().all(|c| c.is_ascii_uppercase());
        if !prefix_ok {
            return Err(Error::invalid(
                "prefix",
                &self.prefix,
                "a prefix is 2 to 4 capital letters A-Z",
            ));
        }
        Ok(())
    }
}

/// The categories every workspace starts with.
pub fn built_in_categories() -> Vec<Category> {
    [
        ("technical", "Technical", "TEC"),
        ("financial", "Financial", "FIN"),
        ("regulatory", "Regulatory", "REG"),
        ("exit", "Exit", "EXT"),
        ("security", "Security", "SEC"),
        ("data_protection", "Data protection", "DPR"),
        ("intellectual_property", "Intellectual property", "IPR"),
        ("operational", "Operational", "OPS"),
    ]
    .into_iter()
    .map(|(code, name, prefix)| Category {
        code: code.into(),
        name: name.into(),
        prefix: prefix.into(),
        built_in: true,
    })
    .collect()
}

// ---------------------------------------------------------------------------------------
// Risks

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RiskFields {
    /// Category code.
    pub category: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub cause: String,
    #[serde(default)]
    pub consequence: String,
    #[serde(default)]
    pub owner: String,
    pub status: RiskStatus,
    #[serde(default)]
    pub treatment: Option<Treatment>,
    #[serde(default)]
    pub treatment_rationale: String,
    /// Who accepted the risk; required when the treatment is `accept`.
    #[serde(default)]
    pub acceptance_approver: String,
    /// Until when the acceptance holds; required when the treatment is `accept`.
    #[serde(default)]
    pub acceptance_expiry: Option<NaiveDate>,
    #[serde(default)]
    pub inherent: Option<Score>,
    #[serde(default)]
    pub residual: Option<Score>,
    #[serde(default)]
    pub target: Option<Score>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub next_review: Option<NaiveDate>,
    /// The money estimate of each stage beside its score (how often, how much per
    /// event), in the partnership's currency; absent when none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub inherent_loss: Option<LossEstimate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub residual_loss: Option<LossEstimate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub target_loss: Option<LossEstimate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Risk {
    pub id: String,
    pub partnership_id: String,
    /// Category prefix and number, unique in the partnership and never changed (e.g. `TEC-004`).
    pub reference: String,
    #[serde(flatten)]
    pub fields: RiskFields,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl RiskFields {
    pub fn new(category: impl Into<String>, title: impl Into<String>) -> Self {
        RiskFields {
            category: category.into(),
            title: title.into(),
            description: String::new(),
            cause: String::new(),
            consequence: String::new(),
            owner: String::new(),
            status: RiskStatus::Open,
            treatment: None,
            treatment_rationale: String::new(),
            acceptance_approver: String::new(),
            acceptance_expiry: None,
            inherent: None,
            residual: None,
            target: None,
            tags: Vec::new(),
            next_review: None,
            inherent_loss: None,
            residual_loss: None,
            target_loss: None,
        }
    }

    /// The fields as they are stored: names trimmed of surrounding spaces.
    pub fn normalised(mut self) -> Self {
        for text in [
            &mut self.title,
            &mut self.owner,
            &mut self.acceptance_approver,
        ] {
            let trimmed = text.trim();
            if trimmed.len() != text.len() {
                *text = trimmed.to_string();
            }
        }
        self
    }

    pub fn score(&self, kind: ScoreKind) -> Option<Score> {
        match kind {
            ScoreKind::Inherent => self.inherent,
            ScoreKind::Residual => self.residual,
            ScoreKind::Target => self.target,
        }
    }

    pub fn score_mut(&mut self, kind: ScoreKind) -> &mut Option<Score> {
        match kind {
            ScoreKind::Inherent => &mut self.inherent,
            ScoreKind::Residual => &mut self.residual,
            ScoreKind::Target => &mut self.target,
        }
    }

    pub fn loss(&self, kind: ScoreKind) -> Option<&LossEstimate> {
        match kind {
            ScoreKind::Inherent => self.inherent_loss.as_ref(),
            ScoreKind::Residual => self.residual_loss.as_ref(),
            ScoreKind::Target => self.target_loss.as_ref(),
        }
    }

    pub fn loss_mut(&mut self, kind: ScoreKind) -> &mut Option<LossEstimate> {
        match kind {
            ScoreKind::Inherent => &mut self.inherent_loss,
            ScoreKind::Residual => &mut self.residual_loss,
            ScoreKind::Target => &mut self.target_loss,
        }
    }

    /// Checks everything that does not need the matrix (the store checks the scores
    /// against the partnership's matrix).
    pub fn validate(&self) -> Result<()> {
        require_text("title", &self.title, 300)?;
        for (field, text) in [
            ("description", &self.description),
            ("cause", &self.cause),
            ("consequence", &self.consequence),
            ("treatment_rationale", &self.treatment_rationale),
        ] {
            limit_text(field, text, 20_000)?;
        }
        limit_text("owner", &self.owner, 200)?;
        limit_text("acceptance_approver", &self.acceptance_approver, 200)?;
        check_date_opt("acceptance_expiry", self.acceptance_expiry)?;
        check_date_opt("next_review", self.next_review)?;
        if self.treatment == Some(Treatment::Accept) {
            if self.acceptance_approver.trim().is_empty() {
                return Err(Error::invalid(
                    "acceptance_approver",
                    "",
                    "an accepted risk needs the name of who approved the acceptance",
                ));
            }
            if self.acceptance_expiry.is_none() {
                return Err(Error::invalid(
                    "acceptance_expiry",
                    "",
                    "an accepted risk needs the date its acceptance expires",
                ));
            }
        }
        for kind in ScoreKind::ALL {
            if let Some(estimate) = self.loss(kind) {
                estimate.validate(&format!("{}_loss", kind.as_str()))?;
            }
        }
        for (i, tag) in self.tags.iter().enumerate() {
            let field = format!("tags[{i}]");
            require_text(&field, tag, 50)?;
            if tag.chars().any(|c| c.is_whitespace() || c == ',') {
                return Err(Error::invalid(
                    field,
                    tag,
                    "a tag is one word (no spaces or commas)",
                ));
            }
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------
// Actions

/// An amount of money in minor units (cents) of an ISO 4217 currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Money {
    pub minor: i64,
    pub currency: String,
}

impl Money {
    pub fn validate(&self, field: &str) -> Result<()> {
        if self.minor < 0 {
            return Err(Error::invalid(
                format!("{field}.minor"),
                self.minor,
                "a cost cannot be negative",
            ));
        }
        if self.currency.len() != 3 || !self.currency.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(Error::invalid(
                format!("{field}.currency"),
                &self.currency,
                "a currency is a three-letter ISO 4217 code such as EUR",
            ));
        }
        Ok(())
    }

    /// Parses `12500.50 EUR` or `EUR 12500.50` (two decimals at most).
    pub fn parse(text: &str, field: &str) -> Result<Self> {
        let bad = || {
            Error::invalid(
                field,
                text,
                "expected an amount and a currency, e.g. \"12500.50 EUR\"",
            )
        };
        let parts: Vec<&str> = text.split_whitespace().collect();
        let (amount, currency) = match parts.as_slice() {
            [a, c] if c.chars().all(|c| c.is_ascii_alphabetic()) => (*a, *c),
            [c, a] if c.chars().all(|c| c.is_ascii_alphabetic()) => (*a, *c),
            _ => return Err(bad()),
        };
        let (whole, cents) = match amount.split_once('.') {
            Some((w, c)) if (1..=2).contains(&c.len()) => (w, format!("{c:0<2}")),
            Some(_) => return Err(bad()),
            None => (amount, "00".to_string()),
        };
        if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit()) {
            return Err(bad());
        }
        let minor = whole
            .parse::<i64>()
            .ok()
            .and_then(|w| w.checked_mul(100))
            .and_then(|w| w.checked_add(cents.parse::<i64>().ok()?))
            .ok_or_else(bad)?;
        let money = Money {
            minor,
            currency: currency.to_ascii_uppercase(),
        };
        money.validate(field)?;
        Ok(money)
    }
}

impl std::fmt::Display for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}.{:02} {}",
            self.minor / 100,
            self.minor % 100,
            self.currency
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ActionFields {
    pub title: String,
    #[serde(default)]
    pub detail: String,
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub due: Option<NaiveDate>,
    pub status: ActionStatus,
    #[serde(default)]
    pub cost: Option<Money>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Action {
    pub id: String,
    pub risk_id: String,
    #[serde(flatten)]
    pub fields: ActionFields,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl ActionFields {
    pub fn new(title: impl Into<String>) -> Self {
        ActionFields {
            title: title.into(),
            detail: String::new(),
            owner: String::new(),
            due: None,
            status: ActionStatus::Planned,
            cost: None,
        }
    }

    pub fn validate(&self) -> Result<()> {
        require_text("title", &self.title, 300)?;
        limit_text("detail", &self.detail, 20_000)?;
        limit_text("owner", &self.owner, 200)?;
        check_date_opt("due", self.due)?;
        if let Some(cost) = &self.cost {
            cost.validate("cost")?;
        }
        Ok(())
    }

    /// Overdue is derived from the due date and the status, never stored.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status.is_open() && self.due.is_some_and(|due| due < today)
    }
}

// ---------------------------------------------------------------------------------------
// Requirements (controls)

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RequirementFields {
    pub code: String,
    pub title: String,
    #[serde(default)]
    pub area: String,
    /// What "in place" looks like.
    #[serde(default)]
    pub description: String,
    pub status: RequirementStatus,
    #[serde(default)]
    pub evidence: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Requirement {
    pub id: String,
    pub partnership_id: String,
    #[serde(flatten)]
    pub fields: RequirementFields,
    /// Ids of the risks this requirement mitigates.
    pub risk_ids: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl RequirementFields {
    pub fn validate(&self) -> Result<()> {
        require_text("code", &self.code, 40)?;
        require_text("title", &self.title, 300)?;
        limit_text("area", &self.area, 100)?;
        limit_text("description", &self.description, 20_000)?;
        limit_text("evidence", &self.evidence, 20_000)
    }
}

// ---------------------------------------------------------------------------------------
// Shared input rules: in `rules`, the floor below the model, so that the matrix and the
// error's wording use them without importing the model.

pub use crate::rules::{check_date, check_date_opt, parse_date, FIRST_YEAR, LAST_YEAR};
pub(crate) use crate::rules::{limit_text, require_text};
