import { describe, expect, it } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { BallotImport, MinutesExport, WorkshopDetail } from "../../bindings";
import { ShortcutProvider } from "../../lib/useShortcut";
import { register } from "../../test/fixtures";
import { mockCommands, type Call, type Handlers } from "../../test/ipc";
import { WorkshopScreen } from "./WorkshopScreen";
import { detail, item, round } from "./testData";

function backend(state: WorkshopDetail, replies: Handlers) {
  return mockCommands({ ...replies, workshopDetail: () => structuredClone(state) });
}

/// The commands called, in order.
const names = (calls: Call[]) => calls.map((c) => c.command);

function show() {
  render(
    <ShortcutProvider>
      <WorkshopScreen workshopId="w1" onBack={() => {}} onRisksChanged={() => {}} />
    </ShortcutProvider>,
  );
}

const minutes: MinutesExport = { path: "/home/fay/Kick-off – minutes.pdf", pages: 4, items: 2, bytes: 81234 };

describe("workshop files", () => {
  it("exports the draft minutes of a running workshop and opens them", async () => {
    const calls = backend(detail([item(1, [round(1, false)])]), { exportMinutes: () => minutes });
    const user = userEvent.setup();
    show();

    // The presenter view is for the projector: the files are on the other faces.
    await user.click(await screen.findByRole("tab", { name: "Private entry" }));
    const button = await screen.findByRole("button", { name: "Export minutes…" });
    expect(button).toHaveAccessibleDescription("A draft, marked DRAFT: the workshop is still running.");
    await user.click(button);

    const saved = await screen.findByText(/Minutes saved: 4 pages/);
    expect(saved).toHaveTextContent("Minutes saved: 4 pages (a draft: the workshop is still running), 2 items, in Kick-off – minutes.pdf.");
    await user.click(within(saved).getByRole("button", { name: "Open" }));
    await waitFor(() => expect(names(calls)).toContain("openLastExport"));
  });

  it("shows nothing when the save dialog is cancelled; a closed workshop offers the final minutes only", async () => {
    const calls = backend(detail([item(1, [round(1, true)])], { status: "closed", closed_at: "2026-11-20T12:00:00Z" }), {
      exportMinutes: () => null,
    });
    const user = userEvent.setup();
    show();

    const button = await screen.findByRole("button", { name: "Export minutes…" });
    expect(button).toHaveAccessibleDescription("The final minutes of the closed workshop.");
    expect(screen.queryByRole("button", { name: "Export ballot files…" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Import ballot files…" })).not.toBeInTheDocument();
    await user.click(button);

    await waitFor(() => expect(names(calls)).toContain("exportMinutes"));
    await waitFor(() => expect(button).toBeEnabled());
    expect(screen.queryByText(/Minutes saved/)).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Open" })).not.toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("imports ballot files: one counted, one refused whole with the reason in words", async () => {
    const results: BallotImport[] = [
      { file: "/home/fay/ballots/ann.prisk-ballot", votes: 3, error: null },
      {
        file: "/home/fay/ballots/ben.prisk-ballot",
        votes: null,
        error: {
          code: "invalid",
          field: "seal",
          value: "3f9a0c",
          reason: "does not match: the workshop, participant or agenda part was changed after export",
          message:
            "The ballot file's seal does not match: the workshop, participant or agenda part was changed after export.",
        },
      },
    ];
    const calls = backend(detail([item(1, [round(1, false)])], { status: "planned", started_at: null }), {
      importBallots: () => results,
      register: () => register(4),
      categories: () => [{ code: "technical", name: "Technical", prefix: "TEC", built_in: true }],
    });
    const user = userEvent.setup();
    show();

    expect(await screen.findByText(/Ballot files let voters give their first-round scores at home/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Export minutes…" })).not.toBeInTheDocument();
    const loads = names(calls).filter((c) => c === "workshopDetail").length;
    await user.click(screen.getByRole("button", { name: "Import ballot files…" }));

    const list = await screen.findByRole("list", { name: "Imported ballot files" });
    const rows = within(list).getAllByRole("listitem");
    expect(rows[0]).toHaveTextContent("ann.prisk-ballot: 3 votes");
    expect(rows[1]).toHaveTextContent(
      "ben.prisk-ballot: refused. This ballot file was changed after it was exported: its workshop, participant or agenda no longer match. Ask the facilitator for a new ballot file.",
    );
    expect(rows[1]).not.toHaveTextContent("seal");
    expect(screen.getByText(/1 file imported, 1 file refused/)).toBeInTheDocument();
    // The counted votes show up: the workshop is read again.
    await waitFor(() => expect(names(calls).filter((c) => c === "workshopDetail").length).toBeGreaterThan(loads));
  });
});
