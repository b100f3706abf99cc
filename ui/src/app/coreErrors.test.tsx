// Every error the core returns for the window's forms (walked by the core's own test,
// `cargo test -p partner-risk-core --test messages`, into core-errors.json) reads as a
// sentence for people where the window shows it: no field key, no "field:" in front, no
// "(got …)" behind. The errors arrive as data (code, field, value, reason beside the
// sentence), and the window's words are chosen from those parts, never by reading the
// sentence back. The main forms are rendered with each of their errors, which must appear
// next to the field they concern.
import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { IpcError } from "../bindings";
import { bannerMessage, concerns, errorAt, isMissing, plainMessage, reviewMessage } from "../lib/errors";
import { RiskEditor } from "../features/risk/RiskEditor";
import { NewPartnershipDialog } from "../features/partnerships/NewPartnershipDialog";
import { matrix5, risk } from "../test/fixtures";
import { mockCommands } from "../test/ipc";
import walked from "../test/core-errors.json";

type Walked = {
  form: string;
  code: string;
  field: string | null;
  value: string | null;
  reason: string | null;
  message: string;
};
const errors = walked as Walked[];

/// The error as the window receives it (the shell leaves out the parts it has not).
function ipc(e: Walked): IpcError {
  return {
    code: e.code,
    message: e.message,
    ...(e.field !== null ? { field: e.field } : {}),
    ...(e.value !== null ? { value: e.value } : {}),
    ...(e.reason !== null ? { reason: e.reason } : {}),
  };
}

/// What the window shows for an error of a form, the way that form shows it.
function shown(e: Walked): string {
  const error = ipc(e);
  const field = error.field ?? "";
  switch (e.form) {
    case "review":
      return reviewMessage(error, false);
    case "acceptance":
      return plainMessage(error);
    default:
      return errorAt(error, field) ?? bannerMessage(error) ?? "";
  }
}

/// Why a message reads like a log line, or null.
function logLike(message: string, field: string | null): string | null {
  if (message.includes("(got ")) return "quotes (got …)";
  if (field && message.toLowerCase().startsWith(`${field.toLowerCase()}:`)) return `puts "${field}:" in front`;
  for (const part of (field ?? "").split(/[.[\]: ]/)) {
    if (part.includes("_") && message.includes(part)) return `shows the key ${part}`;
  }
  if (!/^[A-Z0-9“]/.test(message)) return "does not start with a capital";
  if (!/[.!?)]$/.test(message)) return "is not a finished sentence";
  return null;
}

describe("the core's errors in the window", () => {
  it("walks every error of every form and finds no log lines", () => {
    const forms = new Set(errors.map((e) => e.form));
    for (const form of ["risk", "partnership", "action", "workshop", "review", "acceptance", "decision"]) {
      expect(forms.has(form), form).toBe(true);
    }
    const problems = errors
      .map((e) => ({ e, text: shown(e) }))
      .map(({ e, text }) => ({ e, text, why: logLike(text, e.field) }))
      .filter((p) => p.why)
      .map((p) => `${p.e.form}/${p.e.field}: "${p.text}" ${p.why}`);
    expect(problems).toEqual([]);
    expect(errors.find((e) => e.form === "risk" && e.field === "title")?.message).toBe("Give the risk a title.");
    expect(errors.find((e) => e.form === "partnership" && e.field === "name")?.message).toBe("A partnership needs a name.");
  });

  it("carries each error's field, value and reason as data, and the window words them from the parts", () => {
    for (const e of errors) {
      const error = ipc(e);
      // Every error of a form names its field, and its reason is the core's short words,
      // never the sentence for people.
      expect(e.field, `${e.form}: ${e.message}`).not.toBeNull();
      expect(e.reason, `${e.form}/${e.field}`).not.toBeNull();
      expect(e.reason).not.toBe(e.message);
      // The field and every field it is a part of claim it: "rule" for
      // "rule.near_share_percent", "tags" for "tags[0]"; a neighbour does not.
      const field = e.field ?? "";
      expect(concerns(error, field)).toBe(true);
      const whole = field.split(/[.[]/)[0]!;
      expect(errorAt(error, whole)).toBe(e.message);
      expect(concerns(error, `${whole}_other`)).toBe(false);
      expect(bannerMessage(error, [whole])).toBeNull();
      // A value left empty is told from one that breaks a rule by the value, not the words.
      expect(isMissing(error)).toBe(e.code === "invalid" && e.value === "");
    }
    // The review form's own sentences, chosen by field and value.
    const review = (field: string, value: string) =>
      reviewMessage(ipc(errors.find((e) => e.form === "review" && e.field === field && e.value === value)!), false);
    expect(review("residual", "")).toBe("Pick the new residual score on the matrix (arrow keys, then Enter).");
    expect(review("approver", "")).toBe("Name who approved the acceptance.");
    expect(review("approver", "Ann")).toBe("Only an accept has an approver; the decision is close.");
    expect(review("expiry", "")).toBe("Give the date the acceptance expires.");
    expect(review("expiry", "2026-01-01")).toBe("The acceptance must expire after today: pick a later date.");
    expect(review("action_title", "")).toBe("Give the action a title.");
  });

  it("shows each of the risk editor's errors next to its field", async () => {
    const mine = errors.filter((e) => e.form === "risk");
    for (const e of mine) {
      mockCommands({
        matrices: () => [matrix5],
        categories: () => [{ code: "technical", name: "Technical", prefix: "TEC", built_in: true }],
        // Accepted, so that the acceptance's fields are on screen too.
        riskDetail: () => {
          const accepted = risk(1, { treatment: "accept", acceptance_approver: "Ann", acceptance_expiry: "2027-06-01", tags: ["vendor"] });
          return { risk: accepted, actions: [], requirements: [], history: [] };
        },
        requirements: () => [],
        partnerViews: () => [],
        updateRisk: () => {
          throw ipc(e);
        },
      });
      const view = render(
        <RiskEditor partnershipId="p1" matrixId="preset-5x5" riskId="r1" onClose={vi.fn()} onSaved={vi.fn()} onDeleted={vi.fn()} />,
      );
      await screen.findByDisplayValue("Risk number 1");
      await userEvent.click(screen.getByRole("button", { name: "Save" }));
      const alert = await screen.findByText(e.message);
      expect(logLike(alert.textContent ?? "", e.field)).toBeNull();
      if (e.field === "title") {
        expect(screen.getByLabelText("Title")).toHaveAttribute("aria-describedby", expect.stringContaining(alert.id));
      }
      view.unmount();
    }
  });

  it("shows each of the new-partnership dialog's errors", async () => {
    for (const e of errors.filter((x) => x.form === "partnership")) {
      mockCommands({
        matrices: () => [matrix5],
        library: () => ({ templates: [], requirements: [] }),
        categories: () => [],
        createPartnership: () => {
          throw ipc(e);
        },
      });
      const view = render(<NewPartnershipDialog onClose={vi.fn()} onCreated={vi.fn()} />);
      await userEvent.type(screen.getByLabelText("Name"), "Acme");
      await userEvent.click(screen.getByRole("button", { name: /^Create/ }));
      await waitFor(() => expect(screen.getByText(e.message)).toBeInTheDocument());
      view.unmount();
    }
  });
});
