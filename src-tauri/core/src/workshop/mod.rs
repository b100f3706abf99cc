//! Risk workshops: a facilitator walks an agenda of a partnership's risks with a room of
//! people, who score each risk privately; the spread of the votes is revealed at once, the
//! room talks, may vote again, and agrees a score with a rationale that is written to the
//! risk. The store keeps the workshops (`store::workshops`); this module holds their types,
//! the spread statistics and the ballot files of a round held before the meeting.

pub mod ballot_file;
pub mod spread;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::matrix::{Matrix, Score};
use crate::model::{limit_text, require_text, string_enum, Risk, ScoreKind};
pub use spread::{AxisSpread, ConsensusRule, Spread, Verdict};

string_enum!(
    /// Where a workshop is in its life: planned → running → closed (frozen).
    WorkshopStatus, "status" {
        Planned => "planned",
        Running => "running",
        Closed => "closed",
    }
);

string_enum!(
    /// Who may see who voted what: `named` (votes attributed on screen after the reveal
    /// and in the minutes), `room` (attributed in the store, never on screen or in the
    /// minutes) or `anonymous` (ballots kept without the participant once revealed; only
    /// "has voted" is kept).
    Anonymity, "anonymity" {
        Named => "named",
        Room => "room",
        Anonymous => "anonymous",
    }
);

string_enum!(
    /// Which organisation a participant speaks for.
    Side, "side" {
        Ours => "ours",
        Partner => "partner",
        ThirdParty => "third_party",
    }
);

string_enum!(
    /// How an item's score was agreed.
    DecidedHow, "how" {
        Consensus => "consensus",
        NearConsensus => "near_consensus",
        Facilitator => "facilitator",
        Deferred => "deferred",
    }
);

string_enum!(
    /// How a ballot reached the store: entered in the `room` by the voter, by the
    /// facilitator as a `proxy` for someone without a device, imported from a ballot
    /// `file` filled in before the meeting, or sent over the room's `network`.
    BallotSource, "source" {
        Room => "room",
        Proxy => "proxy",
        File => "file",
        Network => "network",
    }
);

impl Anonymity {
    /// Whether names may be shown next to votes (on screen after a reveal, in minutes).
    pub fn shows_names(self) -> bool {
        self == Anonymity::Named
    }
}

impl Side {
    /// Accepts `third-party` as typed on a command line.
    pub fn parse_loose(text: &str, field: &str) -> Result<Side> {
        Side::parse(&text.trim().to_ascii_lowercase().replace('-', "_"), field)
    }
}

impl DecidedHow {
    /// Accepts `near` and `near-consensus` as typed on a command line.
    pub fn parse_loose(text: &str, field: &str) -> Result<DecidedHow> {
        let key = text.trim().to_ascii_lowercase().replace('-', "_");
        let key = if key == "near" {
            "near_consensus"
        } else {
            &key
        };
        DecidedHow::parse(key, field)
    }
}

/// What a facilitator fills in to plan a workshop.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WorkshopFields {
    pub title: String,
    #[serde(default)]
    pub date: Option<NaiveDate>,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub facilitator: String,
    /// The score of each risk that the workshop's decisions set.
    pub sets: ScoreKind,
    pub anonymity: Anonymity,
    pub rule: ConsensusRule,
    /// The purpose and scope, printed on the minutes' cover.
    #[serde(default)]
    pub notes: String,
}

impl WorkshopFields {
    pub fn new(title: impl Into<String>) -> Self {
        WorkshopFields {
            title: title.into(),
            date: None,
            place: String::new(),
            facilitator: String::new(),
            sets: ScoreKind::Residual,
            anonymity: Anonymity::Named,
            rule: ConsensusRule::default(),
            notes: String::new(),
        }
    }

    pub fn normalised(mut self) -> Self {
        for text in [&mut self.title, &mut self.place, &mut self.facilitator] {
            *text = text.trim().to_string();
        }
        self
    }

    pub fn validate(&self) -> Result<()> {
        require_text("title", &self.title, 200)?;
        crate::model::check_date_opt("date", self.date)?;
        limit_text("place", &self.place, 200)?;
        limit_text("facilitator", &self.facilitator, 200)?;
        limit_text("notes", &self.notes, 20_000)?;
        self.rule.validate()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Workshop {
    pub id: String,
    pub partnership_id: String,
    #[serde(flatten)]
    pub fields: WorkshopFields,
    pub status: WorkshopStatus,
    pub started_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    /// SHA-256 over every ballot, stored when the workshop closes (hex).
    pub ballot_digest: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The agenda item the facilitator has put before the room (phones vote on it); when
    /// none is chosen, the first item without a decision.
    pub current_item: Option<String>,
}

/// A person in the room (or joining from home by ballot file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ParticipantFields {
    pub name: String,
    /// Their job or function, e.g. "CISO" or "Partner's delivery lead".
    #[serde(default)]
    pub role: String,
    pub side: Side,
    /// Observers (and usually the facilitator) do not vote.
    pub voter: bool,
}

impl ParticipantFields {
    pub fn voter(name: impl Into<String>) -> Self {
        ParticipantFields {
            name: name.into(),
            role: String::new(),
            side: Side::Ours,
            voter: true,
        }
    }

