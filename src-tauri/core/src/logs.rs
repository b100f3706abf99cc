//! Where the app and `prisk` write their logs: one folder for both, so a support
//! question has one place to look.

use std::path::PathBuf;

/// Environment variable that moves the log folder (tests, or a machine whose home is
/// read-only).
pub const LOG_DIR_ENV: &str = "PARTNER_RISK_LOG_DIR";

/// Operations slower than this are logged with their duration.
pub const SLOW_MS: u128 = 200;

/// `$PARTNER_RISK_LOG_DIR`, else the platform's log folder for the app, the same one
/// the Tauri log plugin calls `LogDir`: `~/.local/share/org.partnerrisk.desktop/logs` on
/// Linux, `~/Library/Logs/org.partnerrisk.desktop` on macOS,
/// `%LOCALAPPDATA%\org.partnerrisk.desktop\logs` on Windows. `None` when the platform
/// names no such folder.
pub fn log_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(LOG_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    let id = crate::store::APP_IDENTIFIER;
    if cfg!(target_os = "macos") {
        dirs::home_dir().map(|h| h.join("Library/Logs").join(id))
    } else {
        dirs::data_local_dir().map(|d| d.join(id).join("logs"))
    }
}
