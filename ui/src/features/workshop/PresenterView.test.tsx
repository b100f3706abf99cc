import { useState } from "react";
import { describe, expect, it } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ItemView, WorkshopDetail } from "../../bindings";
import { ShortcutProvider } from "../../lib/useShortcut";
import { risk } from "../../test/fixtures";
import { argsOf, mockCommands, type Call, type Handlers } from "../../test/ipc";
import { PresenterView } from "./PresenterView";
import { ballot, detail, item, nearSpread, revealedItem, round } from "./testData";

function Harness({ initial }: { initial: WorkshopDetail }) {
  const [d, setD] = useState(initial);
  const [index, setIndex] = useState(0);
  return (
    <ShortcutProvider>
      <PresenterView
        detail={d}
        index={index}
        onIndex={setIndex}
        onItem={(view) => setD((x) => ({ ...x, items: x.items.map((v) => (v.item.id === view.item.id ? view : v)) }))}
      />
    </ShortcutProvider>
  );
}

/// `replies`, and a risk without actions for the notes' action list; any other command answers null.
function backend(replies: Handlers): Call[] {
  return mockCommands({
    riskDetail: ({ id }) => ({ risk: risk(Number(id.slice(1))), actions: [], requirements: [], history: [] }),
    ...replies,
  });
}

const unrevealed = () => item(1, [round(1, false)], ["a", "b"]);
const second = () => item(2, [round(1, false)], []);

