// The risk's three scores drawn on its matrix (I inherent, R residual, T target). While
// rescoring, a cursor moves with the arrow keys (scope "rescore") and Enter, or a click,
// sets the new residual score (N).
import type { RefObject } from "react";
import type { Matrix, Risk, Score } from "../../bindings";
import { ShortcutHelp } from "../../components/ShortcutHelp";
import { LevelChip } from "../../components/LevelChip";
import { VoteMatrix, type CellMark } from "../../components/VoteMatrix";
import { cellName, levelOf } from "../../lib/levels";
import { useShortcut, useShortcutScope } from "../../lib/useShortcut";

export function ScoreBoard({
  matrix,
  risk,
  picking,
  cursor,
  picked,
  onCursor,
  onSet,
  onStop,
  boardRef,
}: {
  matrix: Matrix;
  risk: Risk;
  picking: boolean;
  cursor: Score | null;
  /// The new residual score chosen for a rescore, if any.
  picked: Score | null;
  onCursor: (score: Score) => void;
  onSet: (score: Score) => void;
  onStop: () => void;
  boardRef: RefObject<HTMLDivElement | null>;
}) {
  const marks: CellMark[] = [];
  if (risk.inherent) marks.push({ score: risk.inherent, short: "I", name: "inherent score" });
  if (risk.residual) marks.push({ score: risk.residual, short: "R", name: "residual score" });
  if (risk.target) marks.push({ score: risk.target, short: "T", name: "target score" });
  if (picked) marks.push({ score: picked, short: "N", name: "new residual score" });
  const rows: [string, Score | null][] = [
    ["Inherent", risk.inherent],
    ["Residual", risk.residual],
    ["Target", risk.target],
  ];
  return (
    <section aria-labelledby="rv-scores">
      <h3 id="rv-scores">Scores</h3>
      <div
        ref={boardRef}
        tabIndex={-1}
        role="group"
        className={picking ? "rv-board picking" : "rv-board"}
        aria-label={picking ? "Pick the new residual score" : undefined}
      >
        {picking && (
          <>
            <RescoreKeys matrix={matrix} cursor={cursor} onCursor={onCursor} onSet={onSet} onStop={onStop} />
            <p className="rv-hint" role="status">
              Arrow keys move the cursor; Enter sets the residual score{cursor ? ` at ${cellName(matrix, cursor.likelihood, cursor.impact)}` : ""}; Esc stops.
            </p>
          </>
        )}
        <VoteMatrix
          matrix={matrix}
          label={picking ? "Residual score picker" : `Scores of ${risk.reference}`}
          marks={marks}
          cursor={picking ? cursor : null}
          selected={picked}
          onPick={picking ? onSet : undefined}
        />
      </div>
      <dl className="rv-scores">
        {rows.map(([name, score]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>
              <LevelChip level={levelOf(matrix, score)} score={score} />
              {score && <span className="muted"> L{score.likelihood} × I{score.impact}</span>}
            </dd>
          </div>
        ))}
        {picked && (
          <div>
            <dt>New residual</dt>
            <dd>
              <LevelChip level={levelOf(matrix, picked)} score={picked} />{" "}
              <span>{cellName(matrix, picked.likelihood, picked.impact)}</span>
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}

/// The rescore keys, live while mounted (the review's own keys rest meanwhile).
function RescoreKeys({
  matrix,
  cursor,
  onCursor,
  onSet,
  onStop,
}: {
  matrix: Matrix;
  cursor: Score | null;
  onCursor: (score: Score) => void;
  onSet: (score: Score) => void;
  onStop: () => void;
}) {
  useShortcutScope("rescore");
  const at = cursor ?? { likelihood: 1, impact: 1 };
  const move = (dl: number, di: number) => {
    const clamp = (v: number, max: number) => Math.min(Math.max(v, 1), max);
    onCursor({
      likelihood: clamp(at.likelihood + dl, matrix.likelihood.length),
      impact: clamp(at.impact + di, matrix.impact.length),
    });
  };
  useShortcut("rescore.up", () => move(1, 0));
  useShortcut("rescore.down", () => move(-1, 0));
  useShortcut("rescore.right", () => move(0, 1));
  useShortcut("rescore.left", () => move(0, -1));
  useShortcut("rescore.set", () => onSet(at));
  useShortcut("rescore.cancel", onStop);
  return <ShortcutHelp scope="rescore" />;
}
