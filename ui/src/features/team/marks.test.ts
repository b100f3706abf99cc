import { describe, expect, it } from "vitest";
import type { TeamConflictView } from "../../bindings";
import { conflictMarks } from "./marks";
import { kept } from "./testData";

const names: Record<string, string> = { title: "Title", residual: "Residual score", owner: "Owner" };
const fieldName = (field: string) => names[field] ?? field;

describe("the register's marks of team conflicts", () => {
  it("names the fields waiting on one risk, and says ours stays", () => {
    const [title, residual] = kept();
    const marks = conflictMarks([title, residual, { ...title, id: "again" }], fieldName);
    expect([...marks.keys()]).toEqual([title.risk_id]);
    expect(marks.get(title.risk_id!)).toBe(
      "Conflict from the team sync, not settled yet: Title, Residual score. Ours is kept until then.",
    );
  });

  it("marks a risk for a conflict on one of its actions, by the action, and leaves out what belongs to no risk", () => {
    const [title] = kept();
    const action: TeamConflictView = {
      ...title,
      id: "k-action",
      risk_id: "risk-2",
      conflict: { ...title.conflict, table: "actions", key: "action-1", record: 'action "Sign the DPA"', field: "owner" },
    };
    const requirement: TeamConflictView = { ...title, id: "k-req", risk_id: null, conflict: { ...title.conflict, table: "requirements" } };
    const marks = conflictMarks([action, requirement], fieldName);
    expect([...marks.entries()]).toEqual([
      ["risk-2", 'Conflict from the team sync, not settled yet: action "Sign the DPA" (Owner). Ours is kept until then.'],
    ]);
  });
});