describe("PresenterView", () => {
  it("says who has voted, never how, then reveals the dots, the histogram and the verdict", async () => {
    const calls = backend({ revealVotes: () => revealedItem(1) });
    render(<Harness initial={detail([unrevealed(), second()])} />);

    expect(screen.getByText("2 of 3 have voted")).toBeInTheDocument();
    const who = screen.getByRole("list", { name: "Who has voted" });
    expect(within(who).getByText(/Ana/)).toHaveTextContent("Ana has voted");
    expect(within(who).getByText(/Cy/)).toHaveTextContent("Cy has not voted yet");
    expect(screen.getByText("1 of 2")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Risk number 1" })).toBeInTheDocument();
    expect(screen.getByText("What risk 1 is about")).toBeInTheDocument();
    // Before the reveal: no counts by cell, no verdict.
    expect(screen.queryAllByRole("img", { name: /votes?(,|$)/ })).toHaveLength(0);
    expect(screen.queryByRole("status", { name: /Verdict/ })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Reveal" }));
    expect(argsOf(calls, "revealVotes").some((a) => a.itemId === "i1")).toBe(true);
    expect(await screen.findByRole("status", { name: "Verdict: Near consensus" })).toBeInTheDocument();
    expect(
      screen.getByRole("img", { name: "Likelihood 3 Possible, impact 3 Moderate: Medium, 2 votes, the median" }),
    ).toHaveTextContent("Ana, Ben");
    expect(screen.getByRole("img", { name: "Likelihood 5 Almost certain, impact 5 Severe: Critical, 1 vote" })).toHaveClass(
      "outlier",
    );
    const histogram = screen.getByRole("table", { name: "Votes by level" });
    expect(within(histogram).getByRole("row", { name: /Medium/ })).toHaveTextContent("2");
    expect(screen.getByText(/outlier — explains first/).closest("li")).toHaveTextContent("Cy");
    expect(screen.getByRole("button", { name: "Reveal" })).toBeDisabled();
  });

  it("refuses a decision without a rationale in words, allows only what the verdict allows, and saves", async () => {
    let decided: ItemView | null = null;
    const calls = backend({
      decideItem: ({ fields }) => {
        const base = revealedItem(1);
        decided = {
          ...base,
          decision: {
            item_id: "i1",
            round: 1,
            decided_by: "fay",
            decided_at: "2026-11-20T10:00:00Z",
            ...fields,
          },
        };
        return decided;
      },
    });
    render(<Harness initial={detail([revealedItem(1)])} />);
    await userEvent.click(screen.getByRole("button", { name: "Decide" }));
    const rationale = screen.getByLabelText("Rationale");
    expect(rationale).toHaveFocus();
    expect(screen.getByRole("radio", { name: /^Consensus/ })).toBeDisabled();
    expect(screen.getByRole("radio", { name: "Near consensus" })).toBeChecked();
    expect(screen.getByText(/Agreed score:/)).toHaveTextContent("Likelihood 3 Possible, impact 3 Moderate: Medium");

    await userEvent.click(screen.getByRole("button", { name: "Save decision" }));
    expect(await screen.findByText("A decision needs a rationale: why the room agreed this score.")).toBeInTheDocument();
    expect(calls.some((c) => c.command === "decideItem")).toBe(false);

    await userEvent.click(screen.getByRole("button", { name: "Likelihood 4 Likely, impact 3 Moderate: High" }));
    await userEvent.type(rationale, "Three of us agree; the vendor view was heard");
    await userEvent.type(screen.getByLabelText("Dissent"), "Cy sees lock-in");
    await userEvent.click(screen.getByRole("button", { name: "Save decision" }));
    await waitFor(() => expect(decided).not.toBeNull());
    expect(argsOf(calls, "decideItem")[0]).toEqual({
      itemId: "i1",
      fields: {
        score: { likelihood: 4, impact: 3 },
        how: "near_consensus",
        rationale: "Three of us agree; the vendor view was heard",
        dissent: "Cy sees lock-in",
      },
    });
    expect(await screen.findByRole("heading", { name: "Decided · Near consensus" })).toBeInTheDocument();
  });

  it("folds the app's chrome away while presenting, and names the risk above the results after a reveal", async () => {
    backend({});
    const view = render(<Harness initial={detail([revealedItem(1)])} />);
    expect(document.documentElement).toHaveClass("presenting");
    const line = screen.getByText(/^1 of 1/);
    expect(line).toHaveTextContent("1 of 1 · TEC-001 Risk number 1");
    expect(screen.queryByText("What risk 1 is about")).toBeNull();
    view.unmount();
    expect(document.documentElement).not.toHaveClass("presenting");
  });

  it("after a split vote preselects no cell: the facilitator picks the one the room agreed", async () => {
    // The votes: 1·1, 1·2, 5·4, 5·5 — the median (L1·I2 "Low") is a score nobody argued for.
    const split = nearSpread();
    split.verdict = "discuss";
    split.median = { likelihood: 1, impact: 2 };
    const ballots = [ballot([1, 1], "Ana"), ballot([1, 2], "Ben"), ballot([5, 4], "Cy"), ballot([5, 5], "Dee")];
    const calls = backend({ decideItem: () => revealedItem(1) });
    render(<Harness initial={detail([item(1, [round(1, true, ballots, split)], ["a", "b", "c"])])} />);
    await userEvent.click(screen.getByRole("button", { name: "Decide" }));
    expect(screen.getByRole("radio", { name: /^Facilitator/ })).toBeChecked();
    expect(screen.getByText(/The votes were split/)).toBeInTheDocument();
    expect(screen.queryByText(/Agreed score:/)).toBeNull();
    const decision = screen.getByRole("form", { name: "Decision" });
    await userEvent.type(within(decision).getByLabelText("Rationale"), "We argued it through");
    await userEvent.click(screen.getByRole("button", { name: "Save decision" }));
    expect(await screen.findByText("Click the agreed cell on the matrix, or defer the decision.")).toBeInTheDocument();
    expect(calls.some((c) => c.command === "decideItem")).toBe(false);
    expect(screen.getByRole("button", { name: "Likelihood 1 Rare, impact 2 Minor: Low" })).toHaveAttribute("aria-pressed", "false");
  });

  it("shows the core's refusal next to the field, in words", async () => {
    backend({
      decideItem: () => {
        throw {
          code: "invalid",
          field: "how",
          value: "near_consensus",
          reason: "the rule's verdict on round 1 is discuss; decide as the facilitator or vote again",
          message: "The rule's verdict on round 1 is discuss; decide as the facilitator or vote again.",
        };
      },
    });
    render(<Harness initial={detail([revealedItem(1)])} />);
    await userEvent.click(screen.getByRole("button", { name: "Decide" }));
    await userEvent.type(screen.getByLabelText("Rationale"), "Because");
    await userEvent.click(screen.getByRole("button", { name: "Save decision" }));
    expect(
      await screen.findByText("The rule's verdict on round 1 is discuss; decide as the facilitator or vote again."),
    ).toBeInTheDocument();
  });

  it("works from the keyboard: R, V, D, ← and →, but not while typing the rationale", async () => {
    const calls = backend({
      revealVotes: () => revealedItem(1),
      revote: () => item(1, [revealedItem(1).rounds[0]!, round(2, false)], []),
    });
    const user = userEvent.setup();
    render(<Harness initial={detail([unrevealed(), second()])} />);

    await user.keyboard("r");
    expect(await screen.findByRole("status", { name: "Verdict: Near consensus" })).toBeInTheDocument();
    await user.keyboard("v");
    expect(await screen.findByText("0 of 3 have voted")).toBeInTheDocument();
    expect(argsOf(calls, "revote")).toHaveLength(1);
    // Round 1 stays viewable.
    await user.click(screen.getByRole("button", { name: "Round 1" }));
    expect(screen.getByRole("status", { name: "Verdict: Near consensus" })).toBeInTheDocument();

    await user.keyboard("{ArrowRight}");
    expect(screen.getByText("2 of 2")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Risk number 2" })).toBeInTheDocument();
    await user.keyboard("{ArrowLeft}");
    expect(screen.getByText("1 of 2")).toBeInTheDocument();

    await user.keyboard("d");
    const rationale = screen.getByLabelText("Rationale");
    expect(rationale).toHaveFocus();
    await user.keyboard("rvd{ArrowRight}");
    expect(rationale).toHaveValue("rvd");
    expect(screen.getByText("1 of 2")).toBeInTheDocument();
    expect(argsOf(calls, "revealVotes")).toHaveLength(1);
    expect(argsOf(calls, "revote")).toHaveLength(1);
  });
});
