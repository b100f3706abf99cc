// Import…: a register kept in a spreadsheet into the partnership. The dialog shows the
// core's dry run (how the file was read, where each column goes, what each value becomes,
// the rows and every problem), runs it again after each change, and imports on request.
import { useEffect, useRef, useState } from "react";
import { importMessage } from "../../lib/errors";
import { useCommand } from "../../lib/useCommand";
import type {
  Category,
  ColumnTarget,
  DateOrder,
  ImportMapping,
  ImportOutcome,
  ImportPlan,
  ImportPreview,
  Matrix,
  ReadOptions,
  ValueMapping,
} from "../../bindings";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { plural } from "../../lib/text";
import { ColumnMappingTable } from "./ColumnMappingTable";
import { api } from "../../api";
import { PreviewRows, ProblemList } from "./PreviewRows";
import { ReadingOptions } from "./ReadingOptions";
import { ValueMappings } from "./ValueMappings";
import { countsText, outcomeText, single } from "./words";
import "./import.css";

/// What the user changed: everything else is the core's proposal.
type Choices = {
  options: ReadOptions;
  headerRow: number | null;
  dateOrder: DateOrder | null;
  /// The columns as edited (null: as proposed).
  columns: ImportPlan["mapping"]["columns"] | null;
  /// Only the values the user chose, so the others keep the core's reasons.
  values: ValueMapping[];
};

/// Errors shown next to their field in ReadingOptions rather than at the top.
const FIELDS_SHOWN = ["sheet", "encoding", "delimiter", "header_row"];

/// Pause after a change before the preview runs again (typing a header row).
const DEBOUNCE_MS = 250;

/// The mapping to send with a preview: null while the user has changed nothing of it.
function mappingOf(choices: Choices, last: ImportPlan | null): ImportMapping | null {
  if (!last || (choices.columns === null && choices.values.length === 0)) return null;
  return {
    ...last.mapping,
    columns: choices.columns ?? last.mapping.columns,
    values: choices.values,
    date_order: choices.dateOrder ?? last.mapping.date_order,
  };
}

