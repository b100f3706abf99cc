// A scenario's steps drawn as bars on a line of days, from the core's critical path: each
// step starts when the step it waits for ends; the steps of the critical path are marked,
// and the target time to exit is a line across.
import type { Scenario, ScenarioTiming } from "../../bindings";

export function Timeline({ scenario, timing }: { scenario: Scenario; timing: ScenarioTiming | undefined }) {
  const steps = scenario.steps;
  if (!timing || steps.length === 0 || timing.critical_path.step_ends.length !== steps.length) return null;
  const path = timing.critical_path;
  const onPath = new Set(path.step_ids);
  const target = timing.target_days;
  const span = Math.max(path.days, target ?? 0, 1);
  const pct = (days: number) => `${(days / span) * 100}%`;
  const over = target !== null && path.days > target;
  return (
    <figure className="exit-timeline" aria-label={`Timeline of ${scenario.name}`}>
      <figcaption>
        Critical path <strong className={over ? "overdue" : undefined}>{path.days} days</strong>
        {target !== null ? ` against a target of ${target} days${over ? ": over the target" : ""}` : ", no target set"}
      </figcaption>
      <ol className="exit-bars">
        {steps.map((s, n) => {
          const end = path.step_ends[n] ?? 0;
          const start = end - s.duration_days;
          const critical = onPath.has(s.id);
          return (
            <li key={s.id || n} className={critical ? "critical" : undefined}>
              <span className="exit-bar-label">
                {s.title}
                {critical && <span className="visually-hidden"> (on the critical path)</span>}
              </span>
              <span className="exit-bar-track">
                <span className="exit-bar" style={{ left: pct(start), width: s.duration_days ? pct(s.duration_days) : "2px" }} />
                {target !== null && <span className="exit-target" style={{ left: pct(target) }} aria-hidden="true" />}
              </span>
              <span className="exit-bar-days">
                day {start}–{end}
              </span>
            </li>
          );
        })}
      </ol>
    </figure>
  );
}
