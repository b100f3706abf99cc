// The portfolio table: one row per partnership and a totals row. Every figure above zero
// is a link to the register or the review queue that lists it.
import type { LevelCount, Matrix, PortfolioRow, QueueFilter, ReadinessLevel, RiskFilter } from "../../bindings";
import { textOn } from "../../lib/levels";
import { plural } from "../../lib/text";
import * as to from "./targets";

/// A count; a link when there is something to see and somewhere to see it.
function Figure({ count, label, onOpen }: { count: number; label: string; onOpen?: () => void }) {
  if (count === 0) return <span className="muted">0</span>;
  if (!onOpen) return <span>{count}</span>;
  return (
    <button type="button" className="link" aria-label={label} onClick={onOpen}>
      {count}
    </button>
  );
}

function LevelChips({ levels, where, onOpen }: { levels: LevelCount[]; where: string; onOpen?: (index: number) => void }) {
  return (
    <span className="level-chips">
      {levels.map((l, i) => {
        const style = { background: l.colour, color: textOn(l.colour) };
        const label = `${plural(l.count, `${l.level} risk`)} ${where}`;
        return l.count > 0 && onOpen ? (
          <button key={l.level} type="button" className="chip" style={style} aria-label={label} onClick={() => onOpen(i)}>
            {l.level} {l.count}
          </button>
        ) : (
          <span key={l.level} className={l.count > 0 ? "chip" : "chip none"} style={style} aria-label={label} role="img">
            {l.level} {l.count}
          </span>
        );
      })}
    </span>
  );
}

/// The totals of every partnership; levels of the same name and colour (one matrix shared
/// by several partnerships) are added up, in the order they first appear.
function totalsOf(rows: PortfolioRow[]) {
  const sum = (pick: (r: PortfolioRow) => number) => rows.reduce((n, r) => n + pick(r), 0);
  const levels = new Map<string, LevelCount>();
  for (const row of rows) {
    for (const l of row.by_level) {
      const key = `${l.level}\u0000${l.colour}`;
      const seen = levels.get(key);
      levels.set(key, { ...l, count: (seen?.count ?? 0) + l.count });
    }
  }
  return {
    open: sum((r) => r.open_risks),
    levels: [...levels.values()],
    unscored: sum((r) => r.unscored),
    outside: sum((r) => r.outside_appetite),
    unreviewed: sum((r) => r.unreviewed),
    pastDue: sum((r) => r.past_due_reviews),
    dueSoon: sum((r) => r.due_soon_reviews),
    overdue: sum((r) => r.overdue_actions),
    expiring: sum((r) => r.acceptances_expiring),
    expired: sum((r) => r.acceptances_expired),
    health: { indicators_red: sum((r) => r.indicators_red), indicators_amber: sum((r) => r.indicators_amber), indicators_stale: sum((r) => r.indicators_stale) },
  };
}

/// The health indicators that are red, amber and stale, as "1 / 2 / 0".
function HealthFigures({
  counts,
  where,
}: {
  counts: Pick<PortfolioRow, "indicators_red" | "indicators_amber" | "indicators_stale">;
  where: string;
}) {
  const { indicators_red: red, indicators_amber: amber, indicators_stale: stale } = counts;
  return (
    <span
      role="img"
      className={red > 0 ? "health-figures alert" : "health-figures"}
      aria-label={`${plural(red, "indicator")} red, ${amber} amber, ${stale} stale ${where}`}
    >
      {red} / {amber} / {stale}
    </span>
  );
}

const EXIT_LEVEL: Record<ReadinessLevel, string> = { ready: "Ready", gaps: "Gaps", not_ready: "Not ready" };

/// A partnership's exit plan readiness; a link to its exit plan.
function ExitLevel({ level, partnership, onOpen }: { level: ReadinessLevel | undefined; partnership: string; onOpen?: () => void }) {
  if (!level) return <span className="muted">–</span>;
  const text = EXIT_LEVEL[level];
  const className = `exit-readiness-${level}`;
  if (!onOpen) return <span className={className}>{text}</span>;
  return (
    <button type="button" className={`link ${className}`} aria-label={`Exit plan of ${partnership}: ${text.toLowerCase()}`} onClick={onOpen}>
      {text}
    </button>
  );
}

