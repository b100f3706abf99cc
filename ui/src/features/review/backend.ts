// A mocked core for the review tests: canned replies by command, every call recorded.
import { mockIPC } from "@tauri-apps/api/mocks";
import { matrix5, partnership } from "../../test/fixtures";
import type { Category, PartnershipSummary } from "../../bindings";

export type Calls = { cmd: string; args: Record<string, unknown> }[];

const summary: PartnershipSummary = {
  ...partnership,
  matrix_name: "Standard 5×5",
  risk_count: 3,
  risks_by_level: [],
};

const categories: Category[] = [
  { code: "technical", name: "Technical", prefix: "TEC", built_in: true },
  { code: "regulatory", name: "Regulatory", prefix: "REG", built_in: true },
];

export function backend(replies: Record<string, (args: Record<string, unknown>) => unknown>): Calls {
  const calls: Calls = [];
  mockIPC((cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args: a });
    const reply = replies[cmd];
    if (reply) return reply(a);
    if (cmd === "list_partnerships") return [summary, { ...summary, id: "p2", name: "Beta bank" }];
    if (cmd === "categories") return categories;
    if (cmd === "matrices") return [matrix5];
    return null;
  });
  return calls;
}
