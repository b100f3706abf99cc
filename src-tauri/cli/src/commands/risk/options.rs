//! The risk fields `risk add` and `risk set` take as options.

use clap::Args;
use partner_risk_core::model::{RiskFields, RiskStatus, ScoreKind, Treatment};
use partner_risk_core::Result;

use crate::args::{date_option, parse_risk_status, score_option};

/// Risk fields settable from the command line; scores take `L,I` or `none`.
#[derive(Args)]
pub struct RiskOptions {
    #[arg(long)]
    owner: Option<String>,
    #[arg(long)]
    description: Option<String>,
    #[arg(long)]
    cause: Option<String>,
    #[arg(long)]
    consequence: Option<String>,
    #[arg(long, value_parser = parse_risk_status)]
    status: Option<RiskStatus>,
    /// avoid, reduce, transfer, share, accept or none.
    #[arg(long)]
    treatment: Option<String>,
    #[arg(long)]
    rationale: Option<String>,
    /// Who approved an accepted risk.
    #[arg(long)]
    approver: Option<String>,
    /// Until when an acceptance holds (YYYY-MM-DD or none).
    #[arg(long)]
    expiry: Option<String>,
    #[arg(long, value_name = "L,I")]
    inherent: Option<String>,
    #[arg(long, value_name = "L,I")]
    residual: Option<String>,
    #[arg(long, value_name = "L,I")]
    target: Option<String>,
    /// Comma-separated tags (replaces the list).
    #[arg(long)]
    tags: Option<String>,
    /// Next review date (YYYY-MM-DD or none).
    #[arg(long)]
    next_review: Option<String>,
}

impl RiskOptions {
    /// Applies the options given to `fields`.
    pub fn apply(self, fields: &mut RiskFields) -> Result<()> {
        let set = |target: &mut String, value: Option<String>| {
            if let Some(v) = value {
                *target = v;
            }
        };
        set(&mut fields.owner, self.owner);
        set(&mut fields.description, self.description);
        set(&mut fields.cause, self.cause);
        set(&mut fields.consequence, self.consequence);
        set(&mut fields.treatment_rationale, self.rationale);
        set(&mut fields.acceptance_approver, self.approver);
        if let Some(status) = self.status {
            fields.status = status;
        }
        if let Some(t) = self.treatment {
            fields.treatment = match t.trim() {
                "none" => None,
                t => Some(Treatment::parse(t, "--treatment")?),
            };
        }
        if let Some(d) = self.expiry {
            fields.acceptance_expiry = date_option(&d, "--expiry")?;
        }
        for (kind, value) in [
            (ScoreKind::Inherent, self.inherent),
            (ScoreKind::Residual, self.residual),
            (ScoreKind::Target, self.target),
        ] {
            if let Some(v) = value {
                *fields.score_mut(kind) = score_option(&v, kind.as_str())?;
            }
        }
        if let Some(tags) = self.tags {
            fields.tags = tags
                .split(',')
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect();
        }
        if let Some(d) = self.next_review {
            fields.next_review = date_option(&d, "--next-review")?;
        }
        Ok(())
    }
}
