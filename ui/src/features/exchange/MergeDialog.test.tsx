import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ExchangePreview, MergeChoices } from "../../bindings";
import { ShortcutProvider } from "../../lib/useShortcut";
import { argsOf, mockCommands, type Handlers } from "../../test/ipc";
import { MergeDialog } from "./MergeDialog";
import { threeWay } from "./testData";

function setup(handlers: Handlers = {}) {
  const calls = mockCommands({
    previewExchange: (a) => threeWay(a.choices.resolutions),
    mergeExchange: (a) => ({ preview: threeWay(a.choices.resolutions), written: true, backup: "/backups/before-merge.prisk" }),
    ...handlers,
  });
  const onMerged = vi.fn();
  render(
    <ShortcutProvider>
      <MergeDialog path="/home/ada/ben.prisk-exchange" onClose={vi.fn()} onMerged={onMerged} />
    </ShortcutProvider>,
  );
  return { calls, onMerged };
}

const lastChoices = (calls: ReturnType<typeof mockCommands>): MergeChoices => argsOf(calls, "previewExchange").at(-1)!.choices;

describe("MergeDialog: the merge preview", () => {
  it("says how the file meets this workspace, who sent it, and counts each side's changes by kind of record", async () => {
    setup();
    expect(await screen.findByText("Three-way merge.")).toBeInTheDocument();
    expect(screen.getByText(/Sent by Ben Brook \(workspace ben\.prisk\) on 7 December 2026/)).toBeInTheDocument();
    expect(screen.getByText(/Against the copy both sides kept on 30 November 2026/)).toBeInTheDocument();
    const table = screen.getByRole("table", { name: "Changes by kind of record" });
    const row = (name: string) =>
      within(table)
        .getByRole("rowheader", { name })
        .closest("tr")!
        .textContent;
    expect(row("Risks")).toBe("Risks1 new, 1 changed1 new, 2 changed1 new, 2 changed");
    expect(row("Actions")).toBe("Actions–1 deleted1 deleted");
    expect(row("History (rows)")).toBe("History (rows)3 new6 new6 new");
    // Bookkeeping is not counted for people.
    expect(within(table).queryByText(/counter/i)).not.toBeInTheDocument();
    expect(screen.getByRole("list", { name: "References renumbered" })).toHaveTextContent(
      'Their new risk "Key staff of the partner leave" becomes EXT-009: ours already has EXT-008.',
    );
    expect(screen.getByText(/to settle: 3 not yet resolved/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Resolve 3 conflicts" })).toBeInTheDocument();
  });

  it("resolves the conflicts one by one with t, m, e and Enter, previews again with each choice, and sums up before applying", async () => {
    const { calls, onMerged } = setup();
    await userEvent.click(await screen.findByRole("button", { name: "Resolve 3 conflicts" }));
    const conflict = () => screen.getByRole("region", { name: /^Conflict \d of 3$/ });
    expect(conflict()).toHaveAccessibleName("Conflict 1 of 3");
    expect(within(conflict()).getByRole("region", { name: "Base (the common copy)" })).toHaveTextContent(
      "Personal data is shared before a DPA is signed",
    );
    expect(within(conflict()).getByRole("region", { name: "Ours" })).toHaveTextContent("Personal data leaves the EU without a DPA");
    expect(within(conflict()).getByRole("region", { name: "Theirs (Ben Brook)" })).toHaveTextContent("Claims data sent abroad without a DPA");
    expect(screen.getByText("0 of 3 resolved", { exact: false })).toBeInTheDocument();

    await userEvent.keyboard("t");
    expect(screen.getByRole("button", { name: "Take theirs" })).toHaveAttribute("aria-pressed", "true");
    await waitFor(() => expect(lastChoices(calls).resolutions).toEqual({ xtitle: "theirs" }));
    await userEvent.keyboard("{Enter}");
    expect(conflict()).toHaveAccessibleName("Conflict 2 of 3");
    expect(within(conflict()).getByRole("region", { name: "Ours" })).toHaveTextContent("Likelihood 4, impact 4");

    await userEvent.keyboard("m{Enter}");
    expect(conflict()).toHaveAccessibleName("Conflict 3 of 3");
    await userEvent.keyboard("e");
    const merged = screen.getByRole("textbox", { name: "Merged owner" });
    expect(merged).toHaveValue("Ada Analyst");
    await userEvent.clear(merged);
    await userEvent.type(merged, "Ada and Ben{Enter}");

    // After the last conflict: the summary, with the preview asked with every resolution.
    const summary = await screen.findByRole("region", { name: "Summary before merging" });
    await waitFor(() =>
      expect(lastChoices(calls)).toEqual({
        resolutions: { xtitle: "theirs", xresidual: "mine", xowner: { value: "Ada and Ben" } },
        take: null,
        two_way: false,
      }),
    );
    expect(summary).toHaveTextContent("4 changes will be written: risks 1 new, 2 changed; actions 1 deleted.");
    expect(summary).toHaveTextContent("3 conflicts resolved (1 ours, 1 theirs, 1 edited).");
    expect(summary).toHaveTextContent("The history gets 6 rows from the other side.");
    expect(summary).toHaveTextContent("A backup of the workspace is taken first");
    expect(argsOf(calls, "mergeExchange")).toEqual([]);

    await userEvent.click(screen.getByRole("button", { name: "Apply the merge" }));
    expect(await screen.findByText(/4 changes written, 3 conflicts resolved/)).toBeInTheDocument();
    expect(screen.getByText("/backups/before-merge.prisk")).toBeInTheDocument();
    expect(argsOf(calls, "mergeExchange")).toEqual([{ path: "/home/ada/ben.prisk-exchange", choices: lastChoices(calls) }]);
    expect(onMerged).toHaveBeenCalledWith("p1");
  });

  it("edits a merged score as likelihood and impact, and goes back with ←", async () => {
    const { calls } = setup();
    await userEvent.click(await screen.findByRole("button", { name: "Resolve 3 conflicts" }));
    await userEvent.keyboard("{Enter}");
    expect(screen.getByRole("region", { name: "Conflict 2 of 3" })).toBeInTheDocument();
    await userEvent.keyboard("e");
    const likelihood = screen.getByRole("spinbutton", { name: "Likelihood" });
    expect(likelihood).toHaveValue(4);
    await userEvent.clear(likelihood);
    await userEvent.type(likelihood, "3");
    const impact = screen.getByRole("spinbutton", { name: "Impact" });
    await userEvent.clear(impact);
    await userEvent.type(impact, "2{Enter}");
    expect(screen.getByRole("region", { name: "Conflict 3 of 3" })).toBeInTheDocument();
    await waitFor(() => expect(lastChoices(calls).resolutions).toEqual({ xresidual: { value: { residual_l: 3, residual_i: 2 } } }));
    await userEvent.keyboard("{ArrowLeft}");
    expect(screen.getByRole("region", { name: "Conflict 2 of 3" })).toHaveTextContent("Merged value: Likelihood 3, impact 2");
    // Unsettled conflicts keep Apply away: Enter on the last goes back to the first open one.
    await userEvent.keyboard("{Enter}{Enter}");
    expect(screen.getByRole("region", { name: "Conflict 1 of 3" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "2 conflicts left" })).toBeDisabled();
  });
});

describe("MergeDialog: files it cannot merge", () => {
  it("says a damaged file's refusal in words and writes nothing", async () => {
    const { calls } = setup({
      previewExchange: () => {
        throw {
          code: "invalid",
          message: "The file: damaged or changed since it was written.",
          field: "file",
          value: "/home/ada/ben.prisk-exchange",
          reason: "damaged or changed since it was written: its content does not match its digest",
        };
      },
    });
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "This file is damaged or was changed after it was written, so it cannot be trusted. Ask the sender for a new copy.Nothing was written.",
    );
    expect(screen.getAllByRole("button", { name: "Close" })).toHaveLength(2);
    expect(argsOf(calls, "mergeExchange")).toEqual([]);
  });

  it("says a file from a newer version needs an update", async () => {
    setup({
      previewExchange: () => {
        throw {
          code: "invalid",
          message: "…",
          field: "file",
          value: "f",
          reason: "written by a newer Partner Risk (exchange version 9; this build reads version 1): update Partner Risk to merge it",
        };
      },
    });
    expect(await screen.findByRole("alert")).toHaveTextContent("written by a newer version of Partner Risk: update Partner Risk to merge it.");
  });

  it("offers to compare two ways when the file's base is unknown here", async () => {
    const twoWay: ExchangePreview = { ...threeWay(), mode: "two_way", base: null, renumbered: [] };
    const { calls } = setup({
      previewExchange: (a) => {
        if (a.choices.two_way) return twoWay;
        throw {
          code: "invalid",
          message: "…",
          field: "file",
          value: "ben.prisk-exchange",
          reason:
            'it is based on a copy of "Northwind" this workspace never had (base 0f262b3a5b90): nothing was merged; merge it with --two-way to compare every difference',
        };
      },
    });
    expect(await screen.findByRole("alert")).toHaveTextContent("based on a copy of the partnership this workspace never had");
    await userEvent.click(screen.getByRole("button", { name: "Compare two ways" }));
    expect(await screen.findByText("Two-way comparison.")).toBeInTheDocument();
    expect(lastChoices(calls).two_way).toBe(true);
    await userEvent.click(screen.getByRole("button", { name: "Resolve 3 conflicts" }));
    expect(screen.getByRole("region", { name: "Base (the common copy)" })).toHaveTextContent("No common copy");
  });
});

describe("MergeDialog: a new partnership", () => {
  it("imports it as it is, saying what it brings", async () => {
    const imported: ExchangePreview = {
      ...threeWay(),
      mode: "import",
      base: null,
      mine_counts: {},
      theirs_counts: {},
      conflicts: [],
      renumbered: [],
      apply: {
        partnerships: { new: 1, changed: 0, deleted: 0 },
        risks: { new: 54, changed: 0, deleted: 0 },
        requirements: { new: 47, changed: 0, deleted: 0 },
        reference_counters: { new: 8, changed: 0, deleted: 0 },
      },
    };
    const { calls, onMerged } = setup({
      previewExchange: () => imported,
      mergeExchange: () => ({ preview: imported, written: true, backup: null }),
    });
    expect(await screen.findByText("New partnership.")).toBeInTheDocument();
    const table = screen.getByRole("table", { name: "Changes by kind of record" });
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["Kind of record", "Imported"]);
    await userEvent.click(screen.getByRole("button", { name: "Continue" }));
    expect(screen.getByRole("region", { name: "Summary before merging" })).toHaveTextContent(
      'The partnership "Northwind Analytics – claims triage AI" is added with 102 records: 54 risks, 47 requirements.',
    );
    await userEvent.click(screen.getByRole("button", { name: "Import the partnership" }));
    expect(await screen.findByRole("status")).toHaveTextContent(
      "Imported ben.prisk-exchange: the partnership Northwind Analytics – claims triage AI with 102 records.",
    );
    expect(argsOf(calls, "mergeExchange")).toHaveLength(1);
    expect(onMerged).toHaveBeenCalledWith("p1");
  });
});

