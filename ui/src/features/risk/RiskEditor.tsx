// Every field of a risk, its scores on the partnership's matrix, its actions, linked
// requirements and change history. Esc goes back to the register.
import { useEffect, useState } from "react";
import { api } from "../../api";
import { useCommand } from "../../lib/useCommand";
import type {
  Category,
  Matrix,
  RiskCells,
  RiskDetail,
  RiskFields,
  RiskStatus,
  ScoreKind,
  Treatment,
} from "../../bindings";
import { ErrorBanner } from "../../components/ErrorBanner";
import { HealthNotice } from "../../components/HealthNotice";
import { Field } from "../../components/Field";
import { LevelChip } from "../../components/LevelChip";
import { levelOf } from "../../lib/levels";
import { humanise } from "../../lib/text";
import { clip, fieldLabel, formatValue, recordSummary } from "../../lib/changes";
import { shortTime } from "../../lib/dates";
import { ScorePicker } from "./ScorePicker";
import { LossFields } from "./LossFields";
import { ActionsPanel } from "./ActionsPanel";
import { RequirementLinks } from "./RequirementLinks";
import { PartnerViews } from "./PartnerViews";
import { DateInput } from "../../components/DateInput";

const STATUSES: RiskStatus[] = ["open", "mitigating", "accepted", "closed"];
const TREATMENTS: Treatment[] = ["avoid", "reduce", "transfer", "share", "accept"];
const KINDS: ScoreKind[] = ["inherent", "residual", "target"];

function blankRisk(): RiskFields {
  return {
    category: "technical",
    title: "",
    description: "",
    cause: "",
    consequence: "",
    owner: "",
    status: "open",
    treatment: null,
    treatment_rationale: "",
    acceptance_approver: "",
    acceptance_expiry: null,
    inherent: null,
    residual: null,
    target: null,
    tags: [],
    next_review: null,
  };
}

/// The editable part of a stored risk.
function fieldsOf(detail: RiskDetail): RiskFields {
  const { id: _id, partnership_id: _p, reference: _r, created_at: _c, updated_at: _u, ...fields } = detail.risk;
  return fields;
}

