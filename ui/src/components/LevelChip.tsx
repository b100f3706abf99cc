import type { RiskLevel, Score } from "../bindings";
import { textOn } from "../lib/levels";

/// A coloured chip naming a level; an empty dash when there is no score.
export function LevelChip({ level, score }: { level: RiskLevel | null; score?: Score | null }) {
  if (!level) return <span className="muted">–</span>;
  const title = score ? `${level.name} (likelihood ${score.likelihood}, impact ${score.impact})` : level.name;
  return (
    <span className="chip" style={{ background: level.colour, color: textOn(level.colour) }} title={title}>
      {level.name}
    </span>
  );
}
