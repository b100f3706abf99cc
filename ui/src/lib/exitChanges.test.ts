import { describe, expect, it } from "vitest";
import { fieldLabel, formatValue } from "./changes";

describe("an exit plan's audit rows in words", () => {
  it("names the field by its place in the plan", () => {
    expect(fieldLabel("partnership", "exit.agreement.notice_days_ours")).toBe("Exit plan · agreement · our notice period (days)");
    expect(fieldLabel("partnership", "exit.scenarios[s1].steps[t2].duration_days")).toBe("Exit plan · scenario · step · duration (days)");
    expect(fieldLabel("partnership", "exit.scenarios[s1].steps.order")).toBe("Exit plan · scenario · order of steps");
    expect(fieldLabel("partnership", "exit.data_sets[d1]")).toBe("Exit plan · data set");
    expect(fieldLabel("partnership", "exit.tests[x]")).toBe("Exit plan · exit test");
    expect(fieldLabel("partnership", "exit.substitutability")).toBe("Exit plan · substitutability");
    expect(fieldLabel("partnership", "name")).toBe("Name");
  });

  it("reads its values: items by name, tests in a line, codes, amounts, lists", () => {
    expect(formatValue("exit.scenarios[s1].steps[t2]", '{"id":"t2","title":"Revoke access","duration_days":2}')).toBe("“Revoke access”");
    expect(formatValue("exit.scenarios[s1].steps[t2]", null)).toBe("–");
    expect(
      formatValue("exit.tests[x]", JSON.stringify({ id: "x", date: "2027-01-10", kind: "tabletop", operational: "fail", financial: "not_assessed" })),
    ).toBe("Tabletop of 2027-01-10: operational fail, financial not assessed");
    expect(formatValue("exit.scenarios[s1].steps[t2].status", "in_progress")).toBe("In progress");
    expect(formatValue("exit.scenarios[s1].cost.one_off_low", "1250050")).toMatch(/^12.?500.50$/);
    expect(formatValue("exit.agreement.notice_days_ours", "90")).toBe("90");
    expect(formatValue("exit.agreement.change_of_control", "true")).toBe("Yes");
    expect(formatValue("exit.scenarios[s1].triggers", '["insolvency","sla_breach"]')).toBe("Insolvency, Sla breach");
    expect(formatValue("exit.risk_ids", '["a","b"]')).toBe("2 risks");
    expect(formatValue("exit.scenarios[s1].steps.order", '["a","b","c"]')).toBe("3 items");
    expect(formatValue("exit.roles.exit_owner", "ana_ruiz")).toBe("ana_ruiz");
  });
});
