// Readiness, as the core computes it: the level and each gap with its reason; a gap leads
// to the field that closes it. Any gap code shows, with the core's words.
import type { Readiness } from "../../bindings";
import { focusField } from "./draft";
import { LEVELS } from "./words";

function sentence(text: string): string {
  const t = text.trim();
  return t ? `${t.charAt(0).toUpperCase()}${t.slice(1)}${/[.!?]$/.test(t) ? "" : "."}` : t;
}

export function ReadinessPanel({ readiness }: { readiness: Readiness }) {
  const { level, gaps } = readiness;
  return (
    <aside className="exit-readiness" aria-labelledby="exit-h-readiness">
      <h3 id="exit-h-readiness">
        Readiness: <span className={`exit-level exit-level-${level}`}>{LEVELS[level]}</span>
      </h3>
      {gaps.length === 0 ? (
        <p>No gaps: the plan says what it must, and its last test passed.</p>
      ) : (
        <ul className="exit-gaps" aria-label="Gaps">
          {gaps.map((g, n) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the core may list one code for one field twice (two fired triggers); the list is replaced whole
            <li key={`${g.code}-${g.field}-${n}`} className={g.severity === "blocking" ? "blocking" : undefined} data-code={g.code}>
              <button type="button" className="link" onClick={() => focusField(g.field)}>
                {sentence(g.reason)}
              </button>
              {g.severity === "blocking" && <span className="exit-blocking"> Blocks the exit</span>}
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
