// Every error the core returns for the window's forms (walked by the core's own test,
// `cargo test -p partner-risk-core --test messages`, into core-errors.json) reads as a
// sentence for people where the window shows it: no field key, no "field:" in front, no
// "(got …)" behind. The main forms are rendered with each of their errors, which must
// appear next to the field they concern.
import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { IpcError } from "../bindings";
import { errorFor, messageOf, plainMessage } from "../lib/errors";
import { reviewMessage } from "../features/review/words";
import { bannerMessage, errorAt } from "../features/workshop/words";
import { RiskEditor } from "../features/risk/RiskEditor";
import { NewPartnershipDialog } from "../features/partnerships/NewPartnershipDialog";
import { matrix5, risk } from "../test/fixtures";
import { mockCommands } from "../test/ipc";
import walked from "../test/core-errors.json";

type Walked = { form: string; code: string; field: string | null; message: string };
const errors = walked as Walked[];

function ipc(e: Walked): IpcError {
  return { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) };
}

/// What the window shows for an error of a form, the way that form shows it.
function shown(e: Walked): string {
  const error = ipc(e);
  const field = error.field ?? "";
  switch (e.form) {
    case "review":
      return reviewMessage(error, null);
    case "acceptance":
      return plainMessage(error);
    case "workshop":
    case "participant":
    case "decision":
      return errorAt(error, field) ?? bannerMessage(error);
    case "activity":
      return messageOf(error);
    default:
      return errorFor(error, field) ?? error.message;
  }
}

/// Why a message reads like a log line, or null.
function logLike(message: string, field: string | null): string | null {
  if (/\(got /.test(message)) return "quotes (got …)";
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