export function ImportDialog({
  partnershipId,
  matrixId,
  path,
  onClose,
  onImported,
}: {
  partnershipId: string;
  matrixId: string;
  path: string;
  onClose: () => void;
  onImported: (outcome: ImportOutcome) => void;
}) {
  const [choices, setChoices] = useState<Choices>({
    options: { sheet: null, delimiter: null, encoding: null },
    headerRow: null,
    dateOrder: null,
    columns: null,
    values: [],
  });
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [loading, setLoading] = useState(true);
  const command = useCommand();
  const error = command.error;
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [matrix, setMatrix] = useState<Matrix | null>(null);
  const [categories, setCategories] = useState<Category[]>([]);
  const last = useRef<ImportPlan | null>(null);
  const sequence = useRef(0);

  useEffect(() => {
    api.matrices().then((all) => setMatrix(all.find((m) => m.id === matrixId) ?? null), () => setMatrix(null));
    api.categories().then(setCategories, () => setCategories([]));
  }, [matrixId]);

  // The dry run, again after every change; an answer to an older request is dropped.
  useEffect(() => {
    const seq = ++sequence.current;
    setLoading(true);
    const timer = setTimeout(
      () => {
        const stale = () => seq !== sequence.current;
        void command
          .run(
            async () => {
              const p = await api.previewImport(
                partnershipId,
                path,
                choices.options,
                mappingOf(choices, last.current),
                choices.headerRow,
                choices.dateOrder,
              );
              if (stale()) return;
              last.current = p.plan;
              setPreview(p);
            },
            { stale },
          )
          .finally(() => stale() || setLoading(false));
      },
      last.current ? DEBOUNCE_MS : 0,
    );
    return () => clearTimeout(timer);
  }, [partnershipId, path, choices, command.run]);

  const plan = preview?.plan ?? null;
  // Another way of reading the file gives other columns: the mapping starts afresh.
  const readAgain = (patch: Partial<Choices>) =>
    setChoices((c) => ({ ...c, columns: null, values: [], ...patch }));

  const setTarget = (index: number, target: ColumnTarget) => {
    if (!plan) return;
    const before = choices.columns ?? plan.mapping.columns;
    // A field takes one column: the column that had it is skipped.
    const columns = before.map((c) =>
      c.index === index ? { ...c, target } : single(target) && c.target === target ? { ...c, target: "skip" as const } : c,
    );
    const changed = new Set(columns.filter((c, i) => c.target !== before[i].target).map((c) => c.index));
    setChoices((c) => ({ ...c, columns, values: c.values.filter((v) => !changed.has(v.column)) }));
  };

  const setValue = (mapping: ValueMapping, value: string, to: string | null) => {
    const entry = mapping.entries.find((e) => e.value === value);
    if (!entry) return;
    setChoices((c) => {
      const others = c.values.filter((v) => v.column !== mapping.column);
      const mine = c.values.find((v) => v.column === mapping.column);
      const entries = [...(mine?.entries.filter((e) => e.value !== value) ?? []), { ...entry, to }];
      return { ...c, values: [...others, { column: mapping.column, header: mapping.header, entries }] };
    });
  };

  const fileProblem = plan?.problems.some((p) => p.row === null) ?? false;
  // The categories the import would add, offered and named like the workspace's own.
  const withNew: Category[] = [
    ...categories,
    ...(plan?.mapping.new_categories ?? []).map((c) => ({ ...c, name: `${c.name} (new)` })),
  ];
  const invalid = plan?.counts.invalid ?? 0;
  const toImport = plan ? plan.counts.new + plan.counts.update : 0;
  const canImport =
    !!plan && !loading && !busy && !error && !fileProblem && toImport > 0 && (invalid === 0 || skipInvalid);

  const run = async () => {
    if (!plan) return;
    setBusy(true);
    command.setError(null);
    await command.run(async () => {
      // Read exactly as previewed, with the mapping the user saw.
      const source = plan.source;
      const options: ReadOptions = { sheet: source.sheet, delimiter: source.delimiter, encoding: source.encoding };
      const done = await api.runImport(partnershipId, path, options, plan.mapping, source.digest, skipInvalid);
      setOutcome(done);
      onImported(done);
    });
    setBusy(false);
  };

  const fileName = path.split(/[\\/]/).pop() ?? path;
  return (
    <Dialog title="Import a risk register" onClose={onClose} wide>
      <div className="import-body">
        {error && !(plan && FIELDS_SHOWN.includes(error.field ?? "")) && (
          <p className="banner-error" role="alert">
            {importMessage(error)}
          </p>
        )}
        {!plan && loading && (
          <p role="status" className="muted">
            Reading {fileName}…
          </p>
        )}
        {!plan && error?.field === "header_row" && (
          // No header was found: the user says where it is.
          <Field label="Header row">
            {(id) => (
              <input
                id={id}
                type="number"
                min={1}
                onChange={(e) => {
                  const row = Number.parseInt(e.target.value, 10);
                  if (row >= 1) readAgain({ headerRow: row });
                }}
              />
            )}
          </Field>
        )}
        {plan && !outcome && (
          <>
            <ReadingOptions
              plan={plan}
              error={error}
              dateOrder={choices.dateOrder}
              onOptions={(patch) => readAgain({ options: { ...choices.options, ...patch }, headerRow: null })}
              onHeaderRow={(row) => readAgain({ headerRow: row })}
              onDateOrder={(order) => setChoices((c) => ({ ...c, dateOrder: order }))}
            />
            <p className="import-counts" role="status" aria-busy={loading}>
              {countsText(plan.counts)}
              {loading && <span className="muted"> · updating…</span>}
            </p>
            <ProblemList preview={preview!} />
            <div className="import-mapping">
              <ColumnMappingTable columns={choices.columns ?? plan.mapping.columns} onTarget={setTarget} />
              <ValueMappings
                values={plan.mapping.values}
                columns={plan.mapping.columns}
                matrix={matrix}
                categories={withNew}
                onValue={setValue}
              />
            </div>
            <PreviewRows preview={preview!} matrix={matrix} categories={withNew} />
          </>
        )}
        {outcome && (
          <p role="status" className="import-done">
            {outcomeText(outcome)}
          </p>
        )}
      </div>
      <div className="actions-row">
        {plan && !outcome && invalid > 0 && (
          <label className="import-skip">
            <input type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} /> Import only the
            valid rows
          </label>
        )}
        <button type="button" onClick={onClose}>
          {outcome ? "Close" : "Cancel"}
        </button>
        {!outcome && (
          <button type="button" className="primary" disabled={!canImport} onClick={run}>
            {busy ? "Importing…" : `Import ${plural(toImport, "risk")}`}
          </button>
        )}
      </div>
    </Dialog>
  );
}
