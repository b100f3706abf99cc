//! The analyst's review: decisions on risks, the cadence of the next review and the
//! review queue. The store keeps reviews append-only (see `store/reviews.rs`); this
//! module holds the types and the pure rules (validation, date arithmetic, digests),
//! with `today` always passed in: no clock here.

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::matrix::Score;
use crate::model::{limit_text, string_enum, RiskFields};

pub mod acceptance;

/// The review interval of a risk without any score (no level to take it from).
pub const UNSCORED_REVIEW_DAYS: u32 = 90;
/// A risk due within this many days (today included) is "due soon".
pub const DUE_SOON_DAYS: u32 = 14;
/// The longest snooze.
pub const MAX_SNOOZE_DAYS: u32 = 365;

string_enum!(
    /// What the analyst decided about a risk.
    ReviewDecision, "decision" {
        NoChange => "no_change",
        Rescore => "rescore",
        Accept => "accept",
        Mitigate => "mitigate",
        Escalate => "escalate",
        Close => "close",
    }
);

string_enum!(
    /// How the next review date of a review was set.
    NextReviewSource, "next_review_source" {
        LevelInterval => "level_interval",
        Custom => "custom",
        Snooze => "snooze",
    }
);

string_enum!(
    /// Where a risk stands in the review cadence.
    ReviewState, "state" {
        Unreviewed => "unreviewed",
        PastDue => "past_due",
        DueSoon => "due_soon",
        Scheduled => "scheduled",
    }
);

impl ReviewState {
    /// The state of a risk last reviewed with next review `due` (`None`: never reviewed).
    pub fn of(due: Option<NaiveDate>, today: NaiveDate) -> ReviewState {
        match due {
            None => ReviewState::Unreviewed,
            Some(d) if d < today => ReviewState::PastDue,
            Some(d) if d <= add_days(today, DUE_SOON_DAYS) => ReviewState::DueSoon,
            Some(_) => ReviewState::Scheduled,
        }
    }

    /// Queue order: unreviewed, past due, due soon (scheduled risks are not queued).
    pub fn rank(self) -> u8 {
        match self {
            ReviewState::Unreviewed => 0,
            ReviewState::PastDue => 1,
            ReviewState::DueSoon => 2,
            ReviewState::Scheduled => 3,
        }
    }
}

/// `date` + `days`, saturating at the last representable date.
pub fn add_days(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX)
}

/// The next review after a review on `reviewed_on`: the risk's custom date when set,
/// else the review interval of its level.
pub fn next_review(
    reviewed_on: NaiveDate,
    custom: Option<NaiveDate>,
    review_days: Option<u32>,
) -> NaiveDate {
    custom.unwrap_or_else(|| add_days(reviewed_on, review_days.unwrap_or(UNSCORED_REVIEW_DAYS)))
}

/// SHA-256 (hex) of a risk's assessed fields: scores, status, treatment and acceptance.
/// A review whose digest differs from its risk's current one is outdated.
pub fn digest(fields: &RiskFields) -> String {
    let score = |s: Option<Score>| match s {
        Some(s) => format!("{},{}", s.likelihood, s.impact),
        None => "-".into(),
    };
    let text = format!(
        "inherent={}\nresidual={}\ntarget={}\nstatus={}\ntreatment={}\napprover={}\nexpiry={}\n",
        score(fields.inherent),
        score(fields.residual),
        score(fields.target),
        fields.status.as_str(),
        fields.treatment.map(|t| t.as_str()).unwrap_or("-"),
        fields.acceptance_approver,
        fields
            .acceptance_expiry
            .map(|d| d.to_string())
            .unwrap_or_else(|| "-".into()),
    );
    let hash = Sha256::digest(text.as_bytes());
    hash.iter().map(|b| format!("{b:02x}")).collect()
}