export function PortfolioTable({
  rows,
  matrixOf,
  onOpenRegister,
  onOpenQueue,
  exitLevels,
  onOpenExit,
}: {
  rows: PortfolioRow[];
  /// Each partnership's exit plan readiness, when known.
  exitLevels?: Map<string, ReadinessLevel>;
  onOpenExit?: (partnershipId: string) => void;
  /// The matrix of a partnership, for where its appetite starts.
  matrixOf: (partnershipId: string) => Matrix | undefined;
  onOpenRegister: (partnershipId: string, filter: RiskFilter) => void;
  onOpenQueue: (filter: QueueFilter) => void;
}) {
  const total = totalsOf(rows);
  const everywhere = "in all partnerships";
  return (
    <div className="portfolio-wrap">
      <table className="portfolio" aria-label="Partnerships at a glance">
        <thead>
          <tr>
            <th scope="col">Partnership</th>
            <th scope="col">Open risks</th>
            <th scope="col">By level</th>
            <th scope="col">Unscored</th>
            <th scope="col">Outside appetite</th>
            <th scope="col">Unreviewed</th>
            <th scope="col">Reviews past due</th>
            <th scope="col">Reviews due soon</th>
            <th scope="col">Overdue actions</th>
            <th scope="col">Acceptances expiring (30 days)</th>
            <th scope="col">Acceptances expired</th>
            <th scope="col">Indicators red / amber / stale</th>
            <th scope="col">Exit plan</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const where = `in ${r.partnership}`;
            const register = (filter: RiskFilter | null) =>
              filter ? () => onOpenRegister(r.partnership_id, filter) : undefined;
            const queue = () => onOpenQueue(to.queue(r.partnership_id));
            return (
              <tr key={r.partnership_id}>
                <th scope="row">
                  {r.partnership}
                  <small className="muted">{r.matrix_name}</small>
                </th>
                <td>
                  <Figure count={r.open_risks} label={`${plural(r.open_risks, "open risk")} ${where}`} onOpen={register(to.openRisks())} />
                </td>
                <td>
                  <LevelChips
                    levels={r.by_level}
                    where={where}
                    onOpen={(i) => onOpenRegister(r.partnership_id, to.atLevel(i))}
                  />
                </td>
                <td>
                  <Figure count={r.unscored} label={`${plural(r.unscored, "unscored risk")} ${where}`} />
                </td>
                <td>
                  <Figure
                    count={r.outside_appetite}
                    label={`${plural(r.outside_appetite, "risk")} outside appetite ${where}`}
                    onOpen={register(to.outsideAppetite(matrixOf(r.partnership_id)))}
                  />
                </td>
                <td>
                  <Figure count={r.unreviewed} label={`${plural(r.unreviewed, "unreviewed risk")} ${where}`} onOpen={queue} />
                </td>
                <td>
                  <Figure count={r.past_due_reviews} label={`${plural(r.past_due_reviews, "review")} past due ${where}`} onOpen={queue} />
                </td>
                <td>
                  <Figure count={r.due_soon_reviews} label={`${plural(r.due_soon_reviews, "review")} due soon ${where}`} onOpen={queue} />
                </td>
                <td>
                  <Figure
                    count={r.overdue_actions}
                    label={`${plural(r.overdue_actions, "overdue action")} ${where}`}
                    onOpen={register(to.overdueActions())}
                  />
                </td>
                <td>
                  <Figure
                    count={r.acceptances_expiring}
                    label={`${plural(r.acceptances_expiring, "acceptance")} expiring within 30 days ${where}`}
                    onOpen={queue}
                  />
                </td>
                <td>
                  <Figure
                    count={r.acceptances_expired}
                    label={`${plural(r.acceptances_expired, "acceptance")} expired ${where}`}
                    onOpen={queue}
                  />
                </td>
                <td>
                  <HealthFigures counts={r} where={where} />
                </td>
                <td>
                  <ExitLevel
                    level={exitLevels?.get(r.partnership_id)}
                    partnership={r.partnership}
                    onOpen={onOpenExit ? () => onOpenExit(r.partnership_id) : undefined}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          {/* Register figures have no all-partnership register to open; the queue does. */}
          <tr>
            <th scope="row">Total</th>
            <td>
              <Figure count={total.open} label={`${plural(total.open, "open risk")} ${everywhere}`} />
            </td>
            <td>
              <LevelChips levels={total.levels} where={everywhere} />
            </td>
            <td>
              <Figure count={total.unscored} label={`${plural(total.unscored, "unscored risk")} ${everywhere}`} />
            </td>
            <td>
              <Figure count={total.outside} label={`${plural(total.outside, "risk")} outside appetite ${everywhere}`} />
            </td>
            {(
              [
                [total.unreviewed, "unreviewed risk", ""],
                [total.pastDue, "review", " past due"],
                [total.dueSoon, "review", " due soon"],
              ] as const
            ).map(([count, noun, state]) => (
              <td key={noun + state}>
                <Figure
                  count={count}
                  label={`${plural(count, noun)}${state} ${everywhere}`}
                  onOpen={() => onOpenQueue(to.queue(null))}
                />
              </td>
            ))}
            <td>
              <Figure count={total.overdue} label={`${plural(total.overdue, "overdue action")} ${everywhere}`} />
            </td>
            <td>
              <Figure
                count={total.expiring}
                label={`${plural(total.expiring, "acceptance")} expiring within 30 days ${everywhere}`}
                onOpen={() => onOpenQueue(to.queue(null))}
              />
            </td>
            <td>
              <Figure
                count={total.expired}
                label={`${plural(total.expired, "acceptance")} expired ${everywhere}`}
                onOpen={() => onOpenQueue(to.queue(null))}
              />
            </td>
            <td>
              <HealthFigures counts={total.health} where={everywhere} />
            </td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
