// The partnership's requirements (controls) as a checklist: status and evidence are
// edited in place and saved at once; linked risks open the risk.
import { useEffect, useRef, useState } from "react";
import type { IpcError, Requirement, RequirementFields, RequirementStatus } from "../../bindings";
import { api } from "../../api";
import { useCommand } from "../../lib/useCommand";
import { humanise } from "../../lib/text";
import "./requirements.css";

const STATUSES: RequirementStatus[] = ["not_started", "in_progress", "in_place", "verified", "not_applicable"];

type Control = "status" | "evidence";
type RowError = { control: Control; error: IpcError };
type RiskRef = { reference: string; title: string };

function fieldsOf(requirement: Requirement): RequirementFields {
  const { code, title, area, description, status, evidence } = requirement;
  return { code, title, area, description, status, evidence };
}

function isDone(status: RequirementStatus): boolean {
  return status === "in_place" || status === "verified";
}

function Progress({ requirements }: { requirements: Requirement[] }) {
  const notApplicable = requirements.filter((r) => r.status === "not_applicable").length;
  const applicable = requirements.length - notApplicable;
  const done = requirements.filter((r) => isDone(r.status)).length;
  return (
    <div className="rq-progress">
      <p className="rq-progress-text">
        <strong>
          {done} of {applicable}
        </strong>{" "}
        in place or verified
        {notApplicable > 0 && <span className="muted"> · {notApplicable} not applicable</span>}
      </p>
      <progress aria-label="Requirements in place or verified" max={Math.max(applicable, 1)} value={done} />
    </div>
  );
}

