//! The commands through Tauri's IPC on the mock runtime (no display), against a real
//! workspace file: arguments are deserialised as the UI sends them, and errors come
//! back as `{ code, message, field, value, reason }`.
//!
//! One test binary: the tests live in `commands/`, one file per behaviour, and share the
//! mock app and its IPC call of `commands/support.rs`.

#[path = "commands/support.rs"]
mod support;

#[path = "commands/exchange.rs"]
mod exchange;
#[path = "commands/exit.rs"]
mod exit;
#[path = "commands/health.rs"]
mod health;
#[path = "commands/imports.rs"]
mod imports;
#[path = "commands/quant.rs"]
mod quant;
#[path = "commands/register.rs"]
mod register;
#[path = "commands/reviews.rs"]
mod reviews;
#[path = "commands/team.rs"]
mod team;
#[path = "commands/workshops.rs"]
mod workshops;
#[path = "commands/workspace.rs"]
mod workspace;
