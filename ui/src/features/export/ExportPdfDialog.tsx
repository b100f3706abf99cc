// Export PDF…: the options of the report, progress while it is written, and the file
// opened afterwards if the user wishes.
import { useEffect, useState } from "react";
import { Channel } from "@tauri-apps/api/core";
import { api } from "../../api";
import { errorAt } from "../../lib/errors";
import { useCommand } from "../../lib/useCommand";
import type {
  Category,
  Matrix,
  Paper,
  PdfExport,
  PdfOptions,
  PlanGrouping,
  ReportProgress,
  RiskStatus,
  Section,
} from "../../bindings";
import { Dialog } from "../../components/Dialog";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Field } from "../../components/Field";
import { humanise } from "../../lib/text";
import { emptyFilter } from "../../lib/riskFilter";
import { DateInput } from "../../components/DateInput";

export const SECTIONS: [Section, string][] = [
  ["cover", "Cover"],
  ["summary", "Summary"],
  ["heat_maps", "Heat maps"],
  ["register", "Register"],
  ["plan", "Mitigation plan"],
  ["loss", "Loss in money"],
  ["requirements", "Requirements"],
  ["health", "Health indicators"],
  ["exit_plan", "Exit plan"],
  ["review_log", "Review log and acceptances"],
  ["appendix", "Appendix: the matrix"],
];
const STATUSES: RiskStatus[] = ["open", "mitigating", "accepted", "closed"];
const STAGE_NAMES: Record<ReportProgress["stage"], string> = {
  reading: "Reading the register",
  layout: "Laying out pages",
  writing: "Writing the file",
};

