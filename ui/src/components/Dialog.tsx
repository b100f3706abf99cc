import { useEffect, useId, useRef, type ReactNode } from "react";
import "./dialog.css";

const FOCUSABLE = [
  "a[href]",
  "button:not([disabled])",
  "input:not([disabled]):not([type=hidden])",
  "select:not([disabled])",
  "textarea:not([disabled])",
  "[tabindex]:not([tabindex='-1'])",
].join(", ");

/// Makes everything in the page but `keep` (and its ancestors) inert: no focus, no clicks,
/// hidden from screen readers. Returns the undo, which restores only what it changed (an
/// element already inert, e.g. under an outer dialog, stays so).
export function inertAround(keep: HTMLElement): () => void {
  const changed: HTMLElement[] = [];
  for (let node: HTMLElement | null = keep; node && node !== document.body; node = node.parentElement) {
    const parent: HTMLElement | null = node.parentElement;
    if (!parent) break;
    for (const sibling of Array.from(parent.children)) {
      if (sibling === node || !(sibling instanceof HTMLElement) || sibling.hasAttribute("inert")) continue;
      if (sibling.tagName === "SCRIPT" || sibling.tagName === "STYLE") continue;
      sibling.setAttribute("inert", "");
      changed.push(sibling);
    }
  }
  return () => {
    for (const element of changed) element.removeAttribute("inert");
  };
}

/// A modal dialog with a title; Esc closes it. While it is open the rest of the window is
/// inert (focus cannot leave it, screen readers see only it), focus moves into it and
/// returns where it was when it closes. With `modal={false}` it sits in the page's flow
/// instead (a first-run question that must not block the window).
export function Dialog({
  title,
  onClose,
  children,
  wide,
  modal = true,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
  modal?: boolean;
}) {
  const id = useId();
  const backdrop = useRef<HTMLDivElement>(null);
  const box = useRef<HTMLDivElement>(null);
  // Where focus was when the dialog opened (read while rendering: a field's autoFocus has
  // moved it by the time effects run).
  const opener = useRef(document.activeElement);

  useEffect(() => {
    if (!modal || !backdrop.current || !box.current) return;
    const before = opener.current instanceof HTMLElement ? opener.current : null;
    const undo = inertAround(backdrop.current);
    // Focus the first field (a child's autoFocus has already run and wins).
    if (!box.current.contains(document.activeElement)) {
      const fields = Array.from(box.current.querySelectorAll<HTMLElement>(FOCUSABLE));
      const first = fields.find((f) => !f.closest(".dialog-header")) ?? fields[0];
      (first ?? box.current).focus();
    }
    return () => {
      undo();
      if (before?.isConnected) before.focus();
    };
  }, [modal]);

  const dialog = (
    <div
      ref={box}
      role="dialog"
      aria-modal={modal}
      aria-labelledby={id}
      tabIndex={-1}
      className={[wide ? "dialog wide" : "dialog", modal ? "" : "inline"].filter(Boolean).join(" ")}
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
  );
  if (!modal) return dialog;
  return (
    <div ref={backdrop} className="backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      {dialog}
    </div>
  );
}
