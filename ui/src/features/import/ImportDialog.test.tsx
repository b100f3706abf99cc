import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ImportMapping, ImportPreview, PlannedRow } from "../../bindings";
import { matrix5 } from "../../test/fixtures";
import { argsOf, mockCommands } from "../../test/ipc";
import { ImportDialog } from "./ImportDialog";

const mapping: ImportMapping = {
  header_row: 1,
  columns: [
    { index: 0, header: "Risk", target: "title", how: "its header" },
    { index: 1, header: "Area", target: "category", how: "its header" },
    { index: 2, header: "Probability", target: "inherent_likelihood", how: "its header; unqualified pairs: inherent, residual, target" },
    { index: 3, header: "Severity", target: "inherent_impact", how: "its header; unqualified pairs: inherent, residual, target" },
    { index: 4, header: "Comments", target: "note", how: "another column has this field: kept in the description" },
  ],
  values: [
    {
      column: 1,
      header: "Area",
      entries: [
        { value: "Tech", rows: 2, to: "technical", how: "by name" },
        { value: "Lieferkette", rows: 1, to: "lieferkette", how: "a new category (LIE)" },
      ],
    },
    {
      column: 2,
      header: "Probability",
      entries: [
        { value: "High", rows: 2, to: "4", how: "by rank in Low…Very high" },
        { value: "Medium…", rows: 1, to: null, how: "not recognised" },
      ],
    },
  ],
  date_order: null,
  default_category: "operational",
  new_categories: [{ code: "lieferkette", name: "Lieferkette", prefix: "LIE", built_in: false }],
};

function row(n: number, title: string, valid = true, change: PlannedRow["change"] = "new"): PlannedRow {
  return {
    row: n,
    change,
    valid,
    existing_id: null,
    existing_reference: null,
    fields: {
      category: "technical",
      title,
      description: "",
      cause: "",
      consequence: "",
      owner: "",
      status: "open",
      treatment: null,
      treatment_rationale: "",
      acceptance_approver: "",
      acceptance_expiry: null,
      inherent: valid ? { likelihood: 4, impact: 3 } : null,
      residual: null,
      target: null,
      tags: [],
      next_review: null,
    },
  };
}

const preview: ImportPreview = {
  plan: {
    partnership_id: "p1",
    file_name: "register.csv",
    source: { kind: "csv", sheets: [], sheet: null, encoding: "windows-1252", delimiter: ";", digest: "abc123" },
    headers: ["Risk", "Area", "Probability", "Severity", "Comments"],
    mapping,
    rows: [row(2, "API changes without notice"), row(3, "Partner insolvency"), row(14, "No exit plan", false)],
    problems: [{ row: 14, column: "Probability", message: '"Medium…" is not a likelihood' }],
    warnings: [{ row: null, column: null, message: "2 rows hold only a reference or numbers; skipped (rows 15, 16)" }],
    counts: { rows: 5, skipped: 2, valid: 2, invalid: 1, new: 2, update: 0, unchanged: 0 },
    date_order_unclear: false,
  },
  rows_shown: 3,
  rows_total: 3,
  problems_shown: 1,
  problems_total: 1,
};

function setup() {
  const onImported = vi.fn();
  const calls = mockCommands({
    matrices: () => [matrix5],
    categories: () => [{ code: "technical", name: "Technical", prefix: "TEC", built_in: true }],
    previewImport: ({ mapping: given }) =>
      given ? { ...preview, plan: { ...preview.plan, mapping: { ...mapping, columns: given.columns } } } : preview,
    runImport: () => ({ created: 2, updated: 0, unchanged: 0, skipped: 1, categories_created: 1 }),
  });
  render(<ImportDialog partnershipId="p1" matrixId="preset-5x5" path="/home/ana/register.csv" onClose={vi.fn()} onImported={onImported} />);
  return { calls, onImported };
}