function Filters({
  areas,
  area,
  status,
  onArea,
  onStatus,
}: {
  areas: string[];
  area: string;
  status: string;
  onArea: (area: string) => void;
  onStatus: (status: string) => void;
}) {
  return (
    <div className="rq-filters" role="search" aria-label="Filter requirements">
      <label>
        Area
        <select value={area} onChange={(e) => onArea(e.target.value)}>
          <option value="">All areas</option>
          {areas.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </label>
      <label>
        Status
        <select value={status} onChange={(e) => onStatus(e.target.value)}>
          <option value="">All statuses</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {humanise(s)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

/// Evidence text, saved when the field loses focus (and only if it changed).
function EvidenceInput({
  requirement,
  error,
  errorId,
  onSave,
}: {
  requirement: Requirement;
  error?: string;
  errorId: string;
  onSave: (evidence: string) => void;
}) {
  const [text, setText] = useState(requirement.evidence);
  return (
    <textarea
      className="rq-evidence"
      rows={2}
      aria-label={`Evidence for ${requirement.code}`}
      aria-invalid={!!error}
      aria-describedby={error ? errorId : undefined}
      placeholder="Where it is shown to be in place"
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={() => text !== requirement.evidence && onSave(text)}
    />
  );
}

function RequirementRow({
  requirement,
  risks,
  error,
  onSave,
  onOpenRisk,
}: {
  requirement: Requirement;
  risks: Map<string, RiskRef>;
  error?: RowError;
  onSave: (patch: Partial<RequirementFields>, control: Control) => void;
  onOpenRisk: (riskId: string) => void;
}) {
  const r = requirement;
  const errorAt = (control: Control) => (error?.control === control ? error.error.message : undefined);
  const statusError = errorAt("status");
  const evidenceError = errorAt("evidence");
  const idFor = (control: Control) => `rq-${r.id}-${control}-error`;
  return (
    <tr className={isDone(r.status) ? "rq-done" : undefined}>
      <td className="rq-code">{r.code}</td>
      <th scope="row" className="rq-title">
        {r.title}
        {r.description && <small className="muted rq-desc">{r.description}</small>}
      </th>
      <td>{r.area || <span className="muted">–</span>}</td>
      <td className={statusError ? "rq-status has-error" : "rq-status"}>
        <select
          aria-label={`Status of ${r.code}`}
          aria-invalid={!!statusError}
          aria-describedby={statusError ? idFor("status") : undefined}
          value={r.status}
          onChange={(e) => onSave({ status: e.target.value as RequirementStatus }, "status")}
        >
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {humanise(s)}
            </option>
          ))}
        </select>
        {statusError && (
          <small id={idFor("status")} className="field-error" role="alert">
            {statusError}
          </small>
        )}
      </td>
      <td className={evidenceError ? "has-error" : undefined}>
        <EvidenceInput
          key={r.evidence}
          requirement={r}
          error={evidenceError}
          errorId={idFor("evidence")}
          onSave={(evidence) => onSave({ evidence }, "evidence")}
        />
        {evidenceError && (
          <small id={idFor("evidence")} className="field-error" role="alert">
            {evidenceError}
          </small>
        )}
      </td>
      <td className="rq-risks">
        {r.risk_ids.length === 0 ? (
          <span className="muted">–</span>
        ) : (
          r.risk_ids.map((riskId) => {
            const risk = risks.get(riskId);
            return (
              <button
                key={riskId}
                type="button"
                className="rq-risk"
                title={risk ? `${risk.reference}: ${risk.title}` : undefined}
                onClick={() => onOpenRisk(riskId)}
              >
                {risk?.reference ?? "Risk"}
              </button>
            );
          })
        )}
      </td>
    </tr>
  );
}

/// The partnership's checklist of requirements, with filters and progress.
export function RequirementsView({
  partnershipId,
  onOpenRisk,
}: {
  partnershipId: string;
  onOpenRisk: (riskId: string) => void;
}) {
  const [requirements, setRequirements] = useState<Requirement[] | null>(null);
  const [risks, setRisks] = useState<Map<string, RiskRef>>(new Map());
  const { run: load, error: loadError, setError: setLoadError } = useCommand();
  const { run: store } = useCommand();
  const [rowErrors, setRowErrors] = useState<Record<string, RowError>>({});
  const [area, setArea] = useState("");
  const [status, setStatus] = useState("");
  // The newest known state of each requirement, saves in flight included, so that two
  // quick edits of one row (evidence, then status) never send stale fields.
  const latest = useRef(new Map<string, Requirement>());
  const tickets = useRef(new Map<string, number>());

  useEffect(() => {
    let live = true;
    setRequirements(null);
    setLoadError(null);
    const stale = () => !live;
    void load(
      async () => {
        const list = await api.requirements(partnershipId);
        if (!live) return;
        latest.current = new Map(list.map((r) => [r.id, r]));
        setRequirements(list);
      },
      { stale, keepError: true },
    );
    void load(
      async () => {
        const register = await api.register(partnershipId);
        if (live) setRisks(new Map(register.rows.map((e) => [e.id, { reference: e.reference, title: e.title }])));
      },
      { stale, keepError: true },
    );
    return () => {
      live = false;
    };
  }, [partnershipId, load, setLoadError]);

  const replace = (next: Requirement) => {
    latest.current.set(next.id, next);
    setRequirements((list) => list?.map((r) => (r.id === next.id ? next : r)) ?? null);
  };

  const save = async (requirement: Requirement, patch: Partial<RequirementFields>, control: Control) => {
    const base = latest.current.get(requirement.id) ?? requirement;
    const pending = { ...base, ...patch };
    setRowErrors(({ [requirement.id]: _, ...others }) => others);
    if (control === "status") replace(pending);
    else latest.current.set(requirement.id, pending);
    const ticket = (tickets.current.get(requirement.id) ?? 0) + 1;
    tickets.current.set(requirement.id, ticket);
    // The error goes to its row and control, beside the others' (not to one place).
    await store(
      async () => {
        const saved = await api.updateRequirement(requirement.id, fieldsOf(pending), base.risk_ids);
        // A later save of the same row carries this one's fields too: its answer wins.
        if (tickets.current.get(requirement.id) === ticket) replace(saved);
      },
      {
        onError: (error) => {
          const now = latest.current.get(requirement.id) ?? pending;
          const undone = { ...now, [control]: base[control] };
          if (control === "status") replace(undone);
          else latest.current.set(requirement.id, undone);
          setRowErrors((errors) => ({ ...errors, [requirement.id]: { control, error } }));
        },
      },
    );
  };

  if (!requirements) {
    return loadError ? (
      <p className="banner-error" role="alert">
        {loadError.message}
      </p>
    ) : (
      <p className="muted">Loading requirements…</p>
    );
  }
  if (requirements.length === 0) {
    return (
      <div className="empty">
        <p>This partnership has no requirements yet.</p>
        <p className="muted">Requirements are the controls that reduce its risks, such as a signed DPA or MFA everywhere.</p>
      </div>
    );
  }

  const areas = [...new Set(requirements.map((r) => r.area).filter((a) => a !== ""))].sort();
  const shown = requirements.filter((r) => (!area || r.area === area) && (!status || r.status === status));

  return (
    <section className="rq-view" aria-label="Requirements">
      {loadError && (
        <p className="banner-error" role="alert">
          {loadError.message}
        </p>
      )}
      <div className="rq-top">
        <Progress requirements={requirements} />
        <Filters areas={areas} area={area} status={status} onArea={setArea} onStatus={setStatus} />
      </div>
      {shown.length < requirements.length && (
        <p className="muted" aria-live="polite">
          Showing {shown.length} of {requirements.length} requirements.
        </p>
      )}
      <table className="plain rq-table">
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Requirement</th>
            <th scope="col">Area</th>
            <th scope="col">Status</th>
            <th scope="col">Evidence</th>
            <th scope="col">Risks</th>
          </tr>
        </thead>
        <tbody>
          {shown.length === 0 ? (
            <tr>
              <td colSpan={6} className="muted rq-none">
                No requirement matches these filters.
              </td>
            </tr>
          ) : (
            shown.map((r) => (
              <RequirementRow
                key={r.id}
                requirement={r}
                risks={risks}
                error={rowErrors[r.id]}
                onSave={(patch, control) => void save(r, patch, control)}
                onOpenRisk={onOpenRisk}
              />
            ))
          )}
        </tbody>
      </table>
    </section>
  );
}
