//! Reading a spreadsheet in a child process with a memory and a time limit.
//!
//! Some hostile files make a reader allocate gigabytes or panic deep inside a library;
//! an allocation failure aborts the process and cannot be caught. So the app and
//! `prisk` start themselves again with [`CHILD_ARG`] to read the file: the child
//! limits its own address space, reads, and answers with the table (or the error) as
//! JSON on its standard output. Whatever the file does, the worst case is a clear
//! error in the parent, and the workspace is never open in the child.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::{read_table, ReadOptions, Table};
use crate::error::{Error, Result};

/// The first argument that makes a binary a reader process (see [`child_main`]).
pub const CHILD_ARG: &str = "--read-spreadsheet-for-import";
/// The reader's address space: room for a 50 MB file read whole, far below what a
/// hostile file asks for.
pub const MEMORY_LIMIT: u64 = 1024 * 1024 * 1024;
/// How long the reader may take (a 10,000-row workbook takes well under a second).
pub const TIME_LIMIT: Duration = Duration::from_secs(60);

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Answer {
    Table(Table),
    Error {
        field: String,
        value: String,
        message: String,
    },
}

/// The reader process's `main`: `args` are those after [`CHILD_ARG`] (the file and the
/// options as JSON). Returns the exit code.
pub fn child_main(args: &[String]) -> i32 {
    #[cfg(unix)]
    {
        // Best effort: without the limit the parent's time limit still holds.
        let _ = rlimit::setrlimit(rlimit::Resource::AS, MEMORY_LIMIT, MEMORY_LIMIT);
    }
    let answer = match args {
        [path, options] => match serde_json::from_str::<ReadOptions>(options) {
            Ok(options) => match read_table(Path::new(path), &options) {
                Ok(table) => Answer::Table(table),
                Err(e) => error_answer(e),
            },
            Err(e) => error_answer(Error::invalid("options", options, e.to_string())),
        },
        _ => error_answer(Error::invalid(
            "arguments",
            args.join(" "),
            "expected FILE OPTIONS",
        )),
    };
    let code = if matches!(answer, Answer::Table(_)) {
        0
    } else {
        2
    };
    let mut out = std::io::stdout().lock();
    if serde_json::to_writer(&mut out, &answer).is_err() || out.flush().is_err() {
        return 1;
    }
    code
}

fn error_answer(e: Error) -> Answer {
    match e {
        Error::Invalid {
            field,
            value,
            message,
        } => Answer::Error {
            field,
            value,
            message,
        },
        other => Answer::Error {
            field: "file".into(),
            value: String::new(),
            message: other.to_string(),
        },
    }
}

/// Reads `path` in a child process started from `exe` (a binary whose `main` calls
/// [`child_main`] when its first argument is [`CHILD_ARG`]).
pub fn read_table_isolated(exe: &Path, path: &Path, options: &ReadOptions) -> Result<Table> {
    let file = path.display().to_string();
    let options_json = serde_json::to_string(options).expect("options serialise");
    let mut child = Command::new(exe)
        .arg(CHILD_ARG)
        .arg(path)
        .arg(options_json)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|source| Error::Io {
            path: exe.to_path_buf(),
            source,
        })?;
    // Read the answer on a thread so that a large table cannot fill the pipe and stall
    // the child while this thread waits for it.
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let reader = std::thread::spawn(move || {
        let mut answer = Vec::new();
        stdout.read_to_end(&mut answer).map(|_| answer)
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|source| Error::Io {
            path: exe.to_path_buf(),
            source,
        })? {
            break status;
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(Error::invalid(
                "file",
                &file,
                format!(
                    "reading it took longer than {} s and was stopped; the file is damaged or hostile",
                    TIME_LIMIT.as_secs()
                ),
            ));
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let answer = reader.join().ok().and_then(|r| r.ok()).unwrap_or_default();
    match serde_json::from_slice::<Answer>(&answer) {
        Ok(Answer::Table(table)) if status.success() => Ok(table),
        Ok(Answer::Error { field, value, message }) => Err(Error::invalid(field, value, message)),
        _ => Err(Error::invalid(
            "file",
            &file,
            "the reader stopped without an answer (it ran out of memory or failed); the file is damaged or hostile and was not imported",
        )),
    }
}
