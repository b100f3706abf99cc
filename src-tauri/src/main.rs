// Keeps a console window from opening next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use partner_risk_core::spreadsheet::import::isolated;

fn main() {
    // Import… reads the spreadsheet in a child process of this very binary: when started
    // as that reader, read, answer on stdout and exit before any window is made.
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some(isolated::CHILD_ARG) {
        std::process::exit(isolated::child_main(&args[2..]));
    }
    partner_risk_app::run();
}
