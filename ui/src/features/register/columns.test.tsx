import { describe, expect, it } from "vitest";
import { register } from "../../test/fixtures";
import { render, screen } from "@testing-library/react";
import type { RiskFlag } from "../../bindings";
import { healthMarks, nextSort, registerColumns, sortRows } from "./columns";

describe("the register's columns", () => {
  const table = register(12);
  const columns = registerColumns(table.matrix);
  const column = (id: string) => columns.find((c) => c.id === id)!;

  it("sort references as a person reads them, and keep the register's order among equals", () => {
    const rows = [...table.rows].reverse();
    const byRef = sortRows(rows, columns, { column: "reference", descending: false });
    expect(byRef.map((r) => r.reference).slice(0, 3)).toEqual(["TEC-001", "TEC-002", "TEC-003"]);
    const withTen = rows.map((r, i) => ({ ...r, reference: i === 0 ? "TEC-10" : `TEC-${i < 10 ? i : 9}` }));
    const natural = sortRows(withTen, columns, { column: "reference", descending: true }).map((r) => r.reference);
    expect(natural[0]).toBe("TEC-10");
    // Equal categories: the register's order stays.
    expect(sortRows(rows, columns, { column: "category", descending: false })).toEqual(rows);
    expect(sortRows(rows, columns, null)).toBe(rows);
  });

  it("sort levels worst first on the first click, then the other way, then not at all", () => {
    let sort = nextSort(null, column("residual"));
    expect(sort).toEqual({ column: "residual", descending: true });
    const ranks = sortRows(table.rows, columns, sort).map((r) => column("residual").sortKey(r) as number);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    sort = nextSort(sort, column("residual"));
    expect(sort).toEqual({ column: "residual", descending: false });
    expect(nextSort(sort, column("residual"))).toBeNull();
    expect(nextSort(sort, column("title"))).toEqual({ column: "title", descending: false });
  });

  it("mark the risks health indicators bring back, with the worst status and every reason", () => {
    const r = table.rows[0]!;
    const flag = (status: RiskFlag["status"], reason: string): RiskFlag => ({
      partnership_id: "p1",
      partnership: "Acme",
      risk_id: r.id,
      reference: r.reference,
      title: r.title,
      indicator_id: reason,
      indicator: reason,
      status,
      since: null,
      reason,
    });
    const marks = healthMarks([flag("amber", "Error rate 2 % is above the amber threshold"), flag("red", "Availability 98.7 % is below the red threshold")]);
    const title = registerColumns(table.matrix, marks).find((c) => c.id === "title")!;
    render(<div>{title.cell(r)}</div>);
    const mark = screen.getByRole("img", { name: /^Back for review: Error rate 2 %.*; Availability 98.7 %/ });
    expect(mark).toHaveTextContent("Red");
    expect(mark).toHaveClass("red");
    render(<div>{title.cell(table.rows[1]!)}</div>);
    expect(screen.getAllByRole("img")).toHaveLength(1);
  });
});
