// Typed doorways to the backup commands (src-tauri/src/commands/backups.rs).
import { invoke } from "@tauri-apps/api/core";
import type { BackupInfo, Restored } from "../../bindings";

export const backupsApi = {
  /// The workspace's backups, newest first.
  list: () => invoke<BackupInfo[]>("list_backups"),
  /// Restores one (by its path) over the workspace; the current file is kept first.
  restore: (backup: string) => invoke<Restored>("restore_backup", { backup }),
};
