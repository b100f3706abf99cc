//! Ballot files: the first round of a workshop held at home (the Delphi method's first
//! estimate). The facilitator exports one file per voter with the agenda's risks and the
//! matrix; the voter fills it in with their own copy of the app or `prisk workshop ballot
//! fill`, without the facilitator's workspace; the facilitator imports it as round 1.
//!
//! The fixed part (workshop, participant, agenda, matrix) is sealed with an HMAC-SHA256
//! whose key stays in the facilitator's workspace, so a file altered after export — or
//! made up — is refused on import. The votes are the only part a voter writes.

use std::path::Path;

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::matrix::{Matrix, Score};
use crate::model::{limit_text, ScoreKind};

pub const FORMAT: &str = "partner-risk-ballot";
pub const VERSION: u32 = 1;
/// The extension of ballot files, without the dot.
pub const EXTENSION: &str = "prisk-ballot";
/// Larger files are refused before parsing (a 60-risk agenda is ~60 KB).
const MAX_BYTES: u64 = 8 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct BallotFile {
    pub format: String,
    pub version: u32,
    pub fixed: BallotFixed,
    /// HMAC-SHA256 of the fixed part (hex), keyed by the workshop's secret.
    pub seal: String,
    /// What the voter filled in, one entry per risk at most.
    #[serde(default)]
    pub votes: Vec<BallotVote>,
}

/// The part of a ballot file that the facilitator wrote and the voter may not change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct BallotFixed {
    pub workshop_id: String,
    pub workshop_title: String,
    pub partnership_name: String,
    pub participant_id: String,
    pub participant_name: String,
    pub sets: ScoreKind,
    pub round: u32,
    pub matrix: Matrix,
    pub agenda: Vec<BallotRisk>,
    pub exported_at: DateTime<Utc>,
}

/// A risk as the voter sees it at home.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct BallotRisk {
    pub item_id: String,
    pub reference: String,
    pub title: String,
    pub description: String,
    pub cause: String,
    pub consequence: String,
    /// The risk's score of the kind the workshop sets, as it was at export.
    pub current: Option<Score>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct BallotVote {
    pub reference: String,
    pub score: Score,
    #[serde(default)]
    pub comment: String,
    pub filled_at: DateTime<Utc>,
}

/// The seal of a fixed part under a workshop's secret.
pub(crate) fn seal(secret: &[u8], fixed: &BallotFixed) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes keys of any size");
    mac.update(&serde_json::to_vec(fixed).expect("ballot files serialise"));
    hex(&mac.finalize().into_bytes())
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Names the file in an error's field, e.g. `ann.ballot: votes[2].score`.
fn in_file(path: &Path) -> impl Fn(Error) -> Error + '_ {
    move |e| e.within(&format!("{}: ", path.display()))
}

impl BallotFile {
    /// Reads and checks the structure of a ballot file (not its seal: that needs the
    /// facilitator's workspace). Errors name the file and the field.
    pub fn read(path: &Path) -> Result<BallotFile> {
        let io = |source| Error::Io {
            path: path.to_path_buf(),
            source,
        };
        let len = std::fs::metadata(path).map_err(io)?.len();
        if len > MAX_BYTES {
            return Err(Error::invalid(
                format!("{}", path.display()),
                format!("{len} bytes"),
                format!("a ballot file is at most {MAX_BYTES} bytes"),
            ));
        }
        let bytes = std::fs::read(path).map_err(io)?;
        let de = &mut serde_json::Deserializer::from_slice(&bytes);
        let file: BallotFile = serde_path_to_error::deserialize(de).map_err(|e| {
            let field = e.path().to_string();
            Error::invalid(
                format!("{}: {field}", path.display()),
                "",
                format!("not a readable ballot file: {}", e.inner()),
            )
        })?;
        file.check().map_err(in_file(path))?;
        Ok(file)
    }

    /// Checks everything that needs no workspace: format, version, votes on the agenda
    /// and on the matrix, one vote per risk.
    pub fn check(&self) -> Result<()> {
        if self.format != FORMAT {
            return Err(Error::invalid(
                "format",
                &self.format,
                format!("expected {FORMAT:?}: this is not a Partner Risk ballot file"),
            ));
        }
        if self.version != VERSION {
            return Err(Error::invalid(
                "version",
                self.version,
                format!("this build reads ballot files of version {VERSION}"),
            ));
        }
        for (n, vote) in self.votes.iter().enumerate() {
            let at = format!("votes[{n}].");
            self.check_vote(&vote.reference, vote.score, &vote.comment)
                .map_err(|e| e.within(&at))?;
            if self.votes[..n]
                .iter()
                .any(|v| v.reference == vote.reference)
            {
                return Err(Error::invalid(
                    format!("{at}reference"),
                    &vote.reference,
                    "a second vote for the same risk",
                ));
            }
        }
        Ok(())
    }

    fn check_vote(&self, reference: &str, score: Score, comment: &str) -> Result<()> {
        if !self.fixed.agenda.iter().any(|r| r.reference == reference) {
            let known: Vec<&str> = self
                .fixed
                .agenda
                .iter()
                .map(|r| r.reference.as_str())
                .collect();
            return Err(Error::invalid(
                "reference",
                reference,
                format!("not on this ballot's agenda ({})", known.join(", ")),
            ));
        }
        self.fixed.matrix.check_score(score, "score")?;
        limit_text("comment", comment, 2_000)
    }

    /// Records (or replaces) the voter's score of one risk.
    pub fn fill(&mut self, reference: &str, score: Score, comment: &str) -> Result<()> {
        let reference = reference.trim();
        self.check_vote(reference, score, comment)?;
        let vote = BallotVote {
            reference: reference.to_string(),
            score,
            comment: comment.trim().to_string(),
            filled_at: crate::ids::now(),
        };
        match self.votes.iter_mut().find(|v| v.reference == reference) {
            Some(existing) => *existing = vote,
            None => self.votes.push(vote),
        }
        Ok(())
    }

    /// Writes the file whole or not at all.
    pub fn write(&self, path: &Path) -> Result<()> {
        let json = serde_json::to_vec_pretty(self).expect("ballot files serialise");
        crate::files::write_atomically(path, &json)
    }
}
