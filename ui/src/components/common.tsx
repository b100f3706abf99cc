// Small building blocks shared by every screen.
import { useId, type ReactNode } from "react";
import type { IpcError, Matrix, RiskLevel, Score } from "../bindings";

/// Black or white text, whichever reads better on `background` (#RRGGBB).
export function textOn(background: string): string {
  const hex = background.replace("#", "");
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const luminance = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  return luminance > 0.4 ? "#111111" : "#ffffff";
}

export function levelOf(matrix: Matrix, score: Score | null): RiskLevel | null {
  if (!score) return null;
  const index = matrix.grid[score.likelihood - 1]?.[score.impact - 1];
  return index === undefined ? null : (matrix.levels[index] ?? null);
}

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

/// A labelled form control with its error shown underneath.
export function Field({
  label,
  error,
  children,
  hint,
}: {
  label: string;
  error?: string;
  hint?: string;
  children: (id: string, describedBy: string | undefined) => ReactNode;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={error ? "field has-error" : "field"}>
      <label htmlFor={id}>{label}</label>
      {children(id, error ? errorId : undefined)}
      {hint && !error && <small className="muted">{hint}</small>}
      {error && (
        <small id={errorId} className="field-error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

/// An error that concerns no particular field.
export function ErrorBanner({ error }: { error: IpcError | null }) {
  if (!error || error.field) return null;
  return (
    <p className="banner-error" role="alert">
      {error.message}
    </p>
  );
}

export function humanise(text: string): string {
  const spaced = text.replace(/_/g, " ");
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/// A modal dialog with a title; Esc closes it.
export function Dialog({
  title,
  onClose,
  children,
  wide,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
}) {
  const id = useId();
  return (
    <div className="backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby={id}
        className={wide ? "dialog wide" : "dialog"}
        onKeyDown={(e) => {
          if (e.key === "Escape") {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <header className="dialog-header">
          <h2 id={id}>{title}</h2>
          <button type="button" className="ghost" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}
