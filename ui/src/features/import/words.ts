// The import in people's words: field names, problems and counts (the words for errors are in
// lib/errors.ts).
import type { ColumnTarget, FileKind, ImportCounts, ImportOutcome, ImportProblem, TextEncoding } from "../../bindings";
import { plural } from "../../lib/text";

/// Where a column can go, in the order the select lists them.
export const TARGETS: [ColumnTarget, string][] = [
  ["title", "Title"],
  ["title_from_text", "Title from its text (first line)"],
  ["reference", "Reference"],
  ["category", "Category"],
  ["description", "Description"],
  ["cause", "Cause"],
  ["consequence", "Consequence"],
  ["owner", "Owner"],
  ["status", "Status"],
  ["inherent_likelihood", "Inherent likelihood"],
  ["inherent_impact", "Inherent impact"],
  ["residual_likelihood", "Residual likelihood"],
  ["residual_impact", "Residual impact"],
  ["target_likelihood", "Target likelihood"],
  ["target_impact", "Target impact"],
  ["treatment", "Treatment"],
  ["treatment_rationale", "Treatment rationale"],
  ["acceptance_approver", "Acceptance approver"],
  ["acceptance_expiry", "Acceptance expiry"],
  ["next_review", "Next review"],
  ["tags", "Tags"],
  ["note", "Add to description"],
  ["skip", "Skip"],
];

export const targetLabel = (target: ColumnTarget) => TARGETS.find(([t]) => t === target)?.[1] ?? target;

/// Targets one column at most may have (the others are Skip and Add to description).
export const single = (target: ColumnTarget) => target !== "skip" && target !== "note";

export const ENCODINGS: [TextEncoding, string][] = [
  ["utf-8", "UTF-8"],
  ["windows-1252", "Windows-1252 (Western Europe)"],
  ["utf-16le", "UTF-16 LE"],
  ["utf-16be", "UTF-16 BE"],
];

export const SEPARATORS: [string, string][] = [
  [",", "Comma ( , )"],
  [";", "Semicolon ( ; )"],
  ["\t", "Tab"],
  ["|", "Bar ( | )"],
];

/// `Row 14, column "Probability": "Medium…" is not a likelihood`.
export function problemText(p: ImportProblem): string {
  if (p.row !== null && p.column !== null) return `Row ${p.row}, column "${p.column}": ${p.message}`;
  if (p.row !== null) return `Row ${p.row}: ${p.message}`;
  if (p.column !== null) return `Column "${p.column}": ${p.message}`;
  return p.message.charAt(0).toUpperCase() + p.message.slice(1);
}

/// "54 rows: 50 new, 3 updates, 1 unchanged, 0 with problems".
export function countsText(c: ImportCounts): string {
  const skipped = c.skipped > 0 ? `, ${c.skipped} without a risk (skipped)` : "";
  return `${plural(c.rows, "row")}: ${c.new} new, ${plural(c.update, "update")}, ${c.unchanged} unchanged, ${c.invalid} with problems${skipped}`;
}

/// How the file was read, for its kind: "Excel workbook", "OpenDocument spreadsheet"…
export function kindText(kind: FileKind): string {
  switch (kind) {
    case "xlsx":
      return "Excel workbook";
    case "xls":
      return "Excel 97-2003 workbook";
    case "xlsb":
      return "Excel binary workbook";
    case "ods":
      return "OpenDocument spreadsheet";
    case "csv":
      return "Text (CSV)";
  }
}

/// What an import did, in a sentence.
export function outcomeText(o: ImportOutcome): string {
  const parts = [`${plural(o.created, "new risk")}`, `${o.updated} updated`, `${o.unchanged} unchanged`];
  const skipped = o.skipped > 0 ? ` ${plural(o.skipped, "row")} with problems ${o.skipped === 1 ? "was" : "were"} left out.` : "";
  const categories = o.categories_created > 0 ? ` ${plural(o.categories_created, "new category", "new categories")} added.` : "";
  return `Imported: ${parts.join(", ")}.${skipped}${categories}`;
}
