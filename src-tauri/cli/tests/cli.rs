//! The `prisk` contract, run as a real process on temporary workspace files.
//!
//! One test binary (each one costs link time on CI): the tests live in `cli/`, one file per
//! behaviour, and share the helpers of `cli/support.rs`.

#[path = "cli/support.rs"]
mod support;

#[path = "cli/postgres.rs"]
mod postgres;

#[path = "cli/errors.rs"]
mod errors;
#[path = "cli/exchange.rs"]
mod exchange;
#[path = "cli/exchange_preview.rs"]
mod exchange_preview;
#[path = "cli/exit.rs"]
mod exit;
#[path = "cli/exports.rs"]
mod exports;
#[path = "cli/health.rs"]
mod health;
#[path = "cli/imports.rs"]
mod imports;
#[path = "cli/matrices.rs"]
mod matrices;
#[path = "cli/quant.rs"]
mod quant;
#[path = "cli/register.rs"]
mod register;
#[path = "cli/reviews.rs"]
mod reviews;
#[path = "cli/team.rs"]
mod team;
#[path = "cli/workshops.rs"]
mod workshops;
#[path = "cli/workspaces.rs"]
mod workspaces;
