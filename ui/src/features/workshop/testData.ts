// Workshop test data shaped exactly like the generated types.
import type {
  Ballot,
  ItemView,
  Participant,
  RoundView,
  Score,
  Spread,
  Workshop,
  WorkshopDetail,
} from "../../bindings";
import { matrix5, risk } from "../../test/fixtures";

export function workshop(overrides: Partial<Workshop> = {}): Workshop {
  return {
    id: "w1",
    partnership_id: "p1",
    status: "running",
    started_at: "2026-11-20T09:00:00Z",
    closed_at: null,
    ballot_digest: null,
    created_at: "2026-11-19T09:00:00Z",
    updated_at: "2026-11-20T09:00:00Z",
    current_item: null,
    title: "Kick-off",
    date: "2026-11-20",
    place: "Room 4",
    facilitator: "Fay",
    sets: "residual",
    anonymity: "named",
    rule: { consensus_range: 1, near_window: 1, near_share_percent: 75 },
    notes: "",
    ...overrides,
  };
}

export function participant(id: string, name: string, voter = true): Participant {
  return { id, workshop_id: "w1", name, role: "", side: "ours", voter };
}

export const voters = [participant("a", "Ana"), participant("b", "Ben"), participant("c", "Cy")];

export function ballot(score: [number, number], name: string | null = null, comment = ""): Ballot {
  return {
    item_id: "i1",
    round: 1,
    participant_id: name ? name.toLowerCase() : null,
    participant_name: name,
    score: { likelihood: score[0], impact: score[1] },
    comment,
    source: "room",
    cast_at: null,
  };
}

/// A spread as the core computes it for votes (3,3), (3,3), (5,5) on the 5×5 fixture matrix.
export function nearSpread(): Spread {
  const cells = matrix5.grid.map((row) => row.map(() => 0));
  cells[2]![2] = 2;
  cells[4]![4] = 1;
  const axis = (min: number, max: number, median: number) => ({
    min,
    max,
    median,
    range: max - min,
    within: 2,
    verdict: "discuss" as const,
  });
  return {
    votes: 3,
    median: { likelihood: 3, impact: 3 },
    median_level: 1,
    likelihood: axis(3, 5, 3),
    impact: axis(3, 5, 3),
    level: axis(2, 4, 2),
    histogram: [0, 2, 0, 1],
    cells,
    outliers: [2],
    share_within: 66.7,
    verdict: "near_consensus",
  };
}

export function round(number: number, revealed: boolean, ballots: Ballot[] = [], spread: Spread | null = null): RoundView {
  return { number, revealed, votes: revealed ? ballots.length : 2, ballots, spread };
}

export function item(n: number, rounds: RoundView[], voted: string[] = ["a", "b"], decision: ItemView["decision"] = null): ItemView {
  const r = risk(n, { description: `What risk ${n} is about`, cause: "A cause", consequence: "A consequence" });
  const current = rounds[rounds.length - 1]!;
  return {
    item: {
      id: `i${n}`,
      workshop_id: "w1",
      position: n,
      risk_id: r.id,
      reference: r.reference,
      title: r.title,
      round: current.number,
      revealed: current.revealed,
      notes: "",
    },
    risk: r,
    rounds,
    voted: voters.map((p) => ({ participant_id: p.id, name: p.name, voted: voted.includes(p.id) })),
    decision,
  };
}

export function detail(items: ItemView[], overrides: Partial<Workshop> = {}): WorkshopDetail {
  return {
    workshop: workshop(overrides),
    partnership_name: "Acme pilot",
    matrix: matrix5,
    participants: [...voters, participant("o", "Olga", false)],
    items,
  };
}

export function revealedItem(n = 1): ItemView {
  return item(n, [round(1, true, [ballot([3, 3], "Ana"), ballot([3, 3], "Ben"), ballot([5, 5], "Cy", "Vendor lock-in")], nearSpread())], [
    "a",
    "b",
    "c",
  ]);
}

export const median: Score = { likelihood: 3, impact: 3 };
