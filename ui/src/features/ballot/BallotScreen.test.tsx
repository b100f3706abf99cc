import { describe, expect, it } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { BallotFile, BallotRisk, CommandArgs, Score } from "../../bindings";
import { matrix5 } from "../../test/fixtures";
import { mockCommands } from "../../test/ipc";
import { BallotScreen } from "./BallotScreen";

function risk(n: number, current: Score | null = { likelihood: 2, impact: 3 }): BallotRisk {
  return {
    item_id: `i${n}`,
    reference: `TEC-00${n}`,
    title: `Risk ${n}`,
    description: `What risk ${n} is about`,
    cause: `Cause ${n}`,
    consequence: `Consequence ${n}`,
    current,
  };
}

function ballotFile(): BallotFile {
  return {
    format: "partner-risk-ballot",
    version: 1,
    seal: "3f9a0c",
    fixed: {
      workshop_id: "w1",
      workshop_title: "Kick-off",
      partnership_name: "Acme pilot",
      participant_id: "a",
      participant_name: "Ana",
      sets: "residual",
      round: 1,
      matrix: matrix5,
      agenda: [risk(1), risk(2, null), risk(3)],
      exported_at: "2026-11-18T09:00:00Z",
    },
    votes: [{ reference: "TEC-001", score: { likelihood: 4, impact: 4 }, comment: "", filled_at: "2026-11-18T20:00:00Z" }],
  };
}

describe("Fill in a ballot file", () => {
  it("opens the file, scores a risk, saves it at once and counts it; an error reads in words next to the field", async () => {
    const file = ballotFile();
    const fills: CommandArgs["fillBallot"][] = [];
    let refuse = false;
    mockCommands({
      openBallot: () => structuredClone(file),
      fillBallot: (args) => {
        if (refuse) {
          throw {
            code: "invalid",
            field: "score.impact",
            value: "6",
            reason: "impact is 1 to 5 on matrix Standard 5×5",
            message: "Impact is 1 to 5 on matrix Standard 5×5.",
          };
        }
        fills.push(args);
        file.votes.push({ ...args, filled_at: "2026-11-18T21:00:00Z" });
        return structuredClone(file);
      },
    });
    const user = userEvent.setup();
    render(<BallotScreen />);

    // What the file says: the workshop, the partnership, whose ballot it is, every risk.
    expect(await screen.findByRole("heading", { name: "Kick-off" })).toBeInTheDocument();
    expect(screen.getByText(/Acme pilot · ballot of/)).toHaveTextContent("Acme pilot · ballot of Ana · round 1");
    expect(screen.getByRole("status")).toHaveTextContent("1 of 3 scored");
    expect(screen.getByRole("status")).toHaveTextContent("The file is saved after each vote.");
    expect(screen.getByRole("status")).toHaveTextContent("send the file back to your facilitator");

    const second = screen.getByRole("region", { name: "TEC-002 Risk 2" });
    expect(within(second).getByText("What risk 2 is about")).toBeInTheDocument();
    expect(within(second).getByText("Cause 2")).toBeInTheDocument();
    expect(within(second).getByText("Consequence 2")).toBeInTheDocument();
    expect(within(second).getAllByText("Not scored yet")).toHaveLength(2); // the state and the current score
    const first = screen.getByRole("region", { name: "TEC-001 Risk 1" });
    expect(within(first).getByText("Likelihood 2 Unlikely, impact 3 Moderate: Medium")).toBeInTheDocument();

    // Score risk 2 and save.
    const matrix = within(second).getByRole("group", { name: "Your score for TEC-002" });
    await user.click(within(matrix).getByRole("button", { name: /^Likelihood 3 Possible, impact 4 Major/ }));
    await user.type(within(second).getByLabelText("Comment (optional)"), "Vendor lock-in");
    await user.click(within(second).getByRole("button", { name: "Save my vote" }));

    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("2 of 3 scored"));
    expect(fills).toEqual([{ reference: "TEC-002", score: { likelihood: 3, impact: 4 }, comment: "Vendor lock-in" }]);
    expect(within(second).getByText(/^Saved in the file: Likelihood 3 Possible, impact 4 Major/)).toBeInTheDocument();
    expect(within(second).getByText("Scored")).toBeInTheDocument();

    // A refused vote: the reason in words, next to the matrix, no field path.
    refuse = true;
    const third = screen.getByRole("region", { name: "TEC-003 Risk 3" });
    await user.click(within(third).getByRole("button", { name: /^Likelihood 1 Rare, impact 1 Insignificant/ }));
    await user.click(within(third).getByRole("button", { name: "Save my vote" }));
    const alert = await within(third).findByRole("alert");
    expect(alert).toHaveTextContent("Impact is 1 to 5 on matrix Standard 5×5.");
    expect(alert).not.toHaveTextContent("score.impact");
    expect(screen.getByRole("status")).toHaveTextContent("2 of 3 scored");
  });

  it("asks for a cell before saving, and offers to open a file again after a cancel", async () => {
    const file = ballotFile();
    let opens = 0;
    mockCommands({
      openBallot: () => (++opens === 1 ? null : structuredClone(file)),
    });
    const user = userEvent.setup();
    render(<BallotScreen />);

    const again = await screen.findByRole("button", { name: "Open a ballot file…" });
    await waitFor(() => expect(again).toBeEnabled());
    await user.click(again);
    const second = await screen.findByRole("region", { name: "TEC-002 Risk 2" });
    await user.click(within(second).getByRole("button", { name: "Save my vote" }));
    expect(within(second).getByRole("alert")).toHaveTextContent("Tap a cell of the matrix first.");
  });
});
