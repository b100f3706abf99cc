//! `prisk review`: the review queue, a review of one risk, and the reviews kept.

use clap::Subcommand;
use partner_risk_core::matrix::Score;
use partner_risk_core::model::parse_date;
use partner_risk_core::review::{QueueEntry, QueueFilter, Review, ReviewDecision, ReviewFields};
use partner_risk_core::{Error, Result};

use crate::args::min_level;
use crate::context::Context;
use crate::output::{print_json, table};

#[derive(Subcommand)]
pub enum ReviewCmd {
    /// The risks due for review: unreviewed, past due (oldest first), due within 14 days.
    Queue {
        /// Only this partnership (default: all that are not archived).
        #[arg(long)]
        partnership: Option<String>,
        /// Only this category (code).
        #[arg(long)]
        category: Option<String>,
        /// Only risks at this level or higher (needs --partnership: levels are per matrix).
        #[arg(long, value_name = "LEVEL", requires = "partnership")]
        min_level: Option<String>,
        #[arg(long)]
        owner: Option<String>,
        /// Only the first N risks of the queue.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        #[arg(long)]
        json: bool,
    },
    /// Review one risk: record a decision with a rationale and apply it.
    Add {
        #[arg(long)]
        partnership: String,
        /// The risk's reference or id.
        risk: String,
        /// no-change, rescore, accept, mitigate, escalate or close.
        #[arg(long, value_parser = parse_decision)]
        decision: ReviewDecision,
        /// Why (required except for no-change).
        #[arg(long, default_value = "")]
        rationale: String,
        /// Rescore: the new residual score, `L,I`.
        #[arg(long, value_name = "L,I")]
        residual: Option<String>,
        /// Accept: who approved the acceptance.
        #[arg(long, default_value = "")]
        approver: String,
        /// Accept: when the acceptance expires (after today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        expiry: Option<String>,
        /// Mitigate: the title of the action to add.
        #[arg(long, default_value = "")]
        action_title: String,
        /// Mitigate: who owns the new action.
        #[arg(long, default_value = "")]
        action_owner: String,
        /// Next review in N days (1 to 365) instead of the level's interval; needs a rationale.
        #[arg(long, value_name = "N", conflicts_with = "next_review")]
        snooze_days: Option<u32>,
        /// Next review on this date (after today) instead of the level's interval.
        #[arg(long, value_name = "YYYY-MM-DD")]
        next_review: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Undo your last review (or the last review of one risk): the risk goes back to
    /// what it was, the review is kept and marked withdrawn.
    Undo {
        /// With RISK: the partnership of the risk.
        #[arg(long, requires = "risk")]
        partnership: Option<String>,
        /// The risk whose last review to undo (reference or id).
        risk: Option<String>,
    },
    /// The reviews of a partnership, or of one risk, oldest first.
    List {
        #[arg(long)]
        partnership: String,
        /// Only this risk's reviews (reference or id).
        risk: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

fn parse_decision(s: &str) -> Result<ReviewDecision> {
    ReviewDecision::parse(&s.trim().replace('-', "_"), "--decision")
}

pub fn run(ctx: &Context, cmd: ReviewCmd) -> Result<()> {
    let mut store = ctx.store()?;
    match cmd {
        ReviewCmd::Queue {
            partnership,
            category,
            min_level: level,
            owner,
            limit,
            json,
        } => {
            let (partnership_id, level) = match partnership {
                Some(key) => {
                    let p = store.find_partnership(&key)?;
                    let level = min_level(&store, &p.matrix_id, level)?;
                    (Some(p.id), level)
                }
                None => (None, None),
            };
            // Exit plans' deadlines come into the queue beside the risks (in the text; the
            // JSON stays the risks' queue): not when it is narrowed to risks' own fields.
            let exits = category.is_none() && level.is_none() && owner.is_none() && !json;
            let exit_of = partnership_id.clone();
            let filter = QueueFilter {
                partnership_id,
                category,
                min_level: level,
                owner,
                limit,
            };
            let queue = store.review_queue(&filter, ctx.today())?;
            if json {
                return print_json(&queue);
            }
            print_queue(&queue);
            if exits {
                let due: Vec<_> = store
                    .exit_reminders(ctx.today(), EXIT_REMINDER_DAYS)?
                    .into_iter()
                    .filter(|r| exit_of.as_ref().is_none_or(|p| *p == r.partnership_id))
                    .collect();
                if !due.is_empty() {
                    outln!();
                    outln!("Exit plans: notice deadlines and exit tests within {EXIT_REMINDER_DAYS} days, failed tests");
                    crate::commands::exit::print_reminders(&due);
                }
            }
            Ok(())
        }
        ReviewCmd::Add {
            partnership,
            risk,
            decision,
            rationale,
            residual,
            approver,
            expiry,
            action_title,
            action_owner,
            snooze_days,
            next_review,
            json,
        } => {
            let p = store.find_partnership(&partnership)?;
            let r = store.find_risk(&p.id, &risk)?;
            let fields = ReviewFields {
                decision,
                rationale,
                residual: residual
                    .map(|s| Score::parse(&s, "--residual"))
                    .transpose()?,
                approver,
                expiry: expiry.map(|d| parse_date(&d, "--expiry")).transpose()?,
                action_title,
                action_owner,
                snooze_days,
                next_review: next_review
                    .map(|d| parse_date(&d, "--next-review"))
                    .transpose()?,
            };
            let review = store.add_review(&r.id, fields, ctx.today())?;
            if json {
                return print_json(&review);
            }
            outln!(
                "{} reviewed by {}: {}; next review {} ({})",
                review.reference,
                review.reviewer,
                review.decision,
                review.next_review,
                review.next_review_source
            );
            Ok(())
        }
        ReviewCmd::Undo { partnership, risk } => {
            let review = match (partnership, risk) {
                (Some(p), Some(key)) => {
                    let p = store.find_partnership(&p)?;
                    let risk = store.find_risk(&p.id, &key)?;
                    store
                        .reviews(&risk.id)?
                        .into_iter()
                        .rfind(|r| r.withdrawn_at.is_none())
                        .ok_or_else(|| {
                            Error::invalid(
                                "risk",
                                &key,
                                format!("{} has no review to undo", risk.reference),
                            )
                        })?
                }
                _ => {
                    let actor = store.actor().to_string();
                    store.last_review_by(&actor)?.ok_or_else(|| {
                        Error::invalid("undo", &actor, "no review by this person is left to undo")
                    })?
                }
            };
            let undone = store.undo_review(&review.id)?;
            outln!(
                "undid the {} review of {} made on {} by {}",
                undone.decision,
                undone.reference,
                undone.reviewed_on,
                undone.reviewer
            );
            Ok(())
        }
        ReviewCmd::List {
            partnership,
            risk,
            json,
        } => {
            let p = store.find_partnership(&partnership)?;
            let reviews = match risk {
                Some(key) => store.reviews(&store.find_risk(&p.id, &key)?.id)?,
                None => store.partnership_reviews(&p.id)?,
            };
            if json {
                return print_json(&reviews);
            }
            print_reviews(&reviews);
            Ok(())
        }
    }
}

/// How far ahead the queue shows exit plans' notice deadlines and tests.
const EXIT_REMINDER_DAYS: i64 = partner_risk_core::exit::REMINDER_DAYS;

fn print_queue(queue: &[QueueEntry]) {
    let text = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    table(
        &[
            "STATE",
            "DUE",
            "PARTNERSHIP",
            "REF",
            "LEVEL",
            "LAST REVIEW",
            "TITLE",
        ],
        queue
            .iter()
            .map(|e| {
                vec![
                    e.state.to_string(),
                    text(e.due),
                    e.partnership.clone(),
                    e.reference.clone(),
                    e.level.clone().unwrap_or_default(),
                    text(e.last_reviewed),
                    e.title.clone(),
                ]
            })
            .collect(),
    );
}

fn print_reviews(reviews: &[Review]) {
    let score = |s: Option<Score>| s.map(|s| s.to_string()).unwrap_or_else(|| "-".into());
    table(
        &[
            "ON",
            "REF",
            "REVIEWER",
            "DECISION",
            "RESIDUAL",
            "NEXT",
            "STATE",
            "RATIONALE",
        ],
        reviews
            .iter()
            .map(|r| {
                vec![
                    r.reviewed_on.to_string(),
                    r.reference.clone(),
                    r.reviewer.clone(),
                    r.decision.to_string(),
                    format!("{} → {}", score(r.residual_before), score(r.residual_after)),
                    format!("{} ({})", r.next_review, r.next_review_source),
                    match (&r.withdrawn_by, r.outdated) {
                        (Some(by), _) => format!("undone by {by}"),
                        (None, true) => "outdated".into(),
                        (None, false) => String::new(),
                    },
                    r.rationale.clone(),
                ]
            })
            .collect(),
    );
}
