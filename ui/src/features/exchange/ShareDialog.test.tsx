import { describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Sent } from "../../bindings";
import { register } from "../../test/fixtures";
import { argsOf, mockCommands } from "../../test/ipc";
import { SendDialog } from "./SendDialog";
import { ShareDialog } from "./ShareDialog";

const sent: Sent = {
  path: "/home/ada/Acme (partner).prisk-exchange",
  exported: {
    partnership: "Acme pilot",
    bytes: 58_935,
    digest: "d",
    base: null,
    records: { partnerships: 1, risks: 2, requirements: 4, reference_counters: 3, requirement_risks: 5 },
  },
};

describe("Share with the partner", () => {
  it("shares every risk by default, or the ones chosen, with the chosen fields; says what stays home and what was sent", async () => {
    const calls = mockCommands({ register: () => register(3), sendPartnership: () => sent });
    render(<ShareDialog partnershipId="p1" name="Acme pilot" onClose={vi.fn()} />);
    const all = await screen.findByRole("checkbox", { name: "All risks (3 of 3 chosen)" });
    expect(all).toBeChecked();
    expect(screen.getByText(/Stays home:/).parentElement).toHaveTextContent(
      "internal rationale (the treatment rationale), costs and actions, reviews and their notes",
    );
    await userEvent.click(screen.getByRole("button", { name: "Share 3 risks…" }));
    expect(await screen.findByRole("status")).toHaveTextContent(
      "Sent 12 records of Acme pilot: 2 risks, 4 requirements, 5 links of requirements to risks.",
    );
    expect(screen.getByText(/58\.9 kB, saved to/)).toHaveTextContent("/home/ada/Acme (partner).prisk-exchange");
    expect(argsOf(calls, "sendPartnership")[0]).toEqual({
      partnershipId: "p1",
      options: { for_partner: true, risks: [], fields: ["description", "cause", "consequence", "tags"] },
    });
  });

  it("sends only the risks left chosen, and no extra field when all are unticked", async () => {
    const calls = mockCommands({ register: () => register(3), sendPartnership: () => sent });
    render(<ShareDialog partnershipId="p1" name="Acme pilot" onClose={vi.fn()} />);
    await userEvent.click(await screen.findByRole("checkbox", { name: "TEC-002 Risk number 2" }));
    expect(screen.getByRole("checkbox", { name: "All risks (2 of 3 chosen)" })).toHaveProperty("indeterminate", true);
    for (const name of ["Description", "Cause", "Consequence", "Tags"]) {
      await userEvent.click(screen.getByRole("checkbox", { name }));
    }
    await userEvent.click(screen.getByRole("button", { name: "Share 2 risks…" }));
    await screen.findByRole("status");
    expect(argsOf(calls, "sendPartnership")[0].options).toEqual({ for_partner: true, risks: ["TEC-001", "TEC-003"], fields: ["title"] });
  });
});

describe("Send partnership", () => {
  it("says what goes, saves through the save dialog and says what was sent; a cancel sends nothing", async () => {
    let answer: Sent | null = null;
    const calls = mockCommands({ sendPartnership: () => answer });
    render(<SendDialog partnershipId="p1" name="Acme pilot" onClose={vi.fn()} />);
    expect(screen.getByText(/Everything of/)).toHaveTextContent("workshops with their ballots and decisions, reviews, acceptances");
    await userEvent.click(screen.getByRole("button", { name: "Save the file…" }));
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
    answer = sent;
    await userEvent.click(screen.getByRole("button", { name: "Save the file…" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Sent 12 records of Acme pilot");
    expect(argsOf(calls, "sendPartnership")[1]).toEqual({ partnershipId: "p1", options: { for_partner: false, risks: [], fields: [] } });
  });
});
