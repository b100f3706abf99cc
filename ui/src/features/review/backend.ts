// A mocked core for the review tests: canned replies by command, every call recorded.
import { matrix5, partnership } from "../../test/fixtures";
import type { Category, PartnershipSummary } from "../../bindings";
import { mockCommands, type Call, type Handlers } from "../../test/ipc";

export type Calls = Call[];

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

/** The two partnerships, the categories and the preset matrix unless `replies` say
 * otherwise; any other command without a reply answers null. */
export function backend(replies: Handlers): Calls {
  return mockCommands({
    listPartnerships: () => [summary, { ...summary, id: "p2", name: "Beta bank" }],
    categories: () => categories,
    matrices: () => [matrix5],
    ...replies,
  });
}