export function RiskEditor({
  partnershipId,
  matrixId,
  riskId,
  onClose,
  onSaved,
  onDeleted,
}: {
  partnershipId: string;
  matrixId: string;
  riskId: string | null;
  onClose: () => void;
  onSaved: (id: string) => void;
  onDeleted: () => void;
}) {
  const [detail, setDetail] = useState<RiskDetail | null>(null);
  const [fields, setFields] = useState<RiskFields>(blankRisk());
  const [tagText, setTagText] = useState("");
  const [matrix, setMatrix] = useState<Matrix | null>(null);
  const [categories, setCategories] = useState<Category[]>([]);
  const [kind, setKind] = useState<ScoreKind>("inherent");
  const { run, error, errorAt } = useCommand();
  const [saved, setSaved] = useState(false);
  const [cells, setCells] = useState<RiskCells | null>(null);

  const load = async (id: string) => {
    const d = await api.riskDetail(id);
    setDetail(d);
    setFields(fieldsOf(d));
    setTagText(d.risk.tags.join(", "));
    // The cells the saved money estimates fall in (none when the matrix has no ranges).
    const all = (await api.riskCells(partnershipId)) ?? [];
    setCells(all.find((c) => c.risk_id === id) ?? null);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: `load` only sets state; the risk is loaded again when its id changes, not with each render's `load`
  useEffect(() => {
    const loading = { keepError: true };
    void run(async () => {
      const all = await api.matrices();
      setMatrix(all.find((m) => m.id === matrixId) ?? null);
    }, loading);
    void run(async () => setCategories(await api.categories()), loading);
    if (riskId) void run(() => load(riskId), loading);
  }, [riskId, matrixId]);

  const set = <K extends keyof RiskFields>(key: K, value: RiskFields[K]) => {
    setFields((f) => ({ ...f, [key]: value }));
    setSaved(false);
  };

  const save = async (event?: React.FormEvent) => {
    event?.preventDefault();
    const tags = tagText
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean);
    const toSave = { ...fields, tags };
    await run(async () => {
      const risk = riskId ? await api.updateRisk(riskId, toSave) : await api.createRisk(partnershipId, toSave);
      setSaved(true);
      if (riskId) await load(riskId);
      onSaved(risk.id);
    });
  };

  const remove = async () => {
    if (!riskId || !detail) return;
    if (!window.confirm(`Delete ${detail.risk.reference} and its actions? The audit log keeps a copy.`)) return;
    await run(async () => {
      await api.deleteRisk(riskId);
      onDeleted();
    });
  };

  const text = (key: "title" | "owner" | "treatment_rationale" | "acceptance_approver", label: string) => (
    <Field label={label} error={errorAt(key)}>
      {(id, d) => <input id={id} aria-describedby={d} value={fields[key]} onChange={(e) => set(key, e.target.value)} />}
    </Field>
  );
  const area = (key: "description" | "cause" | "consequence", label: string) => (
    <div className="span-2">
      <Field label={label} error={errorAt(key)}>
        {(id, d) => (
          <textarea id={id} aria-describedby={d} rows={3} value={fields[key]} onChange={(e) => set(key, e.target.value)} />
        )}
      </Field>
    </div>
  );
  const date = (key: "next_review" | "acceptance_expiry", label: string) => (
    <Field label={label} error={errorAt(key)}>
      {(id, d) => (
        <DateInput id={id} describedBy={d} value={fields[key] ?? ""} onValue={(v) => set(key, v || null)} />
      )}
    </Field>
  );

  return (
    <div
      onKeyDown={(e) => {
        if (e.key === "Escape") onClose();
        if (e.key === "s" && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void save();
        }
      }}
    >
      <div className="editor-head">
        <button type="button" onClick={onClose} aria-label="Back to the register">
          ← Register
        </button>
        <span className="ref">{detail?.risk.reference ?? (riskId ? "…" : "New risk")}</span>
        <h2 style={{ flex: 1 }}>{fields.title || "Untitled risk"}</h2>
        {saved && <span className="muted" role="status">Saved</span>}
        {riskId && (
          <button type="button" className="danger" onClick={remove}>
            Delete
          </button>
        )}
        <button type="button" className="primary" onClick={() => void save()}>
          {riskId ? "Save" : "Create risk"}
        </button>
      </div>
      <ErrorBanner error={error} />
      {riskId && <HealthNotice riskId={riskId} />}
      <div className="editor">
        <div>
          <form onSubmit={save}>
            <section>
              <h3>Risk</h3>
              <div className="form-grid">
                <div className="span-2">{text("title", "Title")}</div>
                <Field label="Category" error={errorAt("category")}>
                  {(id, d) => (
                    <select id={id} aria-describedby={d} value={fields.category} onChange={(e) => set("category", e.target.value)}>
                      {categories.map((c) => (
                        <option key={c.code} value={c.code}>
                          {c.name}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                {text("owner", "Owner")}
                <Field label="Status" error={errorAt("status")}>
                  {(id, d) => (
                    <select id={id} aria-describedby={d} value={fields.status} onChange={(e) => set("status", e.target.value as RiskStatus)}>
                      {STATUSES.map((s) => (
                        <option key={s} value={s}>
                          {humanise(s)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                {date("next_review", "Next review")}
                {area("description", "Description")}
                {area("cause", "Cause")}
                {area("consequence", "Consequence")}
                <div className="span-2">
                  <Field label="Tags" error={errorAt("tags")} hint="Comma-separated, one word each">
                    {(id, d) => <input id={id} aria-describedby={d} value={tagText} onChange={(e) => setTagText(e.target.value)} />}
                  </Field>
                </div>
              </div>
            </section>
            <section>
              <h3>Treatment</h3>
              <div className="form-grid">
                <Field label="Treatment" error={errorAt("treatment")}>
                  {(id, d) => (
                    <select
                      id={id}
                      aria-describedby={d}
                      value={fields.treatment ?? ""}
                      onChange={(e) => set("treatment", (e.target.value || null) as Treatment | null)}
                    >
                      <option value="">Not decided</option>
                      {TREATMENTS.map((t) => (
                        <option key={t} value={t}>
                          {humanise(t)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                {text("treatment_rationale", "Rationale")}
                {fields.treatment === "accept" && (
                  <>
                    {text("acceptance_approver", "Accepted by")}
                    {date("acceptance_expiry", "Acceptance expires")}
                  </>
                )}
              </div>
            </section>
            <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
          </form>
          {riskId && detail && (
            <ActionsPanel riskId={riskId} actions={detail.actions} onChanged={() => load(riskId)} />
          )}
        </div>
        <div>
          <section>
            <h3>Scores</h3>
            <div className="score-tabs" role="group" aria-label="Which score">
              {KINDS.map((k) => (
                <button key={k} type="button" aria-pressed={kind === k} onClick={() => setKind(k)}>
                  {humanise(k)}{" "}
                  {matrix && <LevelChip level={levelOf(matrix, fields[k])} score={fields[k]} />}
                </button>
              ))}
            </div>
            {matrix && (
              <ScorePicker
                matrix={matrix}
                label={`${humanise(kind)} score`}
                value={fields[kind]}
                onChange={(score) => set(kind, score)}
              />
            )}
            <LossFields
              key={`${kind}:${riskId ?? "new"}:${detail?.risk.updated_at ?? ""}`}
              stage={kind}
              value={fields[`${kind}_loss`]}
              onChange={(estimate) => set(`${kind}_loss`, estimate ?? undefined)}
              error={errorAt(`${kind}_loss`)}
              cell={cells?.stages.find((c) => c.stage === kind)}
              suggestion={cells?.suggestions.find(([stage]) => stage === kind)?.[1]}
            />
            {KINDS.map((k) => {
              const message = errorAt(k);
              return message ? (
                <p key={k} className="field-error" role="alert">
                  {message}
                </p>
              ) : null;
            })}
          </section>
          {detail && <PartnerViews partnershipId={partnershipId} riskId={detail.risk.id} matrix={matrix} />}
          {detail && (
            <section>
              <h3>Requirements that mitigate it</h3>
              <RequirementLinks
                partnershipId={partnershipId}
                riskId={detail.risk.id}
                linked={detail.requirements}
                onChanged={() => run(() => load(detail.risk.id), { keepError: true })}
              />
            </section>
          )}
          {detail && (
            <section>
              <h3>History</h3>
              <ul className="history" aria-label="Change history">
                {[...detail.history].reverse().map((h) => (
                  <li key={h.seq}>
                    <span className="muted">
                      {shortTime(h.at)} · {h.actor}
                    </span>{" "}
                    {h.operation === "update" && h.field ? (
                      <>
                        changed <strong>{fieldLabel(h.entity, h.field)}</strong> from “
                        {clip(formatValue(h.field, h.old_value))}” to “{clip(formatValue(h.field, h.new_value))}”
                      </>
                    ) : (
                      recordSummary(h.entity, h.operation, h.operation === "delete" ? h.old_value : h.new_value, null)
                    )}
                    {h.context && <span className="muted"> · in {h.context}</span>}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      </div>
    </div>
  );
}
