// The conflicts one by one: base, ours and theirs side by side; m keeps ours, t takes
// theirs, e edits a merged value, b keeps both records (two of one title); Enter goes to
// the next, and after the last to the summary. Buttons do the same.
import { useEffect, useRef, useState } from "react";
import type { Conflict, Resolution } from "../../bindings";
import { KeyHint } from "../../components/KeyHint";
import { ShortcutHelp } from "../../components/ShortcutHelp";
import { ariaKeys, shortcuts } from "../../lib/shortcuts";
import { useShortcut, useShortcutScope } from "../../lib/useShortcut";
import { ValueEditor } from "./ValueEditor";
import { fieldName, isRecordConflict, kindWords, valueWords } from "./words";

export function ConflictStepper({
  conflicts,
  resolutions,
  onResolve,
  current,
  onCurrent,
  sender,
  hasBase,
  onFinished,
}: {
  conflicts: Conflict[];
  resolutions: Record<string, Resolution>;
  onResolve: (id: string, resolution: Resolution | null) => void;
  current: string;
  onCurrent: (id: string) => void;
  sender: string;
  hasBase: boolean;
  onFinished: () => void;
}) {
  useShortcutScope("merge");
  const [editing, setEditing] = useState(false);
  const box = useRef<HTMLElement>(null);
  const index = Math.max(
    0,
    conflicts.findIndex((c) => c.id === current),
  );
  const conflict = conflicts[index];
  const chosen = conflict ? resolutions[conflict.id] : undefined;
  const resolved = conflicts.filter((c) => resolutions[c.id] !== undefined).length;
  const can = (choice: string) => conflict?.choices.includes(choice) ?? false;

  // A new conflict on screen: the keys go to it, not to a button left focused.
  useEffect(() => {
    setEditing(false);
    box.current?.focus();
  }, [conflict?.id]);

  /// `settled`: a conflict resolved this moment (not yet in `resolutions`).
  const next = (settled?: string) => {
    if (!conflict) return;
    if (index + 1 < conflicts.length) {
      onCurrent(conflicts[index + 1].id);
      return;
    }
    const open = conflicts.find((c) => resolutions[c.id] === undefined && c.id !== settled);
    if (open) onCurrent(open.id);
    else onFinished();
  };
  const previous = () => index > 0 && onCurrent(conflicts[index - 1].id);
  const choose = (resolution: Resolution) => conflict && onResolve(conflict.id, resolution);

  const live = { enabled: !editing && !!conflict };
  useShortcut("merge.mine", () => choose("mine"), live);
  useShortcut("merge.theirs", () => choose("theirs"), live);
  useShortcut("merge.edit", () => can("value") && setEditing(true), live);
  useShortcut("merge.both", () => can("both") && choose("both"), live);
  useShortcut("merge.next", () => next(), live);
  useShortcut("merge.previous", previous, live);

  if (!conflict) return null;
  const record = isRecordConflict(conflict);
  const edited = chosen && typeof chosen === "object" ? chosen.value : undefined;
  const side = (which: "base" | "mine" | "theirs", title: string, value: unknown) => {
    const picked = chosen === which || (which === "mine" && chosen === "both") || (which === "theirs" && chosen === "both");
    return (
      <section className={`xch-side ${which}${picked ? " picked" : ""}`} aria-label={title}>
        <h4>
          {title}
          {picked && <span className="xch-picked"> ✓ chosen</span>}
        </h4>
        <p>{which === "base" && !hasBase ? "No common copy" : valueWords(value, record)}</p>
      </section>
    );
  };
  const button = (id: "merge.mine" | "merge.theirs" | "merge.edit" | "merge.both", label: string, key: string, onClick: () => void, pressed: boolean) => (
    <button type="button" aria-pressed={pressed} aria-keyshortcuts={ariaKeys(shortcuts.get(id))} onClick={onClick}>
      {label}
      <KeyHint>{key}</KeyHint>
    </button>
  );

  return (
    <section ref={box} tabIndex={-1} className="xch-conflict" aria-label={`Conflict ${index + 1} of ${conflicts.length}`}>
      <ShortcutHelp scope="merge" />
      <p className="xch-counter">
        <strong>
          Conflict {index + 1} of {conflicts.length}
        </strong>{" "}
        · {resolved} of {conflicts.length} resolved · <kbd>?</kbd> lists the keys
      </p>
      <h3>
        {conflict.record}
        {conflict.field && <span className="muted"> · {fieldName(conflict.field)}</span>}
      </h3>
      <p>{kindWords(conflict.kind, conflict.field)}.</p>
      <div className="xch-sides">
        {side("base", "Base (the common copy)", conflict.base)}
        {side("mine", "Ours", conflict.mine)}
        {side("theirs", `Theirs (${sender})`, conflict.theirs)}
      </div>
      {edited !== undefined && !editing && (
        <p className="xch-edited">
          Merged value: <strong>{valueWords(edited, false)}</strong>
        </p>
      )}
      {editing ? (
        <ValueEditor
          conflict={conflict}
          initial={edited ?? conflict.mine}
          onCancel={() => {
            setEditing(false);
            box.current?.focus();
          }}
          onKeep={(value) => {
            onResolve(conflict.id, { value });
            setEditing(false);
            next(conflict.id);
          }}
        />
      ) : (
        <div className="xch-choices" role="group" aria-label="Resolve this conflict">
          {button("merge.mine", "Keep ours", "m", () => choose("mine"), chosen === "mine")}
          {button("merge.theirs", "Take theirs", "t", () => choose("theirs"), chosen === "theirs")}
          {can("value") && button("merge.edit", "Edit a merged value", "e", () => setEditing(true), edited !== undefined)}
          {can("both") && button("merge.both", "Keep both", "b", () => choose("both"), chosen === "both")}
          <span className="xch-nav">
            <button type="button" disabled={index === 0} onClick={previous}>
              Previous
            </button>
            <button type="button" className="primary" aria-keyshortcuts="Enter" onClick={() => next()}>
              {index + 1 < conflicts.length ? "Next" : "Done"}
              <KeyHint>Enter</KeyHint>
            </button>
          </span>
        </div>
      )}
    </section>
  );
}
