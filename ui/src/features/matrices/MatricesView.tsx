// The scoring matrices of the workspace: the read-only presets and the custom copies,
// with cloning, editing and deleting.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import type { AxisLevel, Matrix } from "../../bindings";
import { api } from "../../api";
import { errorAt } from "../../lib/errors";
import { useCommand } from "../../lib/useCommand";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { LevelChip } from "../../components/LevelChip";
import { MatrixEditor, MatrixGrid } from "./MatrixEditor";
import "./matrices.css";

function sizeOf(matrix: Matrix): string {
  return `${matrix.likelihood.length}×${matrix.impact.length}`;
}

function MatrixListItem({ matrix, selected, onSelect }: { matrix: Matrix; selected: boolean; onSelect: () => void }) {
  return (
    <li>
      <button
        type="button"
        className={selected ? "mx-item selected" : "mx-item"}
        aria-current={selected ? "true" : undefined}
        onClick={onSelect}
      >
        <span className="mx-item-head">
          <span className="mx-item-name">{matrix.name}</span>
          <span className="mx-item-size">{sizeOf(matrix)}</span>
        </span>
        <span className="mx-item-levels">
          {matrix.levels.map((level) => (
            <LevelChip key={level.name} level={level} />
          ))}
        </span>
      </button>
    </li>
  );
}

