import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReviewFields } from "../../bindings";
import { addDays, todayIso } from "../../lib/dates";
import { ShortcutProvider } from "../../lib/useShortcut";
import { ReviewQueueView } from "./ReviewQueueView";
import { argsOf, type Handlers } from "../../test/ipc";
import { backend, type Calls } from "./backend";
import { acceptance, context, entry, review } from "./testData";

const queue = [entry(1), entry(2), entry(3)];
const idOf = (riskId: string) => Number(riskId.slice(1));

/// The queue, with the review started from "Start reviewing" by Enter: TEC-001 on screen.
async function startReview(replies: Handlers = {}): Promise<Calls> {
  const calls = backend({
    reviewQueue: () => queue,
    reviewContext: (a) => context(idOf(a.riskId)),
    addReview: (a) => review(idOf(a.riskId), a.fields),
    ...replies,
  });
  render(
    <ShortcutProvider>
      <ReviewQueueView />
    </ShortcutProvider>,
  );
  await waitFor(() => expect(screen.getByRole("button", { name: "Start reviewing" })).toHaveFocus());
  await userEvent.keyboard("{Enter}");
  expect(await screen.findByRole("heading", { name: "Review TEC-001" })).toBeInTheDocument();
  await screen.findByRole("group", { name: "Scores of TEC-001" });
  return calls;
}

const saved = (calls: Calls) => argsOf(calls, "addReview");
const blank: ReviewFields = {
  decision: "no_change",
  rationale: "",
  residual: null,
  approver: "",
  expiry: null,
  action_title: "",
  action_owner: "",
  snooze_days: null,
  next_review: null,
};

