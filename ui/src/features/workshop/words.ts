// Words for the workshop screens: modes, sides, verdicts, decisions and the consensus rule
// (the words for errors are in lib/errors.ts).
import type {
  Anonymity,
  ConsensusRule,
  DecidedHow,
  ScoreKind,
  Side,
  Verdict,
  WorkshopFields,
  WorkshopStatus,
} from "../../bindings";

export const ANONYMITY: { value: Anonymity; label: string; explain: string }[] = [
  { value: "named", label: "Named", explain: "After the reveal, everyone sees who voted what; names are in the minutes." },
  {
    value: "room",
    label: "Anonymous in the room",
    explain: "The file knows who voted what; the screen and the minutes never show it.",
  },
  {
    value: "anonymous",
    label: "Anonymous",
    explain: "Votes are kept without names once revealed; only who has voted is recorded.",
  },
];

export const SIDES: { value: Side; label: string }[] = [
  { value: "ours", label: "Ours" },
  { value: "partner", label: "Partner" },
  { value: "third_party", label: "Third party" },
];

export const SETS: { value: ScoreKind; label: string; explain: string }[] = [
  { value: "inherent", label: "Inherent", explain: "the risk without controls" },
  { value: "residual", label: "Residual", explain: "the risk with today's controls" },
  { value: "target", label: "Target", explain: "the risk after the planned actions" },
];

export const HOW: { value: DecidedHow; label: string }[] = [
  { value: "consensus", label: "Consensus" },
  { value: "near_consensus", label: "Near consensus" },
  { value: "facilitator", label: "Facilitator's decision" },
  { value: "deferred", label: "Deferred" },
];

export function howLabel(how: DecidedHow): string {
  return HOW.find((h) => h.value === how)?.label ?? how;
}

export function sideLabel(side: Side): string {
  return SIDES.find((s) => s.value === side)?.label ?? side;
}

export function anonymityLabel(mode: Anonymity): string {
  return ANONYMITY.find((a) => a.value === mode)?.label ?? mode;
}

export const STATUS_LABEL: Record<WorkshopStatus, string> = {
  planned: "Planned",
  running: "Running",
  closed: "Closed",
};

export const VERDICT_LABEL: Record<Verdict, string> = {
  consensus: "Consensus",
  near_consensus: "Near consensus",
  discuss: "Discuss",
};

export const DEFAULT_RULE: ConsensusRule = { consensus_range: 1, near_window: 1, near_share_percent: 75 };

function steps(n: number): string {
  return n === 1 ? "1 step" : `${n} steps`;
}

/// The rule in words (the same sentence as the core's `ConsensusRule::describe`).
export function describeRule(rule: ConsensusRule): string {
  return (
    `Consensus when all votes lie within ${steps(rule.consensus_range)} on likelihood, impact and level; ` +
    `near consensus when at least ${rule.near_share_percent} % lie within ±${steps(rule.near_window)} of the median on each; ` +
    "otherwise discuss."
  );
}

/// Which ways of deciding the verdict of the last revealed round allows (the core refuses
/// the others): a consensus needs the rule's consensus, a near consensus at least a near one.
export function allowedHows(verdict: Verdict | null): Set<DecidedHow> {
  const allowed = new Set<DecidedHow>(["facilitator", "deferred"]);
  if (verdict === "consensus" || verdict === "near_consensus") allowed.add("near_consensus");
  if (verdict === "consensus") allowed.add("consensus");
  return allowed;
}

export function blankWorkshop(title = ""): WorkshopFields {
  return {
    title,
    date: null,
    place: "",
    facilitator: "",
    sets: "residual",
    anonymity: "room",
    rule: { ...DEFAULT_RULE },
    notes: "",
  };
}

export { cellName } from "../../lib/levels";
