// Moving a partnership to another scoring matrix: the core computes how every score
// maps onto the new matrix, the user reviews the mapping, and only then applies it.
import { useEffect, useRef, useState } from "react";
import type { Matrix, MatrixChangePlan, Partnership, RiskLevel, ScoreChange } from "../../bindings";
import { api } from "../../api";
import { useCommand } from "../../lib/useCommand";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { LevelChip } from "../../components/LevelChip";
import { humanise } from "../../lib/text";
import "./change-matrix.css";

function levelNamed(matrix: Matrix | undefined, name: string): RiskLevel | null {
  return matrix?.levels.find((l) => l.name === name) ?? null;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function PlanSummary({ plan }: { plan: MatrixChangePlan }) {
  const risks = new Set(plan.changes.map((c) => c.risk_id)).size;
  const moved = plan.changes.filter((c) => c.from_level !== c.to_level).length;
  if (plan.changes.length === 0) {
    return <p className="mx-summary">No risk has a score yet: only the partnership's matrix changes.</p>;
  }
  return (
    <p className="mx-summary">
      {plural(plan.changes.length, "score", "scores")} of {plural(risks, "risk", "risks")} will be mapped;{" "}
      {moved === 0 ? "none changes level" : `${moved} ${moved === 1 ? "changes" : "change"} level`}.
    </p>
  );
}

function ChangeRow({ change, from, to }: { change: ScoreChange; from?: Matrix; to?: Matrix }) {
  const moved = change.from_level !== change.to_level;
  return (
    <tr className={moved ? "mx-moved" : undefined}>
      <th scope="row">{change.reference}</th>
      <td>{humanise(change.kind)}</td>
      <td>
        <LevelChip level={levelNamed(from, change.from_level) ?? fallback(change.from_level)} score={change.from} />
        <span className="mx-li">
          L{change.from.likelihood} I{change.from.impact}
        </span>
      </td>
      <td aria-hidden="true" className="mx-arrow">
        →
      </td>
      <td>
        <LevelChip level={levelNamed(to, change.to_level) ?? fallback(change.to_level)} score={change.to} />
        <span className="mx-li">
          L{change.to.likelihood} I{change.to.impact}
        </span>
      </td>
    </tr>
  );
}

/// A level the matrix list does not know (it changed meanwhile): shown grey, by name.
function fallback(name: string): RiskLevel {
  return { name, description: "", colour: "#9E9E9E", review_days: 1, within_appetite: false };
}

function PlanTable({ plan, from, to }: { plan: MatrixChangePlan; from?: Matrix; to?: Matrix }) {
  if (plan.changes.length === 0) return null;
  return (
    <div className="mx-plan-scroll">
      <table className="plain mx-plan">
        <caption className="mx-caption">
          Scores on {from?.name ?? "the current matrix"} and where they go on {to?.name ?? "the new matrix"}
        </caption>
        <thead>
          <tr>
            <th scope="col">Risk</th>
            <th scope="col">Score</th>
            <th scope="col">From</th>
            <td aria-hidden="true" />
            <th scope="col">To</th>
          </tr>
        </thead>
        <tbody>
          {plan.changes.map((change) => (
            <ChangeRow key={`${change.risk_id}-${change.kind}`} change={change} from={from} to={to} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/// Lets the user pick another matrix for a partnership, review the mapping of its
/// scores and apply it. `onApplied` receives the updated partnership.
export function ChangeMatrixDialog({
  partnershipId,
  currentMatrixId,
  onClose,
  onApplied,
}: {
  partnershipId: string;
  currentMatrixId: string;
  onClose: () => void;
  onApplied: (partnership: Partnership) => void;
}) {
  const [matrices, setMatrices] = useState<Matrix[] | null>(null);
  const [targetId, setTargetId] = useState("");
  const [plan, setPlan] = useState<MatrixChangePlan | null>(null);
  const [loadingPlan, setLoadingPlan] = useState(false);
  const [applying, setApplying] = useState(false);
  const { run, error, setError } = useCommand();
  const [notice, setNotice] = useState<string | null>(null);
  const request = useRef(0);

  useEffect(() => {
    let live = true;
    void run(
      async () => {
        const list = await api.matrices();
        if (live) setMatrices(list);
      },
      { stale: () => !live, keepError: true },
    );
    return () => {
      live = false;
    };
  }, [run]);

  const fetchPlan = async (matrixId: string) => {
    const ticket = ++request.current;
    setPlan(null);
    if (!matrixId) return;
    setLoadingPlan(true);
    const stale = () => ticket !== request.current;
    await run(
      async () => {
        const next = await api.planMatrixChange(partnershipId, matrixId);
        if (!stale()) setPlan(next);
      },
      { stale, keepError: true },
    );
    if (!stale()) setLoadingPlan(false);
  };

  const choose = (matrixId: string) => {
    setTargetId(matrixId);
    setError(null);
    setNotice(null);
    void fetchPlan(matrixId);
  };

  const apply = async () => {
    if (!plan) return;
    setApplying(true);
    setError(null);
    setNotice(null);
    await run(async () => onApplied(await api.applyMatrixChange(plan)), {
      onError: (e) => {
        setApplying(false);
        // The register changed since the plan was made: say so, and plan again.
        if (e.code === "conflict") {
          setError(null);
          setNotice(e.message);
          void fetchPlan(plan.to_matrix_id);
        }
      },
    });
  };

  const current = matrices?.find((m) => m.id === currentMatrixId);
  const target = matrices?.find((m) => m.id === targetId);
  const choices = (matrices ?? []).filter((m) => m.id !== currentMatrixId);
  const size = (m: Matrix) => `${m.likelihood.length}×${m.impact.length}`;

  return (
    <Dialog title="Change the scoring matrix" onClose={onClose} wide>
      <div className="mx-change">
        <p>
          Current matrix: <strong>{current ? `${current.name} (${size(current)})` : "…"}</strong>
        </p>
        <Field label="New matrix" hint="Scores keep their rank on each axis: the lowest stays lowest, the highest stays highest.">
          {(id, describedBy) => (
            <select
              id={id}
              aria-describedby={describedBy}
              value={targetId}
              disabled={!matrices || applying}
              onChange={(e) => choose(e.target.value)}
            >
              <option value="">{matrices ? "Choose a matrix…" : "Loading…"}</option>
              {choices.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name} ({size(m)})
                </option>
              ))}
            </select>
          )}
        </Field>
        {notice && (
          <p className="banner-error" role="alert">
            {notice} The mapping below is the new one.
          </p>
        )}
        {error && (
          <p className="banner-error" role="alert">
            {error.message}
          </p>
        )}
        <div className="mx-plan-area" aria-busy={loadingPlan}>
          {loadingPlan && <p className="muted">Computing the mapping…</p>}
          {plan && !loadingPlan && (
            <>
              <PlanSummary plan={plan} />
              <PlanTable plan={plan} from={current} to={target} />
              <p className="muted">Nothing changes until you apply the mapping.</p>
            </>
          )}
        </div>
        <footer className="mx-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={!plan || loadingPlan || applying} onClick={apply}>
            {applying ? "Applying…" : "Apply mapping"}
          </button>
        </footer>
      </div>
    </Dialog>
  );
}
