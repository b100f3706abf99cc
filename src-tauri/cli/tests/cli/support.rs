//! What every CLI test uses: running `prisk` as a process with the tests' environment,
//! reading its output as text or JSON, temporary workspaces (empty or with the demo), and
//! the bytes of a workspace to show that a refusal changed nothing.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// The name of the demo's partnership.
pub const DEMO: &str = "Northwind Analytics – claims triage AI";

pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

/// `prisk` with the tests' environment: no workspace taken from the user's, a fixed OS
/// user, and the log lines kept out of the user's own log folder.
pub fn prisk_command() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_prisk"));
    cmd.env_remove("PARTNER_RISK_DB")
        .env("USER", "cli-tester")
        // The tests' log lines stay out of the user's own log folder.
        .env(
            "PARTNER_RISK_LOG_DIR",
            std::env::temp_dir().join("prisk-cli-tests-log"),
        );
    cmd
}

pub fn prisk_in(env: &[(&str, &str)], args: &[&str]) -> Run {
    let mut cmd = prisk_command();
    cmd.args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let Output {
        status,
        stdout,
        stderr,
    } = cmd.output().unwrap();
    Run {
        status: status.code().unwrap_or(-1),
        stdout: String::from_utf8(stdout).unwrap(),
        stderr: String::from_utf8(stderr).unwrap(),
    }
}

pub fn prisk(db: &Path, args: &[&str]) -> Run {
    let mut all = vec!["--db", db.to_str().unwrap()];
    all.extend_from_slice(args);
    prisk_in(&[], &all)
}

pub fn ok(db: &Path, args: &[&str]) -> String {
    let run = prisk(db, args);
    assert_eq!(run.status, 0, "prisk {args:?} failed: {}", run.stderr);
    run.stdout
}

pub fn json(db: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(db, args)).unwrap()
}

/// Runs `prisk` expecting the one-line refusal (exit 2) that names `field`.
pub fn refused(db: &Path, args: &[&str], field: &str) {
    let run = prisk(db, args);
    assert_eq!(run.status, 2, "prisk {args:?} should fail: {}", run.stdout);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(field),
        "prisk {args:?}: {:?} does not name {field:?}",
        run.stderr
    );
}

/// A new, empty workspace in a temporary folder (kept while the `TempDir` lives).
pub fn workspace() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.prisk");
    ok(&db, &["init"]);
    (dir, db)
}

/// A new workspace holding the demo partnership ([`DEMO`]).
pub fn demo_workspace() -> (tempfile::TempDir, PathBuf) {
    let (dir, db) = workspace();
    ok(&db, &["demo"]);
    (dir, db)
}

/// The bytes of a workspace after its WAL is folded in, to compare before and after.
pub fn snapshot(db: &Path) -> Vec<u8> {
    std::fs::read(db).unwrap()
}
