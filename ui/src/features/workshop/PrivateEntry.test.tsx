import { useState } from "react";
import { describe, expect, it } from "vitest";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { CommandArgs, WorkshopDetail } from "../../bindings";
import { mockCommands } from "../../test/ipc";
import { PrivateEntry } from "./PrivateEntry";
import { detail, item, revealedItem, round } from "./testData";

function Harness({ initial }: { initial: WorkshopDetail }) {
  const [d, setD] = useState(initial);
  const [index, setIndex] = useState(0);
  return (
    <PrivateEntry
      detail={d}
      index={index}
      onIndex={setIndex}
      onItem={(view) => setD((x) => ({ ...x, items: x.items.map((v) => (v.item.id === view.item.id ? view : v)) }))}
    />
  );
}

function backend() {
  const casts: CommandArgs["castBallot"][] = [];
  mockCommands({
    castBallot: (a) => {
      casts.push(a);
      const already = casts.map((c) => c.participantId).concat(["a"]);
      return item(1, [round(1, false)], already);
    },
  });
  return casts;
}

describe("PrivateEntry", () => {
  it("lets a voter vote privately and returns to a neutral screen that shows no vote", async () => {
    const casts = backend();
    render(<Harness initial={detail([item(1, [round(1, false)], ["a"])])} />);

    expect(screen.getByRole("heading", { name: "Hand the laptop to the next person" })).toBeInTheDocument();
    const voters = screen.getByRole("list", { name: "Voters" });
    expect(within(voters).getAllByRole("button").map((b) => b.textContent)).toEqual(["Ben", "Cy"]);

    await userEvent.click(within(voters).getByRole("button", { name: "Cy" }));
    expect(screen.getByRole("heading", { name: "Cy, your vote" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Risk number 1" })).toBeInTheDocument();
    expect(screen.queryByText(/have voted/)).not.toBeInTheDocument();
    expect(screen.queryByText("Ana")).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Cast my vote" }));
    expect(screen.getByText("Tap the cell that fits the risk first.")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Likelihood 4 Likely, impact 2 Minor: Medium" }));
    await userEvent.type(screen.getByLabelText("Comment (optional)"), "Seen it before");
    await userEvent.click(screen.getByRole("button", { name: "Cast my vote" }));

    expect(casts).toEqual([
      { itemId: "i1", participantId: "c", score: { likelihood: 4, impact: 2 }, comment: "Seen it before", proxy: false },
    ]);
    expect(await screen.findByRole("heading", { name: "Hand the laptop to the next person" })).toBeInTheDocument();
    expect(within(screen.getByRole("list", { name: "Voters" })).getAllByRole("button").map((b) => b.textContent)).toEqual([
      "Ben",
    ]);
    // No trace of the vote: no matrix, no pressed cell, no comment.
    expect(screen.queryByRole("button", { name: /^Likelihood/ })).not.toBeInTheDocument();
    expect(screen.queryByText("Seen it before")).not.toBeInTheDocument();
    expect(document.querySelector('[aria-pressed="true"]')).toBeNull();
  });

  it("takes a proxy vote for anyone, and says that voting again replaces a vote", async () => {
    const casts = backend();
    render(<Harness initial={detail([item(1, [round(1, false)], ["a"])])} />);
    await userEvent.click(screen.getByRole("checkbox", { name: /Proxy vote/ }));
    const voters = screen.getByRole("list", { name: "Voters" });
    expect(within(voters).getAllByRole("button").map((b) => b.textContent)).toEqual(["Ana", "Ben", "Cy"]);
    await userEvent.click(within(voters).getByRole("button", { name: "Ana" }));
    expect(screen.getByRole("heading", { name: "Proxy vote for Ana" })).toBeInTheDocument();
    expect(screen.getByText("Ana has voted; voting again replaces their vote.")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Likelihood 1 Rare, impact 1 Insignificant: Low" }));
    await userEvent.click(screen.getByRole("button", { name: "Cast my vote" }));
    expect(casts[0]).toMatchObject({ participantId: "a", proxy: true });
    expect(await screen.findByRole("heading", { name: "Hand the laptop to the next person" })).toBeInTheDocument();

    await userEvent.click(screen.getByText(/Already voted/));
    await userEvent.click(screen.getByRole("button", { name: "Ana (vote again)" }));
    expect(screen.getByText("You have voted; voting again replaces your vote.")).toBeInTheDocument();
  });

  it("takes no votes once the round is revealed", () => {
    backend();
    render(<Harness initial={detail([revealedItem(1)])} />);
    expect(screen.getByText(/The votes of round 1 are revealed/)).toBeInTheDocument();
    expect(screen.queryByRole("list", { name: "Voters" })).not.toBeInTheDocument();
  });
});
