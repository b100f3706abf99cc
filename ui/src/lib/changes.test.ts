import { describe, expect, it } from "vitest";
import { fieldLabel, formatValue, knownFields, mergedField, recordSummary } from "./changes";

describe("audit rows in words", () => {
  it("names fields as the editors do", () => {
    expect(fieldLabel("risk", "residual")).toBe("Residual score");
    expect(fieldLabel("action", "due")).toBe("Due date");
    expect(fieldLabel("risk", "something_new")).toBe("Something new");
    expect(knownFields("action").map((f) => f.label)).toEqual(["Title", "Detail", "Owner", "Due date", "Status", "Cost"]);
    // Every field name once across all kinds.
    const all = knownFields(null).map((f) => f.field);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toContain("risk_ids");
  });

  it("reads logged values: scores, codes, booleans, lists, money, text", () => {
    expect(formatValue("residual", '{"likelihood":3,"impact":4}')).toBe("L3 × I4");
    expect(formatValue("residual", null)).toBe("–");
    expect(formatValue("status", "in_progress")).toBe("In progress");
    expect(formatValue("archived", "true")).toBe("Yes");
    expect(formatValue("tags", '["gdpr","dpa"]')).toBe("gdpr, dpa");
    expect(formatValue("risk_ids", '["a"]')).toBe("1 risk");
    expect(formatValue("levels", "[]")).toBe("none");
    expect(formatValue("cost", '{"minor":120050,"currency":"EUR"}')).toMatch(/^1.?200.50 EUR$/);
    expect(formatValue("title", "Partner [draft]")).toBe("Partner [draft]");
    expect(formatValue("next_review", "2026-03-01")).toBe("2026-03-01");
    expect(formatValue("started_at", "2026-03-01T09:30:12Z")).toBe("2026-03-01 09:30");
  });

  it("sums up a created or deleted record in one line", () => {
    const risk = JSON.stringify({ reference: "TEC-004", title: "API breaks without notice", status: "open" });
    expect(recordSummary("risk", "delete", risk, null)).toBe("deleted risk TEC-004 “API breaks without notice”");
    expect(recordSummary("risk", "create", risk, "TEC-004")).toBe("created risk TEC-004 “API breaks without notice”");
    const action = JSON.stringify({ title: "Sign the DPA", risk_id: "r1" });
    expect(recordSummary("action", "create", action, "REG-002")).toBe("created action “Sign the DPA” of REG-002");
    expect(recordSummary("requirement", "create", JSON.stringify({ code: "SEC-01", title: "MFA" }), null)).toBe(
      "created requirement SEC-01 “MFA”",
    );
    expect(recordSummary("partnership", "create", "not json", null)).toBe("created partnership");
  });

  it("reads the rows a merge writes for records without a kind of their own", () => {
    const id = "0195a3c2-7d1e-7b8a-9f00-3c2d1e0b9a88";
    expect(mergedField(`readings[${id}].replaced_by`)).toEqual({ table: "readings", key: id, field: "replaced_by" });
    expect(mergedField(`reviews[${id}]`)).toEqual({ table: "reviews", key: id, field: null });
    expect(mergedField("residual")).toBeNull();
    // A field of a merged record: the record's kind, then the field as the editors name it.
    expect(fieldLabel("partnership", `readings[${id}].replaced_by`)).toBe("Reading · Replaced by");
    expect(fieldLabel("partnership", `workshop_items[${id}].status`)).toBe("Workshop item · Status");
    expect(fieldLabel("partnership", `partner_views[${id}].residual`)).toBe("Partner's view · Residual score");
    expect(fieldLabel("partnership", `quant_settings[${id}]`)).toBe("Money settings");
    expect(fieldLabel("partnership", `new_table[${id}].some_field`)).toBe("New table · Some field");
    // Its values read as that field's do.
    expect(formatValue(`partner_views[${id}].residual`, '{"likelihood":1,"impact":4}')).toBe("L1 × I4");
    expect(formatValue(`workshop_items[${id}].status`, "in_progress")).toBe("In progress");
    // A whole record that arrived (or went) in a few words, not its JSON.
    const reading = JSON.stringify({ id, indicator_id: "i1", read_on: "2026-12-01", value: 98.2, note: "Bo's count" });
    expect(formatValue(`readings[${id}]`, reading)).toBe("2026-12-01: 98.2 (“Bo's count”)");
    expect(formatValue(`workshop_items[${id}]`, JSON.stringify({ id, title: "Vendor lock-in" }))).toBe("“Vendor lock-in”");
    expect(formatValue(`reviews[${id}]`, JSON.stringify({ id, decision: "no_change", reviewed_on: "2026-12-02" }))).toBe(
      "No change on 2026-12-02",
    );
    expect(formatValue(`exit_tests[${id}]`, JSON.stringify({ id, result: 3 }))).toBe("a record");
    expect(formatValue(`readings[${id}]`, null)).toBe("–");
  });
});
