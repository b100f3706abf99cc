//! The analyst's review on real SQLite files: who is working, the cadence and the
//! queue, decisions applied through the risk's ordinary update path, append-only
//! reviews, outdated sign-offs, and refusals that leave the file unchanged.
//!
//! One test binary: the tests live in `reviews/`, one file per behaviour, and share the
//! desk of `reviews/support.rs`.

#[path = "reviews/support.rs"]
mod support;

#[path = "reviews/acceptances.rs"]
mod acceptances;
#[path = "reviews/activity.rs"]
mod activity;
#[path = "reviews/decisions.rs"]
mod decisions;
#[path = "reviews/queue.rs"]
mod queue;