export function ExportPdfDialog({
  partnershipId,
  matrixId,
  onClose,
}: {
  partnershipId: string;
  matrixId: string;
  onClose: () => void;
}) {
  const [options, setOptions] = useState<PdfOptions>({
    paper: "a4",
    sections: SECTIONS.map(([s]) => s),
    filter: emptyFilter(),
    plan_only: false,
    plan_grouping: "owner",
    prepared_by: "",
    confidentiality: "Confidential",
    review_since: null,
    partner_views: false,
  });
  // The partner's column is offered only for a partnership whose partner sent a view back.
  const [hasPartnerViews, setHasPartnerViews] = useState(false);
  const [matrix, setMatrix] = useState<Matrix | null>(null);
  const [categories, setCategories] = useState<Category[]>([]);
  const [progress, setProgress] = useState<ReportProgress | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<PdfExport | null>(null);
  const command = useCommand();
  const { error, setError } = command;

  useEffect(() => {
    const loading = { keepError: true };
    void command.run(async () => {
      const all = await api.matrices();
      setMatrix(all.find((m) => m.id === matrixId) ?? null);
    }, loading);
    void command.run(async () => setCategories(await api.categories()), loading);
  }, [matrixId, command.run]);

  useEffect(() => {
    void command.run(
      async () => setHasPartnerViews(((await api.partnerViews(partnershipId)) ?? []).length > 0),
      { keepError: true },
    );
  }, [partnershipId, command.run]);

  const set = (patch: Partial<PdfOptions>) => setOptions((o) => ({ ...o, ...patch }));
  const setFilter = (patch: Partial<PdfOptions["filter"]>) => set({ filter: { ...options.filter, ...patch } });
  const toggle = <T,>(list: T[], item: T, on: boolean) => (on ? [...list, item] : list.filter((x) => x !== item));

  const run = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    await command.run(async () => {
      const progress = new Channel<ReportProgress>();
      progress.onmessage = setProgress;
      const result = await api.exportPdf(partnershipId, options, progress);
      setDone(result);
    });
    setBusy(false);
    setProgress(null);
  };

  const percent = progress && progress.total > 0 ? Math.round((100 * progress.done) / progress.total) : null;

  return (
    <Dialog title="Export PDF" onClose={onClose} wide>
      <ErrorBanner error={error} />
      <div className="form-grid">
        <Field label="Paper" error={errorAt(error, "paper")}>
          {(id, d) => (
            <select id={id} aria-describedby={d} value={options.paper} onChange={(e) => set({ paper: e.target.value as Paper })}>
              <option value="a4">A4</option>
              <option value="letter">US Letter</option>
            </select>
          )}
        </Field>
        <Field label="Plan grouped by" error={errorAt(error, "plan_grouping")}>
          {(id, d) => (
            <select
              id={id}
              aria-describedby={d}
              value={options.plan_grouping}
              onChange={(e) => set({ plan_grouping: e.target.value as PlanGrouping })}
            >
              <option value="owner">Owner</option>
              <option value="due_month">Due month</option>
              <option value="value">Value in money (best first)</option>
            </select>
          )}
        </Field>
        <Field label="Prepared by" error={errorAt(error, "prepared_by")}>
          {(id, d) => (
            <input id={id} aria-describedby={d} value={options.prepared_by} onChange={(e) => set({ prepared_by: e.target.value })} />
          )}
        </Field>
        <Field label="Confidentiality label" error={errorAt(error, "confidentiality")}>
          {(id, d) => (
            <input
              id={id}
              aria-describedby={d}
              value={options.confidentiality}
              onChange={(e) => set({ confidentiality: e.target.value })}
            />
          )}
        </Field>
        {options.sections.includes("review_log") && !options.plan_only && (
          <Field label="Review log from" hint="Empty: the last 12 months" error={errorAt(error, "review_since")}>
            {(id, d) => (
              <DateInput id={id} describedBy={d} value={options.review_since ?? ""} onValue={(v) => set({ review_since: v || null })} />
            )}
          </Field>
        )}
        <fieldset className="span-2" style={{ border: 0, padding: 0 }}>
          <legend className="muted">Sections</legend>
          <label>
            <input type="checkbox" checked={options.plan_only} onChange={(e) => set({ plan_only: e.target.checked })} /> Mitigation
            plan only
          </label>
          <div style={{ display: "flex", flexWrap: "wrap", gap: "0.25rem 1rem", marginTop: "0.3rem" }}>
            {SECTIONS.map(([section, label]) => (
              <label key={section} style={{ opacity: options.plan_only && !["cover", "plan"].includes(section) ? 0.5 : 1 }}>
                <input
                  type="checkbox"
                  checked={options.sections.includes(section)}
                  disabled={options.plan_only && !["cover", "plan"].includes(section)}
                  onChange={(e) => set({ sections: toggle(options.sections, section, e.target.checked) })}
                />{" "}
                {label}
              </label>
            ))}
          </div>
          {errorAt(error, "sections") && <small className="field-error">{errorAt(error, "sections")}</small>}
          {hasPartnerViews && options.sections.includes("register") && !options.plan_only && (
            <label style={{ display: "block", marginTop: "0.3rem" }}>
              <input
                type="checkbox"
                checked={options.partner_views}
                onChange={(e) => set({ partner_views: e.target.checked })}
              />{" "}
              The partner's view beside ours in the register
            </label>
          )}
        </fieldset>
        <Field label="Minimum residual level" error={errorAt(error, "filter.min_level")}>
          {(id, d) => (
            <select
              id={id}
              aria-describedby={d}
              value={options.filter.min_level ?? ""}
              onChange={(e) => setFilter({ min_level: e.target.value === "" ? null : Number(e.target.value) })}
            >
              <option value="">Every risk</option>
              {matrix?.levels.map((l, i) => (
                <option key={l.name} value={i}>
                  {l.name} or higher
                </option>
              ))}
            </select>
          )}
        </Field>
        <div />
        <fieldset className="span-2" style={{ border: 0, padding: 0 }}>
          <legend className="muted">Categories (none ticked: all)</legend>
          <div style={{ display: "flex", flexWrap: "wrap", gap: "0.25rem 1rem" }}>
            {categories.map((c) => (
              <label key={c.code}>
                <input
                  type="checkbox"
                  checked={options.filter.categories.includes(c.code)}
                  onChange={(e) => setFilter({ categories: toggle(options.filter.categories, c.code, e.target.checked) })}
                />{" "}
                {c.name}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="span-2" style={{ border: 0, padding: 0 }}>
          <legend className="muted">Statuses (none ticked: all)</legend>
          <div style={{ display: "flex", flexWrap: "wrap", gap: "0.25rem 1rem" }}>
            {STATUSES.map((s) => (
              <label key={s}>
                <input
                  type="checkbox"
                  checked={options.filter.statuses.includes(s)}
                  onChange={(e) => setFilter({ statuses: toggle(options.filter.statuses, s, e.target.checked) })}
                />{" "}
                {humanise(s)}
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      {busy && (
        <div role="status" style={{ marginTop: "1rem" }}>
          <div className="muted">
            {progress ? `${STAGE_NAMES[progress.stage]}${percent !== null ? ` — ${percent} %` : ""}` : "Choose where to save…"}
          </div>
          <progress max={100} value={percent ?? undefined} aria-label="Export progress" style={{ width: "100%" }} />
        </div>
      )}
      {done && (
        <p role="status" style={{ marginTop: "1rem" }}>
          Saved {done.pages} pages ({done.risks} risks, {done.actions} actions) to <strong>{done.path}</strong>.{" "}
          <button type="button" onClick={() => command.run(() => api.openLastExport(), { keepError: true })}>
            Open the PDF
          </button>
        </p>
      )}
      <div className="actions-row">
        <button type="button" onClick={onClose}>
          Close
        </button>
        <button type="button" className="primary" disabled={busy} onClick={run}>
          Export PDF…
        </button>
      </div>
    </Dialog>
  );
}