/// What the analyst enters for one review. Fields that a decision does not use must be
/// left empty; they are refused otherwise, so that nothing is silently dropped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReviewFields {
    pub decision: ReviewDecision,
    /// Required except for "no change" without a snooze.
    #[serde(default)]
    pub rationale: String,
    /// Rescore: the new residual score.
    #[serde(default)]
    pub residual: Option<Score>,
    /// Accept: who approved the acceptance.
    #[serde(default)]
    pub approver: String,
    /// Accept: the day the acceptance expires (after the review's day).
    #[serde(default)]
    pub expiry: Option<NaiveDate>,
    /// Mitigate: the title of the action to add.
    #[serde(default)]
    pub action_title: String,
    /// Mitigate: who owns the action (optional).
    #[serde(default)]
    pub action_owner: String,
    /// Next review in this many days (1 to 365), with a rationale.
    #[serde(default)]
    pub snooze_days: Option<u32>,
    /// A custom next review date (after today) instead of the level's interval.
    #[serde(default)]
    pub next_review: Option<NaiveDate>,
}

impl ReviewFields {
    pub fn new(decision: ReviewDecision, rationale: impl Into<String>) -> Self {
        ReviewFields {
            decision,
            rationale: rationale.into(),
            residual: None,
            approver: String::new(),
            expiry: None,
            action_title: String::new(),
            action_owner: String::new(),
            snooze_days: None,
            next_review: None,
        }
    }

    pub fn normalised(mut self) -> Self {
        for text in [
            &mut self.rationale,
            &mut self.approver,
            &mut self.action_title,
            &mut self.action_owner,
        ] {
            let trimmed = text.trim();
            if trimmed.len() != text.len() {
                *text = trimmed.to_string();
            }
        }
        self
    }

    /// Checks everything that needs neither the risk's matrix nor the store.
    pub fn validate(&self, today: NaiveDate) -> Result<()> {
        use ReviewDecision as D;
        let d = self.decision;
        limit_text("rationale", &self.rationale, 20_000)?;
        crate::model::check_date_opt("expiry", self.expiry)?;
        crate::model::check_date_opt("next_review", self.next_review)?;
        if let Some(days) = self.snooze_days {
            if !(1..=MAX_SNOOZE_DAYS).contains(&days) {
                return Err(Error::invalid(
                    "snooze_days",
                    days,
                    format!("a snooze is 1 to {MAX_SNOOZE_DAYS} days"),
                ));
            }
        }
        if let Some(date) = self.next_review {
            if self.snooze_days.is_some() {
                return Err(Error::invalid(
                    "next_review",
                    date,
                    "give either a snooze or a next review date, not both",
                ));
            }
            if date <= today {
                return Err(Error::invalid(
                    "next_review",
                    date,
                    format!("the next review must be after today ({today})"),
                ));
            }
        }
        if self.rationale.is_empty() && (d != D::NoChange || self.snooze_days.is_some()) {
            let why = if d == D::NoChange {
                "a snooze needs a rationale".to_string()
            } else {
                let name = d.as_str().replace('_', " ");
                let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
                    "an"
                } else {
                    "a"
                };
                format!("{article} {name} decision needs a rationale")
            };
            return Err(Error::invalid("rationale", "", why));
        }
        let unused = |field: &str, value: String, needs: &str| {
            Err(Error::invalid(
                field,
                value,
                format!("only {needs}; the decision is {}", d.as_str()),
            ))
        };
        if d != D::Rescore {
            if let Some(s) = self.residual {
                return unused(
                    "residual",
                    s.to_string(),
                    "a rescore sets the residual score",
                );
            }
        }
        if d != D::Accept {
            if !self.approver.is_empty() {
                return unused(
                    "approver",
                    self.approver.clone(),
                    "an accept has an approver",
                );
            }
            if let Some(e) = self.expiry {
                return unused("expiry", e.to_string(), "an accept has an expiry");
            }
        }
        if d != D::Mitigate {
            if !self.action_title.is_empty() {
                return unused(
                    "action_title",
                    self.action_title.clone(),
                    "a mitigate adds an action",
                );
            }
            if !self.action_owner.is_empty() {
                return unused(
                    "action_owner",
                    self.action_owner.clone(),
                    "a mitigate adds an action",
                );
            }
        }
        match d {
            D::Rescore if self.residual.is_none() => Err(Error::invalid(
                "residual",
                "",
                "a rescore needs the new residual score",
            )),
            D::Accept => {
                if self.approver.is_empty() {
                    return Err(Error::invalid(
                        "approver",
                        "",
                        "an acceptance needs the name of who approved it",
                    ));
                }
                limit_text("approver", &self.approver, 200)?;
                match self.expiry {
                    None => Err(Error::invalid(
                        "expiry",
                        "",
                        "an acceptance needs the date it expires",
                    )),
                    Some(e) if e <= today => Err(Error::invalid(
                        "expiry",
                        e,
                        format!("an acceptance must expire after today ({today})"),
                    )),
                    Some(_) => Ok(()),
                }
            }
            D::Mitigate => {
                if self.action_title.is_empty() {
                    return Err(Error::invalid(
                        "action_title",
                        "",
                        "a mitigate decision adds an action: its title is required",
                    ));
                }
                crate::model::require_text("action_title", &self.action_title, 300)?;
                limit_text("action_owner", &self.action_owner, 200)
            }
            _ => Ok(()),
        }
    }
}

