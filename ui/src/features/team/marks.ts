// The register's mark of a risk with a team conflict waiting: which fields, in words.
import type { TeamConflictView } from "../../bindings";
import { fieldName } from "../exchange/words";

/// Risk id → the mark's title ("Conflict from the team sync, not settled yet: title, owner.
/// Ours is kept until then.").
export type ConflictMarks = Map<string, string>;

export function conflictMarks(kept: TeamConflictView[]): ConflictMarks {
  const fields = new Map<string, string[]>();
  for (const k of kept) {
    if (!k.risk_id) continue;
    const { table, field, record } = k.conflict;
    // A field of the risk by its name; one of its actions (or other records) by the record.
    const what = table === "risks" && field ? fieldName(field) : field ? `${record} (${fieldName(field)})` : record;
    const list = fields.get(k.risk_id) ?? [];
    if (!list.includes(what)) list.push(what);
    fields.set(k.risk_id, list);
  }
  const marks: ConflictMarks = new Map();
  for (const [risk, list] of fields) {
    marks.set(risk, `Conflict from the team sync, not settled yet: ${list.join(", ")}. Ours is kept until then.`);
  }
  return marks;
}
