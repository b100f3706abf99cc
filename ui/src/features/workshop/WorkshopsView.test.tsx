import { describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ShortcutProvider } from "../../lib/useShortcut";
import { register } from "../../test/fixtures";
import { mockCommands } from "../../test/ipc";
import { WorkshopsView } from "./WorkshopsView";
import { detail, revealedItem, workshop } from "./testData";

const digest = "9f2c1e4b7a0d3c6e9f2c1e4b7a0d3c6e9f2c1e4b7a0d3c6e9f2c1e4b7a0d3c6e";

function closedDetail() {
  const decided = {
    ...revealedItem(1),
    decision: {
      item_id: "i1",
      round: 1,
      decided_by: "fay",
      decided_at: "2026-11-20T10:00:00Z",
      score: { likelihood: 3, impact: 3 },
      how: "near_consensus" as const,
      rationale: "Three of four agree",
      dissent: "Cy sees lock-in",
    },
  };
  decided.item.revealed = true;
  return detail([decided], { status: "closed", closed_at: "2026-11-20T12:00:00Z", ballot_digest: digest });
}

describe("WorkshopsView", () => {
  it("lists the workshops and creates a new one", async () => {
    const created: unknown[] = [];
    mockCommands({
      listWorkshops: () => [{ workshop: workshop({ status: "closed" }), participants: 4, items: 3, decided: 3 }],
      createWorkshop: (args) => {
        if (!args.fields.title) throw { code: "invalid", field: "title", value: "", reason: "must not be empty", message: "Give the workshop a title." };
        created.push(args);
        return workshop({ id: "w2", status: "planned", title: args.fields.title });
      },
      workshopDetail: () => detail([], { id: "w2", status: "planned", title: "Risk day" }),
      register: () => register(2),
      categories: () => [],
    });
    render(
      <ShortcutProvider>
        <WorkshopsView partnershipId="p1" onRisksChanged={vi.fn()} />
      </ShortcutProvider>,
    );
    const table = await screen.findByRole("table", { name: "Workshops" });
    expect(within(table).getByRole("row", { name: /Kick-off/ })).toHaveTextContent("Kick-off2026-11-20Closed433 of 3");

    await userEvent.click(screen.getByRole("button", { name: "New workshop…" }));
    await userEvent.click(screen.getByRole("button", { name: "Create workshop" }));
    expect(await screen.findByText("Give the workshop a title.")).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText("Workshop title"), "Risk day");
    await userEvent.click(screen.getByRole("button", { name: "Create workshop" }));
    expect(created[0]).toMatchObject({ partnershipId: "p1", fields: { title: "Risk day", anonymity: "room", sets: "residual" } });
    expect(await screen.findByRole("button", { name: "Start workshop" })).toBeDisabled();
  });

  it("shows a closed workshop read-only: rounds, decision and the digest with a copy button", async () => {
    mockCommands({
      listWorkshops: () => [{ workshop: workshop({ status: "closed" }), participants: 4, items: 1, decided: 1 }],
      workshopDetail: () => closedDetail(),
    });
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    render(
      <ShortcutProvider>
        <WorkshopsView partnershipId="p1" onRisksChanged={vi.fn()} />
      </ShortcutProvider>,
    );
    await userEvent.click(await screen.findByRole("button", { name: "Kick-off" }));
    expect(await screen.findByText("Closed", { selector: ".ws-status" })).toBeInTheDocument();
    const decision = screen.getByLabelText("Decision on TEC-001");
    expect(decision).toHaveTextContent("Likelihood 3 Possible, impact 3 Moderate: Medium");
    expect(decision).toHaveTextContent("Near consensus");
    expect(decision).toHaveTextContent("Three of four agree");
    expect(decision).toHaveTextContent("Cy sees lock-in");
    expect(screen.getByRole("status", { name: "Verdict: Near consensus" })).toBeInTheDocument();
    expect(screen.getByText(digest)).toBeInTheDocument();
    // Nothing to change: no voting, deciding or planning controls.
    for (const name of ["Reveal", "Decide", "Re-vote", "Start workshop", "Add participant", "Close workshop…"])
      expect(screen.queryByRole("button", { name })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Copy digest" }));
    expect(writeText).toHaveBeenCalledWith(digest);
    expect(await screen.findByText("Copied")).toBeInTheDocument();
  });
});