function MatrixList({
  title,
  matrices,
  selectedId,
  onSelect,
  empty,
}: {
  title: string;
  matrices: Matrix[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  empty: string;
}) {
  return (
    <section className="mx-list" aria-label={title}>
      <h3>{title}</h3>
      {matrices.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul>
          {matrices.map((m) => (
            <MatrixListItem key={m.id} matrix={m} selected={m.id === selectedId} onSelect={() => onSelect(m.id)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function AxisTable({ title, levels }: { title: string; levels: AxisLevel[] }) {
  return (
    <table className="plain mx-def">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Label</th>
          <th scope="col">Range</th>
          <th scope="col">Description</th>
        </tr>
      </thead>
      <tbody>
        {levels
          .map((level, i) => ({ level, position: i + 1 }))
          .reverse()
          .map(({ level, position }) => (
            <tr key={position}>
              <td>{position}</td>
              <th scope="row">{level.label}</th>
              <td>{level.range ?? <span className="muted">–</span>}</td>
              <td>{level.description || <span className="muted">–</span>}</td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}

function LevelsTable({ matrix }: { matrix: Matrix }) {
  return (
    <table className="plain mx-def">
      <caption>Risk levels</caption>
      <thead>
        <tr>
          <th scope="col">Level</th>
          <th scope="col">Colour</th>
          <th scope="col">Review every</th>
          <th scope="col">Within appetite</th>
          <th scope="col">Description</th>
        </tr>
      </thead>
      <tbody>
        {[...matrix.levels].reverse().map((level) => (
          <tr key={level.name}>
            <th scope="row">
              <LevelChip level={level} />
            </th>
            <td>
              <span className="mx-swatch" style={{ background: level.colour }} aria-hidden="true" />
              <code>{level.colour}</code>
            </td>
            <td>{level.review_days} days</td>
            <td>{level.within_appetite ? "Yes" : "No"}</td>
            <td>{level.description || <span className="muted">–</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function MatrixDetail({
  matrix,
  onClone,
  onEdit,
  onDelete,
}: {
  matrix: Matrix;
  onClone: () => void;
  onEdit: () => void;
  onDelete: () => void;
}) {
  return (
    <article className="mx-detail" aria-labelledby="mx-detail-title">
      <header className="mx-detail-head">
        <div>
          <h2 id="mx-detail-title">{matrix.name}</h2>
          <span className="mx-badge">{matrix.preset ? "Built-in, read-only" : "Custom"}</span>
          <span className="muted"> {sizeOf(matrix)}</span>
        </div>
        <div className="mx-toolbar">
          <button type="button" onClick={onClone}>
            Clone…
          </button>
          {!matrix.preset && (
            <>
              <button type="button" onClick={onEdit}>
                Edit
              </button>
              <button type="button" className="danger" onClick={onDelete}>
                Delete…
              </button>
            </>
          )}
        </div>
      </header>
      {matrix.description && <p className="mx-description">{matrix.description}</p>}
      <MatrixGrid matrix={matrix} caption={`${matrix.name}: level of each likelihood and impact`} />
      <LevelsTable matrix={matrix} />
      <div className="mx-axes">
        <AxisTable title="Likelihood (highest first)" levels={matrix.likelihood} />
        <AxisTable title="Impact (highest first)" levels={matrix.impact} />
      </div>
    </article>
  );
}

function CloneDialog({
  source,
  onClose,
  onCloned,
}: {
  source: Matrix;
  onClose: () => void;
  onCloned: (matrix: Matrix) => void;
}) {
  const [name, setName] = useState(`${source.name} (copy)`);
  const { run, error, setError } = useCommand();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    await run(async () => onCloned(await api.cloneMatrix(source.id, name)), { onError: () => setBusy(false) });
  };
  const nameError = errorAt(error, "name");
  return (
    <Dialog title={`Clone ${source.name}`} onClose={onClose}>
      <form onSubmit={submit} className="mx-dialog-form">
        <p className="muted">The copy is a custom matrix you can edit.</p>
        {error && !nameError && (
          <p className="banner-error" role="alert">
            {error.message}
          </p>
        )}
        <Field label="Name of the copy" error={nameError}>
          {(id, describedBy) => (
            <input
              id={id}
              autoFocus
              aria-describedby={describedBy}
              aria-invalid={!!nameError}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
        <footer className="mx-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            Clone
          </button>
        </footer>
      </form>
    </Dialog>
  );
}

function DeleteDialog({
  matrix,
  onClose,
  onDeleted,
}: {
  matrix: Matrix;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const { run, error, setError } = useCommand();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    await run(
      async () => {
        await api.deleteMatrix(matrix.id);
        onDeleted();
      },
      { onError: () => setBusy(false) },
    );
  };
  return (
    <Dialog title="Delete matrix" onClose={onClose}>
      <p>
        Delete the matrix <strong>{matrix.name}</strong>? Only a matrix that no partnership uses can be deleted.
      </p>
      {error && (
        <p className="banner-error" role="alert">
          {error.message}
        </p>
      )}
      <footer className="mx-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="danger solid" disabled={busy} onClick={confirm}>
          Delete matrix
        </button>
      </footer>
    </Dialog>
  );
}

/// Lists the presets and custom matrices and shows the selected one.
export function MatricesView() {
  const [matrices, setMatrices] = useState<Matrix[] | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const { run, error } = useCommand();
  const [mode, setMode] = useState<"view" | "edit" | "clone" | "delete">("view");

  const load = useCallback(async (select?: string) => {
    await run(async () => {
      const list = await api.matrices();
      setMatrices(list);
      setSelectedId((current) => {
        const wanted = select ?? current;
        return list.some((m) => m.id === wanted) ? (wanted ?? null) : (list[0]?.id ?? null);
      });
    });
  }, [run]);

  useEffect(() => {
    void load();
  }, [load]);

  if (!matrices) {
    return error ? (
      <p className="banner-error" role="alert">
        {error.message}
      </p>
    ) : (
      <p className="muted">Loading matrices…</p>
    );
  }

  const selected = matrices.find((m) => m.id === selectedId) ?? null;
  const select = (id: string) => {
    setSelectedId(id);
    setMode("view");
  };

  return (
    <div className="mx-view">
      <nav className="mx-sidebar" aria-label="Matrices">
        <MatrixList
          title="Presets"
          matrices={matrices.filter((m) => m.preset)}
          selectedId={selectedId}
          onSelect={select}
          empty="No presets."
        />
        <MatrixList
          title="Custom"
          matrices={matrices.filter((m) => !m.preset)}
          selectedId={selectedId}
          onSelect={select}
          empty="None yet: clone a preset to make your own."
        />
      </nav>
      <div className="mx-main">
        {error && (
          <p className="banner-error" role="alert">
            {error.message}
          </p>
        )}
        {!selected ? (
          <p className="empty">Choose a matrix.</p>
        ) : mode === "edit" && !selected.preset ? (
          <MatrixEditor
            key={selected.id}
            matrix={selected}
            onCancel={() => setMode("view")}
            onSaved={(saved) => {
              setMatrices((list) => list?.map((m) => (m.id === saved.id ? saved : m)) ?? null);
              setMode("view");
            }}
          />
        ) : (
          <MatrixDetail
            matrix={selected}
            onClone={() => setMode("clone")}
            onEdit={() => setMode("edit")}
            onDelete={() => setMode("delete")}
          />
        )}
      </div>
      {selected && mode === "clone" && (
        <CloneDialog
          source={selected}
          onClose={() => setMode("view")}
          onCloned={(copy) => {
            setMode("view");
            void load(copy.id);
          }}
        />
      )}
      {selected && mode === "delete" && (
        <DeleteDialog
          matrix={selected}
          onClose={() => setMode("view")}
          onDeleted={() => {
            setMode("view");
            setSelectedId(null);
            void load();
          }}
        />
      )}
    </div>
  );
}
