//! `prisk`: Partner Risk from a terminal. A thin front door to `partner-risk-core`:
//! each command parses its arguments, calls the core, and prints the result.
//!
//! Layout: `main.rs` parses and dispatches; `commands/<noun>.rs` holds one noun's clap
//! arguments and its `run`; `context.rs` the global options and the lazily opened
//! store; `args.rs` the option parsers the nouns share; `output.rs` the shared table
//! and JSON printing.
//!
//! Exit status: 0 on success, 2 on any error, with one line on stderr that names the
//! field and the value at fault.

/// Prints to stdout, ignoring a closed pipe (`prisk … | head` must not panic).
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout().lock(), $($arg)*);
    }};
}

mod args;
mod commands;
mod context;
mod logging;
mod output;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use partner_risk_core::spreadsheet::import::isolated;

use crate::commands::Command;
use crate::context::Context;

#[derive(Parser)]
#[command(
    name = "prisk",
    version,
    about = "Partner Risk: risk registers for partnerships"
)]
struct Cli {
    /// The workspace file (default: $PARTNER_RISK_DB, else the desktop app's data folder).
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Who is recorded in the audit log (default: `prisk whoami`, else the OS user).
    #[arg(long, global = true, value_name = "NAME")]
    actor: Option<String>,
    #[command(subcommand)]
    command: Command,
}

fn main() -> ExitCode {
    // `prisk import table` reads the file in a child process of this binary.
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some(isolated::CHILD_ARG) {
        return ExitCode::from(isolated::child_main(&args[2..]) as u8);
    }
    // After the reader's check: that process stays minimal and writes no log.
    let _log = logging::start();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help and --version
            out!("{e}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            let text = e.to_string();
            let first = text.lines().next().unwrap_or("invalid arguments");
            eprintln!("prisk: {}", first.trim_start_matches("error: "));
            return ExitCode::from(2);
        }
    };
    let ctx = Context::new(cli.db, cli.actor);
    let result = commands::run(&ctx, cli.command);
    if result.is_ok() {
        if let Some(warning) = ctx.finish() {
            eprintln!("prisk: warning: {}", warning.replace('\n', " "));
        }
    }
    // Close the workspace before reporting, as a command's own scope would.
    drop(ctx);
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            logging::failed(&e);
            eprintln!("prisk: {}", e.to_string().replace('\n', " "));
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// Every noun, verb and option together: no clashing names, flags or defaults that
    /// fail their own parsers.
    #[test]
    fn the_command_tree_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