describe("the review, by keyboard", () => {
  it("n saves no change at once and moves to the next risk; the progress line counts", async () => {
    const calls = await startReview();
    expect(screen.getByText(/Reviewed 0 · left 3/)).toBeInTheDocument();
    await userEvent.keyboard("n");
    expect(await screen.findByRole("heading", { name: "Review TEC-002" })).toBeInTheDocument();
    expect(saved(calls)).toEqual([{ riskId: "r1", fields: blank }]);
    expect(screen.getByText(/Reviewed 1 · left 2/)).toBeInTheDocument();
  });

  it("reads the next risk ahead, so a decision shows it whole at once", async () => {
    const calls = await startReview();
    const reads = (id: string) => argsOf(calls, "reviewContext").filter((a) => a.riskId === id).length;
    await waitFor(() => expect(reads("r2")).toBe(1));
    await userEvent.keyboard("n");
    // The next risk's scores are on screen in the same render as its heading: no "Loading…".
    expect(await screen.findByRole("heading", { name: "Review TEC-002" })).toBeInTheDocument();
    expect(screen.getByRole("group", { name: "Scores of TEC-002" })).toBeInTheDocument();
    expect(screen.queryByText("Loading…")).toBeNull();
    expect(reads("r2")).toBe(1);
    // …and the one after it is read ahead in turn.
    await waitFor(() => expect(reads("r3")).toBe(1));
  });

  it("s, the arrows and Enter set the residual; Ctrl+Enter in the rationale saves", async () => {
    const calls = await startReview();
    await userEvent.keyboard("s");
    // Risk 1 is inherent likelihood 2, impact 4: the cursor starts there.
    expect(screen.getByRole("button", { name: /^Likelihood 2 Unlikely, impact 4 Major/ })).toHaveAttribute("aria-current", "true");
    await userEvent.keyboard("{ArrowUp}{ArrowRight}{Enter}");
    expect(screen.getByLabelText("Rationale")).toHaveFocus();
    expect(screen.getByText(/New residual score: Likelihood 3 Possible, impact 5 Severe: High/)).toBeInTheDocument();
    await userEvent.keyboard("The vendor missed two releases");
    await userEvent.keyboard("{Control>}{Enter}{/Control}");
    await screen.findByRole("heading", { name: "Review TEC-002" });
    expect(saved(calls)[0]).toEqual({
      riskId: "r1",
      fields: { ...blank, decision: "rescore", residual: { likelihood: 3, impact: 5 }, rationale: "The vendor missed two releases" },
    });
  });

  it("a takes the approver, the expiry and the rationale as justification", async () => {
    const calls = await startReview();
    const expiry = addDays(todayIso(), 90);
    await userEvent.keyboard("a");
    expect(screen.getByLabelText("Approver")).toHaveFocus();
    await userEvent.keyboard("Olu Ade");
    fireEvent.change(screen.getByLabelText("Expires on"), { target: { value: expiry } });
    await userEvent.click(screen.getByLabelText("Rationale"));
    await userEvent.keyboard("Cheaper to carry than to fix{Control>}{Enter}{/Control}");
    await screen.findByRole("heading", { name: "Review TEC-002" });
    expect(saved(calls)[0]!.fields).toEqual({
      ...blank,
      decision: "accept",
      approver: "Olu Ade",
      expiry,
      rationale: "Cheaper to carry than to fix",
    });
  });

  it("m adds an action with its owner; Enter in a one-line field saves", async () => {
    const calls = await startReview();
    await userEvent.keyboard("m");
    expect(screen.getByLabelText("Action")).toHaveFocus();
    await userEvent.keyboard("Sign the DPA");
    await userEvent.click(screen.getByLabelText("Rationale"));
    await userEvent.keyboard("No personal data moves without it");
    await userEvent.click(screen.getByLabelText("Owner"));
    await userEvent.keyboard("Ben{Enter}");
    await screen.findByRole("heading", { name: "Review TEC-002" });
    expect(saved(calls)[0]!.fields).toEqual({
      ...blank,
      decision: "mitigate",
      action_title: "Sign the DPA",
      action_owner: "Ben",
      rationale: "No personal data moves without it",
    });
  });

  it("p snoozes for a number of days with a reason, as a no change", async () => {
    const calls = await startReview();
    await userEvent.keyboard("p");
    expect(screen.getByLabelText("Days")).toHaveFocus();
    await userEvent.keyboard("{Enter}");
    expect(await screen.findByText("Give the number of days until the next review: 1 to 365.")).toBeInTheDocument();
    expect(saved(calls)).toEqual([]);
    await userEvent.keyboard("30");
    await userEvent.click(screen.getByLabelText("Rationale"));
    await userEvent.keyboard("Waiting for the audit report{Control>}{Enter}{/Control}");
    await screen.findByRole("heading", { name: "Review TEC-002" });
    expect(saved(calls)[0]!.fields).toEqual({
      ...blank,
      snooze_days: 30,
      rationale: "Waiting for the audit report",
    });
  });

  it("z undoes the last review of the session and shows that risk again", async () => {
    const calls = await startReview();
    await userEvent.keyboard("n");
    await screen.findByRole("heading", { name: "Review TEC-002" });
    await userEvent.keyboard("z");
    expect(await screen.findByRole("heading", { name: "Review TEC-001" })).toBeInTheDocument();
    expect(argsOf(calls, "undoReview")[0]).toEqual({ reviewId: "rev-1" });
    expect(screen.getByText(/Reviewed 0 · left 3/)).toBeInTheDocument();
    expect(screen.getByText("Undid the review of TEC-001.")).toBeInTheDocument();
  });

  it("says in words why an undo is refused", async () => {
    await startReview({
      undoReview: () => {
        throw {
          code: "conflict",
          field: "review",
          value: "rev-1",
          reason: "TEC-001 changed after this review: change it in the editor instead",
          message: "TEC-001 changed after this review: change it in the editor instead.",
        };
      },
    });
    await userEvent.keyboard("n");
    await screen.findByRole("heading", { name: "Review TEC-002" });
    await userEvent.keyboard("z");
    expect(await screen.findByRole("alert")).toHaveTextContent("TEC-001 changed after this review: change it in the editor instead.");
  });

  it("single keys do nothing while typing in a field; Esc leaves the field and the decision", async () => {
    const calls = await startReview();
    await userEvent.keyboard("r");
    const rationale = screen.getByLabelText("Rationale");
    expect(rationale).toHaveFocus();
    await userEvent.keyboard("snooze accept mitigate zap");
    expect(rationale).toHaveValue("snooze accept mitigate zap");
    expect(calls.some((c) => c.command === "addReview" || c.command === "undoReview")).toBe(false);
    expect(screen.getByRole("button", { name: "Accept" })).toHaveAttribute("aria-pressed", "false");
    expect(screen.getByRole("heading", { name: "Review TEC-001" })).toBeInTheDocument();
    // A rationale written first goes with n.
    await userEvent.keyboard("{Escape}n");
    await screen.findByRole("heading", { name: "Review TEC-002" });
    expect(saved(calls)[0]!.fields).toEqual({ ...blank, rationale: "snooze accept mitigate zap" });
  });

  it("a decision without a rationale is refused in words, at the rationale", async () => {
    await startReview({
      addReview: () => {
        throw {
          code: "invalid",
          field: "rationale",
          value: "",
          reason: "an escalate decision needs a rationale",
          message: "An escalate decision needs a rationale.",
        };
      },
    });
    await userEvent.keyboard("e");
    expect(screen.getByRole("button", { name: "Escalate" })).toHaveAttribute("aria-pressed", "true");
    await userEvent.keyboard("{Control>}{Enter}{/Control}");
    expect(await screen.findByText("Give a rationale for this decision.")).toBeInTheDocument();
    expect(screen.getByLabelText("Rationale")).toHaveFocus();
    expect(screen.getByRole("heading", { name: "Review TEC-001" })).toBeInTheDocument();
  });

  it("j and k skip between risks without deciding; after the last, nothing is due", async () => {
    const calls = await startReview();
    await userEvent.keyboard("j");
    expect(await screen.findByRole("heading", { name: "Review TEC-002" })).toBeInTheDocument();
    await userEvent.keyboard("k");
    expect(await screen.findByRole("heading", { name: "Review TEC-001" })).toBeInTheDocument();
    expect(saved(calls)).toEqual([]);
    for (const next of ["TEC-002", "TEC-003"]) {
      await userEvent.keyboard("n");
      await screen.findByRole("heading", { name: `Review ${next}` });
    }
    await userEvent.keyboard("n");
    expect(await screen.findByRole("heading", { name: "Nothing is due for review" })).toBeInTheDocument();
    expect(screen.getByText(/Reviewed 3 · left 0/)).toBeInTheDocument();
  });

  it("a mouse works too: a decision's button, then Save and next", async () => {
    const calls = await startReview();
    await userEvent.click(screen.getByRole("button", { name: "Close" }));
    await userEvent.type(screen.getByLabelText("Rationale"), "The pilot ended");
    await userEvent.click(screen.getByRole("button", { name: "Save and next" }));
    await screen.findByRole("heading", { name: "Review TEC-002" });
    expect(saved(calls)[0]!.fields).toEqual({ ...blank, decision: "close", rationale: "The pilot ended" });
  });
});

