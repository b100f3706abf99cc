//! `prisk backup`: take, list and restore backups of the workspace (see
//! `partner_risk_core::store::backups`). `list` and `restore` read the workspace's path
//! only, so they work when the workspace itself is damaged and will not open.

use std::path::{Path, PathBuf};

use chrono::Utc;
use clap::Subcommand;
use partner_risk_core::store::backups::{self, BackupInfo, Contents};
use partner_risk_core::store::BackupReason;
use partner_risk_core::Result;

use crate::context::Context;
use crate::output::{print_json, table};

#[derive(Subcommand)]
pub enum BackupCmd {
    /// Take a backup of the workspace now (into `backups/` beside it).
    Create,
    /// The backups of the workspace, newest first, with what each holds.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Replace the workspace with a backup; without --yes, only show what would change.
    /// The current file is kept as a `before_restore` backup first.
    Restore {
        /// The backup file (as listed by `prisk backup list`).
        file: PathBuf,
        /// Restore it (otherwise nothing is changed).
        #[arg(long)]
        yes: bool,
    },
}

pub fn run(ctx: &Context, cmd: BackupCmd) -> Result<()> {
    match cmd {
        BackupCmd::Create => {
            let mut store = ctx.store()?;
            let info = store.backup_before(BackupReason::Manual)?;
            outln!("{}", info.path.display());
            outln!("{}", holds(&info));
            Ok(())
        }
        BackupCmd::List { json } => {
            let list = backups::list(&ctx.workspace_path()?)?;
            if json {
                return print_json(&list);
            }
            let rows = list
                .iter()
                .map(|b| {
                    vec![
                        b.at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
                        b.reason.as_str().to_string(),
                        count(b.partnerships),
                        count(b.risks),
                        size(b.size),
                        b.path.display().to_string(),
                    ]
                })
                .collect();
            table(
                &["time", "reason", "partnerships", "risks", "size", "path"],
                rows,
            );
            Ok(())
        }
        BackupCmd::Restore { file, yes } => restore(ctx, &file, yes),
    }
}

fn restore(ctx: &Context, file: &Path, yes: bool) -> Result<()> {
    let workspace = ctx.workspace_path()?;
    if !yes {
        // Checks the backup as the restore would, so a bad one is reported now.
        let backup = backups::contents(file).map_err(|problem| {
            partner_risk_core::Error::invalid(
                "backup",
                file.display(),
                format!("this backup cannot be restored: it is {problem}"),
            )
        })?;
        outln!("would restore {}: {}", file.display(), summary(&backup));
        match (workspace.exists(), backups::contents(&workspace)) {
            (false, _) => outln!("into {} (no file there yet)", workspace.display()),
            (true, Ok(current)) => outln!(
                "replacing {}, which holds {}",
                workspace.display(),
                summary(&current)
            ),
            (true, Err(problem)) => outln!("replacing {}, which is {problem}", workspace.display()),
        }
        outln!("nothing changed; run again with --yes to restore (the current file is kept as a backup first)");
        return Ok(());
    }
    let done = backups::restore(&workspace, file, Utc::now())?;
    outln!(
        "restored {} from {}: {}",
        done.workspace.display(),
        file.display(),
        summary(&done.contents)
    );
    if let Some(previous) = done.previous {
        outln!("the previous file was kept as {}", previous.path.display());
    }
    Ok(())
}

fn summary(c: &Contents) -> String {
    format!(
        "{}, {}",
        plural(c.partnerships, "partnership"),
        plural(c.risks, "risk")
    )
}

fn plural(n: i64, noun: &str) -> String {
    match n {
        1 => format!("1 {noun}"),
        n => format!("{n} {noun}s"),
    }
}

fn holds(b: &BackupInfo) -> String {
    match &b.problem {
        Some(problem) => problem.clone(),
        None => format!(
            "{}, {}, {}",
            plural(b.partnerships.unwrap_or_default(), "partnership"),
            plural(b.risks.unwrap_or_default(), "risk"),
            size(b.size)
        ),
    }
}

fn count(n: Option<i64>) -> String {
    n.map_or_else(|| "?".into(), |n| n.to_string())
}

fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{:.1} MiB", b as f64 / (1u64 << 20) as f64),
        b => format!("{} KiB", b.div_ceil(1024)),
    }
}
