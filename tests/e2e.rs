//! End-to-end: the real app binary in a real window (WebKitGTK under Xvfb), driven
//! through WebDriver (tauri-driver + WebKitWebDriver), on a temporary workspace file.
//!
//! Needs `tauri-driver` (cargo install) and `WebKitWebDriver` (Debian webkit2gtk-driver),
//! which `make test` installs; starts its own Xvfb when there is no display.
//!
//! One test binary: the scenarios live in `e2e/`, one file each; the driver and the steps
//! they share with the screenshot tour are in `support/`.

#[path = "support/driver.rs"]
mod driver;
/// A private PostgreSQL cluster, as the team register's own tests start it (the helpers
/// the team scenario does not use are theirs).
#[allow(dead_code)]
#[path = "../src-tauri/cli/tests/cli/postgres.rs"]
mod postgres;
#[path = "support/steps.rs"]
mod steps;

use std::path::Path;

fn app() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_partner-risk"))
}

/// One app window at a time: two WebKit windows on two cores make both tests slow and
/// their waits flaky.
static ONE_WINDOW: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

#[path = "e2e/exchange.rs"]
mod exchange;
#[path = "e2e/exit.rs"]
mod exit;
#[path = "e2e/health.rs"]
mod health;
#[path = "e2e/loss.rs"]
mod loss;
#[path = "e2e/register.rs"]
mod register;
#[path = "e2e/review.rs"]
mod review;
#[path = "e2e/team.rs"]
mod team;
#[path = "e2e/workshop.rs"]
mod workshop;
