// How backups are named in the window.
import type { BackupInfo, BackupReason } from "../../bindings";

const REASONS: Record<BackupReason, string> = {
  manual: "Taken by hand",
  session: "During work",
  migration: "Before an upgrade",
  import: "Before an import",
  matrix_change: "Before a matrix change",
  before_restore: "Before a restore",
};

export function reasonLabel(reason: BackupReason): string {
  return REASONS[reason] ?? reason;
}

/// "3 partnerships, 1,204 risks", or why it cannot be read.
export function holds(b: BackupInfo): string {
  if (b.problem) return `Cannot be restored: ${b.problem}`;
  const p = b.partnerships ?? 0;
  const r = b.risks ?? 0;
  return `${p.toLocaleString("en-GB")} ${p === 1 ? "partnership" : "partnerships"}, ${r.toLocaleString("en-GB")} ${r === 1 ? "risk" : "risks"}`;
}

export function size(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/// Local date and time, e.g. "2 Dec 2026, 10:45".
export function when(at: string): string {
  return new Date(at).toLocaleString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
}
