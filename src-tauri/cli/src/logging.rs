//! prisk's log, in the app's log folder (`partner_risk_core::logs::log_dir`), as
//! `prisk_rCURRENT.log` rotated at 5 MB into `prisk_r00000.log`, … (four kept).
//!
//! stdout and stderr are prisk's contract with scripts, so the log never writes there,
//! and a log that cannot be opened (a read-only home) is silently skipped. It records
//! what a support question needs and no register contents: the noun and verb (never
//! option values), the error code and field of a failure, panics, and the duration of
//! commands slower than 200 ms.

use std::io::Write;
use std::time::Instant;

use clap::CommandFactory;
use flexi_logger::{
    Cleanup, Criterion, DeferredNow, ErrorChannel, FileSpec, LoggerHandle, Naming, WriteMode,
};
use log::Record;
use partner_risk_core::logs::{log_dir, SLOW_MS};

const MAX_FILE_BYTES: u64 = 5 * 1024 * 1024;
const KEEP_FILES: usize = 4;

/// The running command's log: started by [`start`], it logs the duration of a slow
/// command when dropped at the end of `main`.
pub struct CommandLog {
    words: String,
    started: Instant,
    // Keeps the logger open until the end of `main`.
    _handle: Option<LoggerHandle>,
}

/// Opens the log and records the command's start (`prisk risk add`).
pub fn start() -> CommandLog {
    let started = Instant::now();
    let handle = open();
    let words = command_words(std::env::args().skip(1));
    if handle.is_some() {
        log::info!("start {words} (prisk {})", env!("CARGO_PKG_VERSION"));
        // A panic is logged too, then printed by the previous hook as before.
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            log::error!("{}", info.to_string().replace('\n', " "));
            previous(info);
        }));
    }
    CommandLog {
        words,
        started,
        _handle: handle,
    }
}

/// Records the error printed with exit status 2: its code and field, not its message,
/// which may quote a value the user typed.
pub fn failed(error: &partner_risk_core::Error) {
    match error.field() {
        Some(field) => log::error!("error code={} field={field}", error.code()),
        None => log::error!("error code={}", error.code()),
    }
}

impl Drop for CommandLog {
    fn drop(&mut self) {
        let elapsed = self.started.elapsed().as_millis();
        if elapsed > SLOW_MS {
            log::info!("finished {} in {elapsed} ms", self.words);
        }
    }
}

fn open() -> Option<LoggerHandle> {
    let dir = log_dir()?;
    flexi_logger::Logger::with(log::LevelFilter::Info)
        .log_to_file(FileSpec::default().directory(dir).basename("prisk"))
        .rotate(
            Criterion::Size(MAX_FILE_BYTES),
            Naming::Numbers,
            Cleanup::KeepLogFiles(KEEP_FILES),
        )
        // A command is short: clean up in this thread rather than start another.
        .cleanup_in_background_thread(false)
        .append()
        // Unbuffered: a killed or crashing prisk still leaves its lines.
        .write_mode(WriteMode::Direct)
        .error_channel(ErrorChannel::DevNull)
        .format(line)
        .start()
        .ok()
}

/// `[2026-12-02][10:30:00.123][INFO][prisk 4242] start risk add`: the app's layout (UTC),
/// with the process id to tell apart commands run at the same time.
fn line(w: &mut dyn Write, now: &mut DeferredNow, record: &Record) -> std::io::Result<()> {
    write!(
        w,
        "{}[{}][prisk {}] {}",
        now.now_utc_owned().format("[%Y-%m-%d][%H:%M:%S%.3f]"),
        record.level(),
        std::process::id(),
        record.args()
    )
}

/// The subcommand names in `args` (`risk add`), walked down clap's tree: only names
/// clap defines are kept, so no option value (a title, a path) can reach the log.
fn command_words(args: impl Iterator<Item = String>) -> String {
    let root = crate::Cli::command();
    let mut current = &root;
    let mut words = Vec::new();
    for arg in args {
        if let Some(sub) = current.find_subcommand(&arg) {
            words.push(sub.get_name().to_string());
            current = sub;
        }
    }
    if words.is_empty() {
        "prisk".to_string()
    } else {
        words.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::command_words;

    fn words(args: &[&str]) -> String {
        command_words(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn only_subcommand_names_are_logged() {
        assert_eq!(
            words(&["--db", "/x/secret.prisk", "risk", "add", "--title", "Leak"]),
            "risk add"
        );
        // A value that happens to be a noun is not taken once the verb is reached.
        assert_eq!(
            words(&["risk", "set", "risk", "--title", "demo"]),
            "risk set"
        );
        assert_eq!(words(&["--version"]), "prisk");
    }
}
