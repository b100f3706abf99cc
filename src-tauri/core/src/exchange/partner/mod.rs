//! Two-sided exchanges: a share with the partner (the chosen risks and fields; internal
//! rationale, costs, reviews, ballots and people's contact details stay home), the checks
//! of what arrives, and the partner's view kept beside ours — their scores and comments,
//! dated and attributed — never over our scores.
//!
//! - `share`: what a share with the partner carries;
//! - `check`: what any file carries, checked before anything is written;
//! - `views`: the partner's views kept beside ours, and where we disagree.

mod check;
mod share;
mod views;

pub(crate) use check::check_payload;
pub(crate) use share::{filter, share_key};
pub use views::{disagreements, partner_views, Disagreement, PartnerView};
pub(crate) use views::{record, views};
