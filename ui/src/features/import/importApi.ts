// Typed doorways to the import commands (src-tauri/src/commands/import.rs). Types come
// from bindings.ts; errors arrive as IpcError like every other command's.
import { invoke } from "@tauri-apps/api/core";
import type { DateOrder, ImportMapping, ImportOutcome, ImportPreview, ReadOptions } from "../../bindings";

export const importApi = {
  /// The native open dialog; null when the user cancels.
  chooseFile: () => invoke<string | null>("choose_import_file"),
  /// The dry run: nothing is written.
  preview: (
    partnershipId: string,
    path: string,
    options: ReadOptions,
    mapping: ImportMapping | null,
    headerRow: number | null,
    dateOrder: DateOrder | null,
  ) => invoke<ImportPreview>("preview_import", { partnershipId, path, options, mapping, headerRow, dateOrder }),
  /// Reads the file again and imports it if its digest is still the previewed one.
  run: (
    partnershipId: string,
    path: string,
    options: ReadOptions,
    mapping: ImportMapping,
    digest: string,
    skipInvalid: boolean,
  ) => invoke<ImportOutcome>("run_import", { partnershipId, path, options, mapping, digest, skipInvalid }),
};
