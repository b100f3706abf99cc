// Data and IP at exit: what happens to each data set (disposition, format, window, who
// pays, deletion evidence) and who keeps each asset.
import type { AssetDisposition, AssetKind, DataDisposition, ExitPlan, Payer } from "../../bindings";
import { Check, Choice, DaysInput, TextInput } from "./inputs";
import { ListEditor } from "./ListEditor";
import { ASSET_DISPOSITIONS, ASSET_KINDS, DATA_DISPOSITIONS, PAYERS } from "./words";

type Edit = (edit: (p: ExitPlan) => void) => void;

export function DataSection({ plan, onChange }: { plan: ExitPlan; onChange: Edit }) {
  return (
    <section className="exit-section" aria-labelledby="exit-h-data">
      <h3 id="exit-h-data">Data and IP at exit</h3>
      <ListEditor
        path="data_sets"
        title="Data sets"
        noun="data set"
        items={plan.data_sets}
        empty="No data set listed."
        placeholder="New data set, e.g. Customer records"
        onAdd={(name) =>
          onChange((p) =>
            void p.data_sets.push({ id: "", name, personal_data: false, disposition: null, format: "", window_days: null, paid_by: null, deletion_evidence: false }),
          )
        }
        onRemove={(n) => onChange((p) => void p.data_sets.splice(n, 1))}
        row={(d, n) => {
          const at = (f: string) => `data_sets[${n}].${f}`;
          const set = (edit: (x: ExitPlan["data_sets"][number]) => void) => onChange((p) => edit(p.data_sets[n]!));
          return (
            <>
              <TextInput path={at("name")} label="Data set" value={d.name} onCommit={(v) => set((x) => { x.name = v; })} />
              <Choice<DataDisposition>
                path={at("disposition")}
                label="At exit it is"
                optional
                value={d.disposition}
                options={DATA_DISPOSITIONS}
                onCommit={(v) => set((x) => { x.disposition = v; })}
              />
              <DaysInput
                path={at("window_days")}
                label="Window to move or delete (days)"
                hint="At least 30 days (EU Data Act)"
                value={d.window_days}
                onCommit={(v) => set((x) => { x.window_days = v; })}
              />
              <TextInput path={at("format")} label="Format" value={d.format} onCommit={(v) => set((x) => { x.format = v; })} />
              <Choice<Payer> path={at("paid_by")} label="Who pays" optional value={d.paid_by} options={PAYERS} onCommit={(v) => set((x) => { x.paid_by = v; })} />
              <div className="exit-checks">
                <Check path={at("personal_data")} label="Personal data" value={d.personal_data} onCommit={(v) => set((x) => { x.personal_data = v; })} />
                <Check
                  path={at("deletion_evidence")}
                  label="Deletion certificate required"
                  value={d.deletion_evidence}
                  onCommit={(v) => set((x) => { x.deletion_evidence = v; })}
                />
              </div>
            </>
          );
        }}
      />
      <ListEditor
        path="assets"
        title="Assets and IP"
        noun="asset"
        items={plan.assets}
        empty="No asset listed (jointly developed code, models, trademarks, licences, escrowed source code…)."
        placeholder="New asset, e.g. Integration code"
        onAdd={(name) => onChange((p) => void p.assets.push({ id: "", name, kind: "code", disposition: null, notes: "" }))}
        onRemove={(n) => onChange((p) => void p.assets.splice(n, 1))}
        row={(a, n) => {
          const at = (f: string) => `assets[${n}].${f}`;
          const set = (edit: (x: ExitPlan["assets"][number]) => void) => onChange((p) => edit(p.assets[n]!));
          return (
            <>
              <TextInput path={at("name")} label="Asset" value={a.name} onCommit={(v) => set((x) => { x.name = v; })} />
              <Choice<AssetKind> path={at("kind")} label="Kind" value={a.kind} options={ASSET_KINDS} onCommit={(v) => set((x) => { x.kind = v ?? x.kind; })} />
              <Choice<AssetDisposition>
                path={at("disposition")}
                label="Who keeps it"
                optional
                value={a.disposition}
                options={ASSET_DISPOSITIONS}
                onCommit={(v) => set((x) => { x.disposition = v; })}
              />
              <div className="span-3">
                <TextInput path={at("notes")} label="Notes" value={a.notes} onCommit={(v) => set((x) => { x.notes = v; })} />
              </div>
            </>
          );
        }}
      />
    </section>
  );
}
