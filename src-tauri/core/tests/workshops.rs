//! Workshops on real SQLite files: planning, private voting, reveal, rounds, decisions
//! that write the risk's score, freezing on close, anonymity, and ballot files.
//!
//! One test binary: the tests live in `workshops/`, one file per behaviour, and share the
//! room of `workshops/support.rs`.

#[path = "workshops/support.rs"]
mod support;

#[path = "workshops/ballots.rs"]
mod ballots;
#[path = "workshops/minutes.rs"]
mod minutes;
#[path = "workshops/refusals.rs"]
mod refusals;
#[path = "workshops/session.rs"]
mod session;
