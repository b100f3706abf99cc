import { useId, type ReactNode } from "react";
import "./dialog.css";

/// A modal dialog with a title; Esc closes it. With `modal={false}` it sits in the page's
/// flow instead (a first-run question that must not block the window).
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
  const box = (
    <div
      role="dialog"
      aria-modal={modal}
      aria-labelledby={id}
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
  if (!modal) return box;
  return (
    <div className="backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      {box}
    </div>
  );
}
