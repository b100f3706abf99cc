// The register's mark of a risk with a team conflict waiting: which fields, in words. The
// shell reads them for the partnership on screen and hands them to the register.
import { useEffect, useState } from "react";
import { api } from "../../api";
import type { TeamConflictView } from "../../bindings";

/// Risk id → the mark's title ("Conflict from the team sync, not settled yet: Title,
/// Owner. Ours is kept until then.").
export type ConflictMarks = Map<string, string>;

/// `fieldName` words a field as the conflict screen does (`residual` → "Residual score").
export function conflictMarks(kept: TeamConflictView[], fieldName: (field: string) => string): ConflictMarks {
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

const NONE: ConflictMarks = new Map();

/// The marks of one partnership, read again after every change (`version`). A help beside
/// the register: without them it shows no marks.
export function useConflictMarks(
  partnershipId: string | null,
  version: number,
  fieldName: (field: string) => string,
): ConflictMarks {
  const [marks, setMarks] = useState<ConflictMarks>(NONE);
  useEffect(() => {
    if (!partnershipId) {
      setMarks(NONE);
      return;
    }
    let live = true;
    api.teamConflicts(partnershipId).then(
      (kept) => live && setMarks(kept && kept.length > 0 ? conflictMarks(kept, fieldName) : NONE),
      () => live && setMarks(NONE),
    );
    return () => {
      live = false;
    };
  }, [partnershipId, version, fieldName]);
  return marks;
}
