// Typed doorways to the backup commands (src-tauri/src/commands/backups.rs).
import { invoke } from "@tauri-apps/api/core";
import type { BackupInfo, DamagedWorkspace, Restored } from "../../bindings";

export const backupsApi = {
  /// The workspace's backups, newest first.
  list: () => invoke<BackupInfo[]>("list_backups"),
  /// Restores one (by its path) over the workspace; the current file is kept first.
  restore: (backup: string) => invoke<Restored>("restore_backup", { backup }),
  /// The damaged workspace the window was started on, if any.
  damaged: () => invoke<DamagedWorkspace | null>("damaged_workspace"),
  /// Restores the damaged workspace's newest good backup over it and opens it.
  restoreDamaged: () => invoke<Restored>("restore_damaged"),
  /// File → Open Workspace…'s dialog.
  openAnother: () => invoke<void>("open_another_workspace"),
};