    pub fn normalised(mut self) -> Self {
        self.name = self.name.trim().to_string();
        self.role = self.role.trim().to_string();
        self
    }

    pub fn validate(&self) -> Result<()> {
        require_text("name", &self.name, 100)?;
        limit_text("role", &self.role, 200)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Participant {
    pub id: String,
    pub workshop_id: String,
    #[serde(flatten)]
    pub fields: ParticipantFields,
}

/// One risk on the agenda, with the state of its current round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AgendaItem {
    pub id: String,
    pub workshop_id: String,
    /// 1-based place on the agenda.
    pub position: u32,
    pub risk_id: String,
    /// The risk's reference and title (kept with the item so that the minutes of a closed
    /// workshop still name a risk deleted since).
    pub reference: String,
    pub title: String,
    /// The current round, from 1.
    pub round: u32,
    /// Whether the current round's votes have been revealed.
    pub revealed: bool,
    /// The facilitator's notes on the discussion.
    pub notes: String,
}

/// One participant's private score of one item in one round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Ballot {
    pub item_id: String,
    pub round: u32,
    /// The voter; `None` in an anonymous workshop once the round is revealed, and whenever
    /// the caller may not see who voted what.
    pub participant_id: Option<String>,
    pub participant_name: Option<String>,
    pub score: Score,
    pub comment: String,
    pub source: BallotSource,
    pub cast_at: Option<DateTime<Utc>>,
}

/// What the room agreed for an item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DecisionFields {
    /// The agreed score; `None` only when the decision is deferred.
    pub score: Option<Score>,
    pub how: DecidedHow,
    pub rationale: String,
    /// Views that disagree with the decision, as the room wants them minuted.
    #[serde(default)]
    pub dissent: String,
}

impl DecisionFields {
    pub fn normalised(mut self) -> Self {
        self.rationale = self.rationale.trim().to_string();
        self.dissent = self.dissent.trim().to_string();
        self
    }

    pub fn validate(&self, matrix: &Matrix) -> Result<()> {
        if self.rationale.is_empty() {
            return Err(Error::invalid(
                "rationale",
                "",
                "a decision needs a rationale: why the room agreed this score",
            ));
        }
        limit_text("rationale", &self.rationale, 20_000)?;
        limit_text("dissent", &self.dissent, 20_000)?;
        match (self.how, self.score) {
            (DecidedHow::Deferred, None) => Ok(()),
            (DecidedHow::Deferred, Some(score)) => Err(Error::invalid(
                "score",
                score,
                "a deferred decision sets no score",
            )),
            (_, None) => Err(Error::invalid(
                "score",
                "",
                "an agreed score is needed unless the decision is deferred",
            )),
            (_, Some(score)) => matrix.check_score(score, "score"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Decision {
    pub item_id: String,
    #[serde(flatten)]
    pub fields: DecisionFields,
    /// The round whose votes the decision followed.
    pub round: u32,
    pub decided_by: String,
    pub decided_at: DateTime<Utc>,
}

/// Who has voted in the current round of an item — never how.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct VoteStatus {
    pub participant_id: String,
    pub name: String,
    pub voted: bool,
}

/// One round of an item as it may be shown: the ballots (attributed only where the
/// anonymity mode allows) and their spread. Unrevealed rounds carry no ballots.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RoundView {
    pub number: u32,
    pub revealed: bool,
    pub votes: u32,
    pub ballots: Vec<Ballot>,
    pub spread: Option<Spread>,
}

/// Everything the presenter view and the minutes need of one agenda item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ItemView {
    pub item: AgendaItem,
    /// The risk as it is now (`None` when it was deleted after the workshop).
    pub risk: Option<Risk>,
    pub rounds: Vec<RoundView>,
    /// Who has voted in the current round.
    pub voted: Vec<VoteStatus>,
    pub decision: Option<Decision>,
}

/// A workshop with its participants, agenda and results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WorkshopDetail {
    pub workshop: Workshop,
    pub partnership_name: String,
    pub matrix: Matrix,
    pub participants: Vec<Participant>,
    pub items: Vec<ItemView>,
}

/// A line of the workshop list of a partnership.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WorkshopSummary {
    pub workshop: Workshop,
    pub participants: u32,
    pub items: u32,
    pub decided: u32,
}