describe("the review screen shows", () => {
  it("the last review, the changes since, overdue actions first, requirements and acceptances", async () => {
    const last = review(1, { decision: "rescore", rationale: "Vendor fixed the API" }, { outdated: true, at: "2026-11-01T10:00:00Z" });
    const calls = await startReview({
      reviewContext: () =>
        context(1, {
          reviews: [last, review(1, {}, { id: "rev-x", withdrawn_by: "Dana", at: "2026-11-02T10:00:00Z" })],
          detail: {
            ...context(1).detail,
            actions: [
              { id: "a1", risk_id: "r1", created_at: "", updated_at: "", title: "Later task", detail: "", owner: "", due: "2999-01-01", status: "planned", cost: null },
              { id: "a2", risk_id: "r1", created_at: "", updated_at: "", title: "Late task", detail: "", owner: "Ana", due: "2020-01-01", status: "in_progress", cost: null },
            ],
            requirements: [
              { id: "q1", partnership_id: "p1", risk_ids: ["r1"], created_at: "", updated_at: "", code: "SEC-01", title: "MFA everywhere", area: "Security", description: "", status: "in_place", evidence: "" },
            ],
            history: [
              { seq: 1, at: "2026-10-01T10:00:00Z", actor: "Dana", entity: "risk", entity_id: "r1", partnership_id: "p1", operation: "update", field: "owner", old_value: "", new_value: "Ana", context: null },
              { seq: 2, at: "2026-11-05T10:00:00Z", actor: "Ben", entity: "risk", entity_id: "r1", partnership_id: "p1", operation: "update", field: "status", old_value: "open", new_value: "mitigating", context: null },
            ],
          },
          acceptances: [acceptance(), acceptance({ id: "acc0", state: "approved", self_approved: true, expired: true, approver: "Dana" })],
        }),
      approveAcceptance: () => acceptance({ state: "approved" }),
    });
    const lastReview = screen.getByRole("heading", { name: "Last review" }).closest("section")!;
    expect(lastReview).toHaveTextContent("Rescore");
    expect(lastReview).toHaveTextContent("Vendor fixed the API");
    expect(lastReview).toHaveTextContent("Outdated");
    const changes = screen.getByRole("list", { name: "Changes since the last review" });
    expect(changes).toHaveTextContent("Status open → mitigating");
    expect(changes).not.toHaveTextContent("Owner");
    const actions = screen.getByRole("list", { name: "Actions" }).querySelectorAll("li");
    expect(actions[0]).toHaveTextContent("Overdue · Late task");
    expect(actions[1]).toHaveTextContent("Later task");
    expect(screen.getByRole("list", { name: "Requirements" })).toHaveTextContent("SEC-01 MFA everywhere In place");
    const old = screen.getByRole("listitem", { name: "Acceptance by Dana: approved" });
    expect(old).toHaveTextContent("Self-approved");
    expect(old).toHaveTextContent("Expired");

    await userEvent.click(screen.getByRole("button", { name: "Approve…" }));
    await userEvent.keyboard("Signed off in the board{Enter}");
    await waitFor(() =>
      expect(argsOf(calls, "approveAcceptance")[0]).toEqual({ id: "acc1", note: "Signed off in the board" }),
    );
    expect(saved(calls)).toEqual([]);
  });

  it("a rejection needs a note, said in words", async () => {
    const calls = await startReview({ reviewContext: () => context(1, { acceptances: [acceptance()] }) });
    await userEvent.click(screen.getByRole("button", { name: "Reject…" }));
    await userEvent.keyboard("{Enter}");
    expect(await screen.findByText("Say why the acceptance is rejected.")).toBeInTheDocument();
    expect(calls.some((c) => c.command === "rejectAcceptance")).toBe(false);
  });
});