describe("MergeDialog: two records of one title", () => {
  it("keeps both with b, and ? lists the keys", async () => {
    const sameTitle: ExchangePreview = {
      ...threeWay(),
      renumbered: [],
      conflicts: [
        {
          id: "xsame",
          kind: "same_title",
          table: "risks",
          key: "r7",
          record: 'risk EXT-008 "Key people leave"',
          field: "title",
          base: null,
          mine: { reference: "EXT-008", title: "Key people leave" },
          theirs: { reference: "EXT-009", title: "Key people leave" },
          other_key: "r8",
          choices: ["mine", "theirs", "both"],
          resolution: null,
        },
      ],
    };
    const { calls } = setup({ previewExchange: () => sameTitle });
    await userEvent.click(await screen.findByRole("button", { name: "Resolve 1 conflict" }));
    expect(screen.getByText("Two different records with the same title.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Edit a merged value" })).not.toBeInTheDocument();
    await userEvent.keyboard("?");
    expect(await screen.findByRole("dialog", { name: "Keyboard shortcuts" })).toHaveTextContent("Keep both records");
    await userEvent.keyboard("?");
    await userEvent.keyboard("b");
    expect(screen.getByRole("button", { name: "Keep both" })).toHaveAttribute("aria-pressed", "true");
    await userEvent.keyboard("{Enter}");
    expect(await screen.findByRole("region", { name: "Summary before merging" })).toHaveTextContent("1 conflict resolved (1 both kept).");
    expect(lastChoices(calls).resolutions).toEqual({ xsame: "both" });
  });
});
