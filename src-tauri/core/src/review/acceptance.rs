//! Risk acceptances and their lifecycle: requested (by whom, naming the approver) →
//! approved or rejected → revoked; an approved acceptance past its expiry date is
//! expired. The store keeps every acceptance of a risk (`store/acceptances.rs`).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::model::{limit_text, require_text, string_enum};

string_enum!(
    /// Where an acceptance stands, as stored.
    AcceptanceState, "state" {
        Requested => "requested",
        Approved => "approved",
        Rejected => "rejected",
        Revoked => "revoked",
    }
);

/// What someone asks to accept: who is to approve, why, and until when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AcceptanceRequest {
    pub approver: String,
    pub justification: String,
    pub expiry: NaiveDate,
}

impl AcceptanceRequest {
    pub fn normalised(mut self) -> Self {
        self.approver = self.approver.trim().to_string();
        self.justification = self.justification.trim().to_string();
        self
    }

    pub fn validate(&self, today: NaiveDate) -> Result<()> {
        if self.approver.is_empty() {
            return Err(Error::invalid(
                "approver",
                "",
                "an acceptance needs the name of who approves it",
            ));
        }
        limit_text("approver", &self.approver, 200)?;
        require_text("justification", &self.justification, 20_000)?;
        crate::model::check_date("expiry", self.expiry)?;
        if self.expiry <= today {
            return Err(Error::invalid(
                "expiry",
                self.expiry,
                format!("an acceptance must expire after today ({today})"),
            ));
        }
        Ok(())
    }
}

/// One acceptance of a risk, as kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Acceptance {
    pub id: String,
    pub risk_id: String,
    pub partnership_id: String,
    /// The risk's reference (e.g. `FIN-002`).
    pub reference: String,
    pub requested_by: String,
    pub requested_at: DateTime<Utc>,
    pub approver: String,
    pub justification: String,
    pub expiry: NaiveDate,
    pub state: AcceptanceState,
    /// Who recorded the approval or rejection, and when.
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_note: String,
    pub revoked_by: Option<String>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub revoke_reason: String,
    /// The review that asked for it, when it came from a review.
    pub review_id: Option<String>,
    /// Approved and past its expiry date (today excluded).
    pub expired: bool,
    /// The approver is the person who asked: a sign-off by oneself.
    pub self_approved: bool,
}

/// Two names for the same person, as far as a flag can tell (case and spacing aside).
pub fn same_person(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    norm(a) == norm(b)
}

impl Acceptance {
    /// Fills the derived fields (`expired`, `self_approved`) for `today`.
    pub fn derive(mut self, today: NaiveDate) -> Self {
        self.expired = self.state == AcceptanceState::Approved && self.expiry < today;
        self.self_approved = same_person(&self.approver, &self.requested_by);
        self
    }
}
