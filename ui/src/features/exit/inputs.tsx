// The form's controls. Each is known by its path in the plan (its DOM id comes from it, so
// a readiness gap can focus it), shows the error that concerns that path, and hands its
// value over when it is done: text when it loses focus (only if changed), choices at once.
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import type { IpcError } from "../../bindings";
import { DateInput } from "../../components/DateInput";
import { fieldId, localError, readAmount, readDays, showAmount } from "./draft";

export type FormContext = {
  errorAt: (path: string) => string | undefined;
  setError: (error: IpcError | null) => void;
};

export const ExitForm = createContext<FormContext>({ errorAt: () => undefined, setError: () => undefined });

/// The item (scenario, data set…) the controls inside belong to: their labels repeat from
/// item to item, so their accessible names say which ("Owner, End of term").
export const ItemName = createContext<string | null>(null);

function useName(label: string, name?: string): string | undefined {
  const item = useContext(ItemName);
  return name ?? (item ? `${label}, ${item}` : undefined);
}

function Labelled({ path, label, hint, children }: { path: string; label: string; hint?: string; children: ReactNode }) {
  const { errorAt } = useContext(ExitForm);
  const error = errorAt(path);
  return (
    <div className={error ? "field has-error" : "field"}>
      <label htmlFor={fieldId(path)}>{label}</label>
      {children}
      {hint && !error && <small className="muted">{hint}</small>}
      {error && (
        <small id={`${fieldId(path)}-error`} className="field-error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

function described(path: string, error: string | undefined, name?: string) {
  return {
    "aria-label": name,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${fieldId(path)}-error` : undefined,
  };
}

/// Text kept while typing and handed over when the field loses focus.
function useDraftText(value: string): [string, (t: string) => void] {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return [text, setText];
}

export function TextInput({
  path,
  label,
  value,
  onCommit,
  multiline,
  hint,
  placeholder,
  name,
}: {
  path: string;
  label: string;
  value: string;
  onCommit: (value: string) => void;
  multiline?: boolean;
  hint?: string;
  placeholder?: string;
  /// The accessible name when the label alone repeats in a list ("Title of step 2").
  name?: string;
}) {
  const { errorAt } = useContext(ExitForm);
  const [text, setText] = useDraftText(value);
  name = useName(label, name);
  const props = {
    id: fieldId(path),
    value: text,
    placeholder,
    ...described(path, errorAt(path), name),
    onBlur: () => text !== value && onCommit(text),
  };
  return (
    <Labelled path={path} label={label} hint={hint}>
      {multiline ? (
        <textarea rows={3} {...props} onChange={(e) => setText(e.target.value)} />
      ) : (
        <input type="text" {...props} onChange={(e) => setText(e.target.value)} />
      )}
    </Labelled>
  );
}

/// A whole number typed as text: refused in words here when it is not one (the core
/// checks the range).
function NumberText({
  path,
  label,
  value,
  onCommit,
  read,
  show,
  problem,
  hint,
  name,
}: {
  path: string;
  label: string;
  value: number | null;
  onCommit: (value: number | null) => void;
  read: (text: string) => number | null | undefined;
  show: (value: number | null) => string;
  problem: string;
  hint?: string;
  name?: string;
}) {
  const { errorAt, setError } = useContext(ExitForm);
  const [text, setText] = useDraftText(show(value));
  name = useName(label, name);
  const commit = () => {
    if (text === show(value)) return;
    const n = read(text);
    if (n === undefined) setError(localError(path, text, "not a number", `${name ?? label}: "${text}" ${problem}.`));
    else onCommit(n);
  };
  return (
    <Labelled path={path} label={label} hint={hint}>
      <input
        type="text"
        inputMode="decimal"
        id={fieldId(path)}
        value={text}
        {...described(path, errorAt(path), name)}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
      />
    </Labelled>
  );
}

type NumberProps = { path: string; label: string; value: number | null; onCommit: (v: number | null) => void; hint?: string; name?: string };

export function DaysInput(props: NumberProps) {
  return (
    <NumberText
      {...props}
      read={readDays}
      show={(v) => (v === null ? "" : String(v))}
      problem="is not a number of days: type a whole number such as 90, or leave it empty"
    />
  );
}

export function AmountInput(props: NumberProps) {
  return (
    <NumberText
      {...props}
      read={readAmount}
      show={showAmount}
      problem="is not an amount: type it as 12500 or 12500.50, or leave it empty"
    />
  );
}

export function DateField({ path, label, value, onCommit }: { path: string; label: string; value: string | null; onCommit: (v: string | null) => void }) {
  const { errorAt } = useContext(ExitForm);
  const [text, setText] = useDraftText(value ?? "");
  const error = errorAt(path);
  return (
    <Labelled path={path} label={label}>
      <DateInput
        id={fieldId(path)}
        describedBy={error ? `${fieldId(path)}-error` : undefined}
        aria-invalid={error ? true : undefined}
        value={text}
        onValue={setText}
        onBlur={() => text !== (value ?? "") && onCommit(text === "" ? null : text)}
      />
    </Labelled>
  );
}

/// A choice from a list, with "Not set" when the field may be empty.
export function Choice<T extends string>({
  path,
  label,
  value,
  options,
  onCommit,
  optional,
  name,
}: {
  path: string;
  label: string;
  value: T | null;
  options: [T, string][];
  onCommit: (value: T | null) => void;
  optional?: boolean;
  name?: string;
}) {
  const { errorAt } = useContext(ExitForm);
  name = useName(label, name);
  return (
    <Labelled path={path} label={label}>
      <select
        id={fieldId(path)}
        value={value ?? ""}
        {...described(path, errorAt(path), name)}
        onChange={(e) => onCommit(e.target.value === "" ? null : (e.target.value as T))}
      >
        {(optional || value === null) && <option value="">Not set</option>}
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </Labelled>
  );
}

export function Check({ path, label, value, onCommit, name }: { path: string; label: string; value: boolean; onCommit: (v: boolean) => void; name?: string }) {
  name = useName(label, name);
  return (
    <label className="exit-check">
      <input type="checkbox" id={fieldId(path)} aria-label={name} checked={value} onChange={(e) => onCommit(e.target.checked)} />
      {label}
    </label>
  );
}
