//! Where a workspace file lives, as far as its safety is concerned: SQLite's WAL locking
//! needs a local file system, and sync clients copy a database file while it is being
//! written, so a workspace on a network share or in a synced folder gets a warning.

use std::path::{Path, PathBuf};

/// File system types (as in `/proc/self/mountinfo`) that are network or remote mounts.
const NETWORK_FS: &[&str] = &[
    "nfs",
    "nfs4",
    "cifs",
    "smb3",
    "smbfs",
    "fuse.sshfs",
    "9p",
    "davfs",
    "fuse.davfs2",
    "fuse.rclone",
];

/// Folder names that sync clients use for what they sync.
const SYNCED_FOLDERS: &[(&str, &str)] = &[
    ("Dropbox", "Dropbox"),
    ("OneDrive", "OneDrive"),
    ("Google Drive", "Google Drive"),
    ("GoogleDrive", "Google Drive"),
    ("My Drive", "Google Drive"),
    ("iCloud Drive", "iCloud"),
    ("iCloudDrive", "iCloud"),
    ("Mobile Documents", "iCloud"),
    ("Nextcloud", "Nextcloud"),
];

/// A plain warning when the workspace at `path` is on a network file system or in a
/// folder kept by a sync client, where SQLite's locking is unsafe and copies can tear;
/// `None` for an ordinary local folder.
pub fn storage_warning(path: &Path) -> Option<String> {
    let full = absolute(path);
    if let Some(client) = synced_folder(&full) {
        return Some(format!(
            "{}: this workspace is in a folder synced by {client}. A sync client can copy the file while it is being written, and another computer's changes can overwrite this one's. Keep the workspace in a local folder and use backups (or export) to share it.",
            path.display()
        ));
    }
    #[cfg(target_os = "linux")]
    if let Ok(text) = std::fs::read_to_string("/proc/self/mountinfo") {
        if let Some(fs) = mount_fs_type(&text, &full).filter(|t| is_network_fs(t)) {
            return Some(format!(
                "{}: this workspace is on a network file system ({fs}). Its file locking is not reliable, so two programs writing at once can damage the file. Keep the workspace in a local folder.",
                path.display()
            ));
        }
    }
    None
}

/// The path made absolute with its existing part resolved (the file itself may not exist yet).
fn absolute(path: &Path) -> PathBuf {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = path.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return path,
        }
    }
    let mut resolved = existing
        .canonicalize()
        .unwrap_or_else(|_| existing.to_path_buf());
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    resolved
}

fn synced_folder(path: &Path) -> Option<&'static str> {
    let mut ancestors = path.ancestors().skip(1);
    if ancestors.any(|dir| dir.join(".stfolder").exists()) {
        return Some("Syncthing");
    }
    path.components().find_map(|c| {
        let name = c.as_os_str().to_string_lossy();
        SYNCED_FOLDERS
            .iter()
            // "OneDrive - Company" and "Dropbox (Team)" are the same clients.
            .find(|(folder, _)| name == *folder || name.starts_with(&format!("{folder} ")))
            .map(|(_, client)| *client)
    })
}

fn is_network_fs(fs: &str) -> bool {
    NETWORK_FS.contains(&fs) || fs.starts_with("nfs")
}

/// The file system type of the mount that holds `path`, from the text of a
/// `/proc/<pid>/mountinfo`: the mount with the longest mount point that contains it.
pub(crate) fn mount_fs_type(mountinfo: &str, path: &Path) -> Option<String> {
    let mut best: Option<(usize, String)> = None;
    for line in mountinfo.lines() {
        // id parent major:minor root mount-point options [optional…] - fstype source super
        let fields: Vec<&str> = line.split(' ').collect();
        let Some(dash) = fields.iter().position(|f| *f == "-") else {
            continue;
        };
        let (Some(mount_point), Some(fs_type)) = (fields.get(4), fields.get(dash + 1)) else {
            continue;
        };
        let mount_point = unescape(mount_point);
        if path.starts_with(&mount_point) {
            let depth = Path::new(&mount_point).components().count();
            if best.as_ref().is_none_or(|(d, _)| depth >= *d) {
                best = Some((depth, fs_type.to_string()));
            }
        }
    }
    best.map(|(_, fs)| fs)
}

/// Mount points escape space, tab, newline and backslash as `\ooo` octal.
fn unescape(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            if let Some(code) = text
                .get(i + 1..i + 4)
                .and_then(|o| u8::from_str_radix(o, 8).ok())
            {
                out.push(code);
                i += 4;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
22 1 8:2 / / rw,relatime shared:1 - ext4 /dev/sda2 rw
25 22 0:23 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw
40 22 0:35 / /home rw,relatime shared:20 - ext4 /dev/sda3 rw
61 40 0:52 / /home/ann/shared rw,relatime shared:31 - nfs4 fs1:/export/risk rw,vers=4.2
62 40 0:53 / /home/ann/team\\040drive rw,relatime - cifs //nas/team rw,vers=3.1.1
63 40 0:54 / /home/ann/remote rw,nosuid - fuse.sshfs ann@host:/srv rw,user_id=0
";

    #[test]
    fn finds_the_mount_that_holds_a_path() {
        let fs = |p: &str| mount_fs_type(SAMPLE, Path::new(p));
        assert_eq!(fs("/home/ann/shared/w.prisk").as_deref(), Some("nfs4"));
        assert_eq!(fs("/home/ann/team drive/w.prisk").as_deref(), Some("cifs"));
        assert_eq!(
            fs("/home/ann/remote/a/w.prisk").as_deref(),
            Some("fuse.sshfs")
        );
        assert_eq!(fs("/home/ann/sharedness/w.prisk").as_deref(), Some("ext4"));
        assert_eq!(fs("/tmp/w.prisk").as_deref(), Some("ext4"));
        assert!(is_network_fs("nfs4") && is_network_fs("fuse.sshfs"));
        assert!(!is_network_fs("ext4") && !is_network_fs("fuse.portal"));
    }

    #[test]
    fn recognises_synced_folders_by_name() {
        let client = |p: &str| synced_folder(Path::new(p));
        assert_eq!(client("/home/ann/Dropbox/risk/w.prisk"), Some("Dropbox"));
        assert_eq!(
            client("/home/ann/OneDrive - Contoso/w.prisk"),
            Some("OneDrive")
        );
        assert_eq!(
            client("/Users/ann/Library/Mobile Documents/com~apple~CloudDocs/w.prisk"),
            Some("iCloud")
        );
        assert_eq!(client("/home/ann/Documents/w.prisk"), None);
        assert_eq!(client("/home/ann/Dropboxes/w.prisk"), None);
    }

    #[test]
    fn a_local_temporary_folder_gets_no_warning() {
        let dir = std::env::temp_dir().join("prisk-storage-check");
        assert_eq!(storage_warning(&dir.join("w.prisk")), None);
    }
}
