// Creates a partnership, optionally filled from the library's risk templates.
import { useEffect, useMemo, useState } from "react";
import { api } from "../../api";
import type { Library, Matrix, Stage } from "../../bindings";
import { useCommand } from "../../lib/useCommand";
import { Dialog } from "../../components/Dialog";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Field } from "../../components/Field";
import { humanise } from "../../lib/text";

export const STAGES: Stage[] = ["exploring", "pilot", "limited_launch", "full_launch", "exiting", "ended"];

export function NewPartnershipDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const [name, setName] = useState("");
  const [partner, setPartner] = useState("");
  const [owner, setOwner] = useState("");
  const [stage, setStage] = useState<Stage>("exploring");
  const [matrixId, setMatrixId] = useState("preset-5x5");
  const [matrices, setMatrices] = useState<Matrix[]>([]);
  const [library, setLibrary] = useState<Library | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const { run, error, errorAt } = useCommand();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void run(async () => setMatrices(await api.matrices()), { keepError: true });
    void run(
      async () => {
        const lib = await api.library();
        setLibrary(lib);
        setChosen(new Set(lib.templates.map((t) => t.code)));
      },
      { keepError: true },
    );
  }, [run]);

  const byCategory = useMemo(() => {
    const groups = new Map<string, Library["templates"]>();
    for (const t of library?.templates ?? []) {
      groups.set(t.category, [...(groups.get(t.category) ?? []), t]);
    }
    return [...groups.entries()];
  }, [library]);

  const toggle = (codes: string[], on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      for (const code of codes) {
        if (on) next.add(code);
        else next.delete(code);
      }
      return next;
    });

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    await run(async () => {
      const all = library?.templates.length ?? 0;
      const templates =
        chosen.size === 0 ? "none" : chosen.size === all ? "all" : { codes: [...chosen] };
      const created = await api.createPartnership(
        { name, partner, description: "", stage, owner, archived: false },
        matrixId,
        templates,
      );
      onCreated(created.id);
    });
    setBusy(false);
  };

  return (
    <Dialog title="New partnership" onClose={onClose} wide>
      <form onSubmit={submit}>
        <ErrorBanner error={error} />
        <div className="form-grid">
          <Field label="Name" error={errorAt("name")}>
            {(id, d) => (
              <input id={id} aria-describedby={d} value={name} autoFocus onChange={(e) => setName(e.target.value)} />
            )}
          </Field>
          <Field label="Partner organisation" error={errorAt("partner")}>
            {(id, d) => <input id={id} aria-describedby={d} value={partner} onChange={(e) => setPartner(e.target.value)} />}
          </Field>
          <Field label="Stage">
            {(id) => (
              <select id={id} value={stage} onChange={(e) => setStage(e.target.value as Stage)}>
                {STAGES.map((s) => (
                  <option key={s} value={s}>
                    {humanise(s)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Scoring matrix" error={errorAt("matrix")}>
            {(id, d) => (
              <select id={id} aria-describedby={d} value={matrixId} onChange={(e) => setMatrixId(e.target.value)}>
                {matrices.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name} ({m.likelihood.length}×{m.impact.length})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Owner" error={errorAt("owner")}>
            {(id, d) => <input id={id} aria-describedby={d} value={owner} onChange={(e) => setOwner(e.target.value)} />}
          </Field>
        </div>
        <h3 style={{ margin: "1rem 0 0.4rem" }}>
          Risks from the library{" "}
          <small className="muted">
            {chosen.size} of {library?.templates.length ?? 0} selected
          </small>
        </h3>
        <div className="actions-row" style={{ justifyContent: "flex-start", marginTop: 0, marginBottom: "0.4rem" }}>
          <button type="button" onClick={() => toggle(library?.templates.map((t) => t.code) ?? [], true)}>
            Select all
          </button>
          <button type="button" onClick={() => setChosen(new Set())}>
            Select none
          </button>
        </div>
        <div className="template-list" role="group" aria-label="Risk templates">
          {byCategory.map(([category, templates]) => (
            <fieldset key={category} style={{ border: 0, padding: 0, margin: "0.3rem 0" }}>
              <legend>
                <label style={{ fontWeight: 600 }}>
                  <input
                    type="checkbox"
                    checked={templates.every((t) => chosen.has(t.code))}
                    onChange={(e) => toggle(templates.map((t) => t.code), e.target.checked)}
                  />{" "}
                  {humanise(category)} ({templates.length})
                </label>
              </legend>
              {templates.map((t) => (
                <label key={t.code} title={t.description}>
                  <input
                    type="checkbox"
                    checked={chosen.has(t.code)}
                    onChange={(e) => toggle([t.code], e.target.checked)}
                  />
                  <span>{t.title}</span>
                </label>
              ))}
            </fieldset>
          ))}
        </div>
        <div className="actions-row">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            Create partnership
          </button>
        </div>
      </form>
    </Dialog>
  );
}