/// One review as kept: append-only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Review {
    pub id: String,
    pub risk_id: String,
    pub partnership_id: String,
    /// The risk's reference (e.g. `TEC-004`).
    pub reference: String,
    pub reviewer: String,
    pub at: DateTime<Utc>,
    /// The day of the review (the `today` it was made on).
    pub reviewed_on: NaiveDate,
    pub decision: ReviewDecision,
    pub rationale: String,
    pub inherent_before: Option<Score>,
    pub residual_before: Option<Score>,
    pub inherent_after: Option<Score>,
    pub residual_after: Option<Score>,
    pub next_review: NaiveDate,
    pub next_review_source: NextReviewSource,
    /// SHA-256 of the risk's assessed fields as the review left them (see [`digest`]).
    pub digest: String,
    /// The risk's scores, status or treatment changed since this review.
    pub outdated: bool,
    /// Who undid this review, when it was undone (it then no longer counts).
    pub withdrawn_by: Option<String>,
    pub withdrawn_at: Option<DateTime<Utc>>,
}

/// Which risks the queue shows. Empty means "any".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct QueueFilter {
    pub partnership_id: Option<String>,
    /// Category code.
    pub category: Option<String>,
    /// Keep risks whose level (residual, else inherent) is at this index or higher.
    pub min_level: Option<usize>,
    pub owner: Option<String>,
    /// At most this many entries (the first page of the queue).
    pub limit: Option<usize>,
}

/// One risk in the review queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct QueueEntry {
    pub risk_id: String,
    pub partnership_id: String,
    pub partnership: String,
    pub reference: String,
    pub title: String,
    pub category: String,
    pub owner: String,
    /// The level of the residual score, else of the inherent one.
    pub level: Option<String>,
    pub review_days: Option<u32>,
    pub last_reviewed: Option<NaiveDate>,
    /// The next review date; `None` when never reviewed.
    pub due: Option<NaiveDate>,
    pub state: ReviewState,
    /// The risk's approved acceptance expired before today: it is due again.
    pub acceptance_expired: bool,
    /// The health indicators that bring the risk back for review (amber, red or stale),
    /// each with its reason in words; a risk they bring is queued whatever its due day.
    #[serde(default)]
    pub indicators: Vec<QueueIndicator>,
}

/// A health indicator that brings a risk back for review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct QueueIndicator {
    pub indicator_id: String,
    pub indicator: String,
    /// Amber, red or stale.
    pub status: crate::health::Status,
    /// "Availability 98.7 % is below the red threshold 99.0 % since 31 Mar 2027".
    pub reason: String,
}

/// How many open risks of a partnership are in each state.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReviewCounts {
    pub partnership_id: String,
    pub partnership: String,
    pub unreviewed: u64,
    pub past_due: u64,
    pub due_soon: u64,
    pub scheduled: u64,
    /// Risks not yet due that health indicators bring back for review (counted in
    /// `scheduled` too; the others brought back are already due).
    pub brought_back: u64,
}
