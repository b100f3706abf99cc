//! The list of recently opened workspace files, newest first, kept in a small JSON file
//! beside the app's settings (not in any workspace).

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// How many workspaces the list remembers.
pub const MAX_RECENT: usize = 8;

/// `<platform config dir>/org.partnerrisk.desktop/recent-workspaces.json`.
pub fn default_recent_file() -> Option<PathBuf> {
    dirs::config_dir().map(|d| {
        d.join(crate::store::APP_IDENTIFIER)
            .join("recent-workspaces.json")
    })
}

/// Reads the list; a missing or unreadable file is an empty list (it is only a convenience).
pub fn load(file: &Path) -> Vec<PathBuf> {
    std::fs::read_to_string(file)
        .ok()
        .and_then(|text| serde_json::from_str::<Vec<PathBuf>>(&text).ok())
        .unwrap_or_default()
}

/// Puts `opened` first, drops duplicates and files that no longer exist, and saves.
pub fn remember(file: &Path, opened: &Path) -> Result<Vec<PathBuf>> {
    let opened = opened
        .canonicalize()
        .unwrap_or_else(|_| opened.to_path_buf());
    let mut list = vec![opened.clone()];
    list.extend(
        load(file)
            .into_iter()
            .filter(|p| p != &opened && p.exists()),
    );
    list.truncate(MAX_RECENT);
    let io = |source| Error::Io {
        path: file.to_path_buf(),
        source,
    };
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let json = serde_json::to_string_pretty(&list).expect("paths serialise");
    std::fs::write(file, json).map_err(io)?;
    Ok(list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_first_without_duplicates_or_missing_files() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("cfg/recent.json");
        let a = dir.path().join("a.prisk");
        let b = dir.path().join("b.prisk");
        std::fs::write(&a, "").unwrap();
        std::fs::write(&b, "").unwrap();
        remember(&file, &a).unwrap();
        remember(&file, &b).unwrap();
        let list = remember(&file, &a).unwrap();
        assert_eq!(
            list,
            vec![a.canonicalize().unwrap(), b.canonicalize().unwrap()]
        );
        std::fs::remove_file(&b).unwrap();
        let list = remember(&file, &a).unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(load(&file), list);
        assert!(load(&dir.path().join("none.json")).is_empty());
    }
}
