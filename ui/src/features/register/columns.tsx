// The register's columns: what each shows, how it sorts. Plain data rather than a table
// library's row model: 10,000 risks then cost 10,000 plain objects, not 10,000 row
// objects with some forty closures each and cached cells for every row once scrolled by.
import type { ReactNode } from "react";
import type { Matrix, RegisterRow, RiskFlag } from "../../bindings";
import { LevelChip } from "../../components/LevelChip";
import { levelOf } from "../../lib/levels";
import { humanise } from "../../lib/text";

export type Column = {
  id: string;
  header: string;
  /// Fixed width in pixels; the title takes whatever the others leave.
  width?: number;
  /// What the column sorts by.
  sortKey: (risk: RegisterRow) => string | number;
  /// Whether the first click sorts from the highest (levels: the worst first).
  descendingFirst?: boolean;
  cell: (risk: RegisterRow) => ReactNode;
};

export type Sort = { column: string; descending: boolean } | null;

/// The risks health indicators bring back for review: the worst status and the reasons.
export type HealthMarks = Map<string, { status: RiskFlag["status"]; reasons: string[] }>;

const worse = ["stale", "amber", "red"];

export function healthMarks(flags: RiskFlag[]): HealthMarks {
  const marks: HealthMarks = new Map();
  for (const f of flags) {
    const seen = marks.get(f.risk_id);
    if (!seen) marks.set(f.risk_id, { status: f.status, reasons: [f.reason] });
    else {
      seen.reasons.push(f.reason);
      if (worse.indexOf(f.status) > worse.indexOf(seen.status)) seen.status = f.status;
    }
  }
  return marks;
}

/// Risks marked by the shell as waiting on a conflict from the team: risk id → the mark's
/// title in words (which fields, and that ours is kept until settled).
export type ConflictMarks = Map<string, string>;

type LevelKind = "inherent" | "residual" | "target";

/// A level's rank in the matrix, unscored lowest.
function levelRank(matrix: Matrix, risk: RegisterRow, kind: LevelKind): number {
  const score = risk[kind];
  if (!score) return -1;
  return matrix.grid[score.likelihood - 1]?.[score.impact - 1] ?? -1;
}

export function registerColumns(
  matrix: Matrix | null,
  health: HealthMarks = new Map(),
  conflicts: ConflictMarks = new Map(),
): Column[] {
  const level = (id: LevelKind, header: string): Column => ({
    id,
    header,
    width: 92,
    sortKey: (r) => (matrix ? levelRank(matrix, r, id) : -1),
    descendingFirst: true,
    cell: (r) => (matrix ? <LevelChip level={levelOf(matrix, r[id])} score={r[id]} /> : null),
  });
  return [
    { id: "reference", header: "Ref", width: 84, sortKey: (r) => r.reference, cell: (r) => r.reference },
    {
      id: "title",
      header: "Title",
      sortKey: (r) => r.title,
      cell: (r) => {
        const mark = health.get(r.id);
        const conflict = conflicts.get(r.id);
        if (!mark && !conflict) return r.title;
        const reasons = mark?.reasons.join("; ") ?? "";
        return (
          <>
            {conflict && (
              <>
                <span className="team-mark" role="img" aria-label={conflict} title={conflict}>
                  Conflict
                </span>{" "}
              </>
            )}
            {mark && (
              <>
                <span className={`health-mark ${mark.status}`} role="img" aria-label={`Back for review: ${reasons}`} title={reasons}>
                  {mark.status === "stale" ? "Stale" : mark.status === "red" ? "Red" : "Amber"}
                </span>{" "}
              </>
            )}
            {r.title}
          </>
        );
      },
    },
    { id: "category", header: "Category", width: 112, sortKey: (r) => humanise(r.category), cell: (r) => humanise(r.category) },
    { id: "owner", header: "Owner", width: 118, sortKey: (r) => r.owner, cell: (r) => r.owner },
    level("inherent", "Inherent"),
    level("residual", "Residual"),
    level("target", "Target"),
    { id: "status", header: "Status", width: 96, sortKey: (r) => r.status, cell: (r) => humanise(r.status) },
    {
      id: "next_action_due",
      header: "Next due",
      width: 112,
      // No date sorts after every date.
      sortKey: (r) => r.next_action_due ?? "9999",
      cell: (r) => {
        if (!r.next_action_due) return <span className="muted">–</span>;
        return r.overdue_actions > 0 ? (
          <span className="overdue" title={`${r.overdue_actions} overdue action(s)`}>
            {r.next_action_due}
          </span>
        ) : (
          r.next_action_due
        );
      },
    },
  ];
}

/// Clicking a header: its first direction, then the other, then the register's own order.
export function nextSort(sort: Sort, column: Column): Sort {
  const first = !!column.descendingFirst;
  if (sort?.column !== column.id) return { column: column.id, descending: first };
  if (sort.descending === first) return { column: column.id, descending: !first };
  return null;
}

// References and titles hold numbers: "TEC-9" sorts before "TEC-10".
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

/// The rows in the sort's order (stable: equal keys keep the register's order); the
/// keys are computed once per row, not once per comparison.
export function sortRows(rows: RegisterRow[], columns: Column[], sort: Sort): RegisterRow[] {
  const column = sort && columns.find((c) => c.id === sort.column);
  if (!column) return rows;
  const keys = rows.map(column.sortKey);
  const sign = sort.descending ? -1 : 1;
  const order = rows.map((_, i) => i);
  order.sort((a, b) => {
    const x = keys[a];
    const y = keys[b];
    const c = typeof x === "number" && typeof y === "number" ? x - y : collator.compare(String(x), String(y));
    return c !== 0 ? sign * c : a - b;
  });
  return order.map((i) => rows[i]);
}