describe("ImportDialog", () => {
  it("asks how dates are written when the core says the file's dates can be read both ways", async () => {
    mockCommands({
      matrices: () => [matrix5],
      categories: () => [],
      previewImport: () => ({ ...preview, plan: { ...preview.plan, date_order_unclear: true } }),
    });
    render(<ImportDialog partnershipId="p1" matrixId="preset-5x5" path="/home/ana/register.csv" onClose={vi.fn()} onImported={vi.fn()} />);
    expect(await screen.findByLabelText("Dates such as 03/04/2027 are")).toHaveDisplayValue("Choose…");
  });

  it("shows the dry run: how the file was read, the counts, the rows and the problems in words", async () => {
    const { calls } = setup();
    expect(
      await screen.findByText("5 rows: 2 new, 0 updates, 0 unchanged, 1 with problems, 2 without a risk (skipped)"),
    ).toBeInTheDocument();
    expect(argsOf(calls, "previewImport")[0]).toEqual({
      partnershipId: "p1",
      path: "/home/ana/register.csv",
      options: { sheet: null, delimiter: null, encoding: null },
      mapping: null,
      headerRow: null,
      dateOrder: null,
    });
    expect(screen.getByLabelText("Encoding")).toHaveValue("windows-1252");
    expect(screen.getByLabelText("Separator")).toHaveValue(";");
    expect(screen.getByLabelText("Header row")).toHaveValue(1);
    expect(screen.queryByLabelText("Dates such as 03/04/2027 are")).toBeNull();
    expect(screen.getByLabelText('Column "Comments" becomes')).toHaveDisplayValue("Add to description");
    expect(screen.getByLabelText('"High" in "Probability" becomes')).toHaveDisplayValue("4 · Likely");
    expect(screen.getByLabelText('"Medium…" in "Probability" becomes')).toHaveDisplayValue("Not recognised");
    // What was guessed and why: each column's reason, a category the import would add.
    const columns = within(screen.getByRole("table", { name: "Columns" })).getAllByRole("row");
    expect(columns[5]).toHaveTextContent("another column has this field: kept in the description");
    expect(screen.getByLabelText('"Lieferkette" in "Area" becomes')).toHaveDisplayValue("Lieferkette (new)");
    expect(screen.getByText("a new category (LIE)")).toBeInTheDocument();
    const warnings = screen.getByRole("region", { name: "Warnings" });
    expect(within(warnings).getByText("2 rows hold only a reference or numbers; skipped (rows 15, 16)")).toBeInTheDocument();
    const problems = screen.getByRole("region", { name: "Problems" });
    expect(within(problems).getByText('Row 14, column "Probability": "Medium…" is not a likelihood')).toBeInTheDocument();
    const rows = within(screen.getByRole("table", { name: "Rows to import" })).getAllByRole("row");
    expect(rows[3]).toHaveClass("has-problem");
    expect(rows[3]).toHaveTextContent("Problem");
    expect(rows[1]).toHaveTextContent("API changes without notice");
    expect(rows[1]).toHaveTextContent("High");
  });

  it("previews again with the edited mapping when a column's target changes", async () => {
    const { calls } = setup();
    await screen.findByText(/5 rows:/);
    await userEvent.selectOptions(screen.getByLabelText('Column "Comments" becomes'), "Owner");
    await waitFor(() => expect(argsOf(calls, "previewImport")).toHaveLength(2));
    const sent = argsOf(calls, "previewImport")[1]!.mapping!;
    expect(sent.columns.find((c) => c.index === 4)!.target).toBe("owner");
    expect(sent.columns.find((c) => c.index === 0)!.target).toBe("title");
    expect(sent.header_row).toBe(1);
    // Only what the user chose is sent for values: the rest stays the core's proposal.
    expect(sent.values).toEqual([]);

    // A field takes one column: giving "Risk"'s field to another column skips "Risk".
    await userEvent.selectOptions(screen.getByLabelText('Column "Area" becomes'), "Title");
    await waitFor(() => expect(argsOf(calls, "previewImport")).toHaveLength(3));
    const again = argsOf(calls, "previewImport")[2]!.mapping!;
    expect(again.columns.map((c) => c.target)).toEqual(["skip", "title", "inherent_likelihood", "inherent_impact", "owner"]);
  });

  it("imports only when the problems are dealt with, with the previewed digest, and says what it did", async () => {
    const { calls, onImported } = setup();
    await screen.findByText(/5 rows:/);
    const importButton = screen.getByRole("button", { name: "Import 2 risks" });
    expect(importButton).toBeDisabled();
    await userEvent.click(screen.getByRole("checkbox", { name: "Import only the valid rows" }));
    expect(importButton).toBeEnabled();
    await userEvent.click(importButton);
    expect(
      await screen.findByText("Imported: 2 new risks, 0 updated, 0 unchanged. 1 row with problems was left out. 1 new category added."),
    ).toBeInTheDocument();
    const run = argsOf(calls, "runImport")[0]!;
    expect(run).toMatchObject({
      partnershipId: "p1",
      path: "/home/ana/register.csv",
      digest: "abc123",
      skipInvalid: true,
      options: { sheet: null, delimiter: ";", encoding: "windows-1252" },
    });
    expect(run.mapping.columns).toEqual(mapping.columns);
    expect(run.mapping.new_categories).toEqual(mapping.new_categories);
    expect(onImported).toHaveBeenCalledWith({ created: 2, updated: 0, unchanged: 0, skipped: 1, categories_created: 1 });
  });

  it("says in words when the file changed since the preview", async () => {
    setup();
    mockCommands({
      runImport: () => {
        throw { code: "conflict", field: "file", message: "The file has changed since the preview. Preview it again." };
      },
      previewImport: () => ({ ...preview, plan: { ...preview.plan, problems: [], counts: { ...preview.plan.counts, invalid: 0 } } }),
      matrices: () => [],
      categories: () => [],
    });
    await screen.findByText(/5 rows:/);
    await userEvent.click(screen.getByRole("button", { name: "Import 2 risks" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The file has changed since the preview. Preview it again.");
  });
});
