//! Store tests on real SQLite files in temporary folders.
//!
//! One test binary: the tests live in `store/`, one file per behaviour, and share the
//! stores, partnerships and risks of `store/support.rs`.

#[path = "store/support.rs"]
mod support;

#[path = "store/exit.rs"]
mod exit;
#[path = "store/files.rs"]
mod files;
#[path = "store/health.rs"]
mod health;
#[path = "store/health_window.rs"]
mod health_window;
#[path = "store/integrity.rs"]
mod integrity;
#[path = "store/matrices.rs"]
mod matrices;
#[path = "store/quant.rs"]
mod quant;
#[path = "store/register.rs"]
mod register;
#[path = "store/search.rs"]
mod search;
