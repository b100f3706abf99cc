// The title bar's "Exchange" button: the same three choices as the File menu's exchange
// items (Send partnership…, Share with the partner…, Merge a file…), in the window.
import { useEffect, useRef, useState } from "react";

export type ExchangeWhat = "send" | "share" | "merge";

const ITEMS: [ExchangeWhat, string][] = [
  ["send", "Send partnership…"],
  ["share", "Share with the partner…"],
  ["merge", "Merge a file…"],
];

export function ExchangeMenu({ onChoose }: { onChoose: (what: ExchangeWhat) => void }) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const items = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(() => {
    if (!open) return;
    items.current[0]?.focus();
    const away = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", away);
    return () => document.removeEventListener("mousedown", away);
  }, [open]);

  const move = (e: React.KeyboardEvent, n: number) => {
    const step = e.key === "ArrowDown" ? 1 : e.key === "ArrowUp" ? -1 : 0;
    if (step) {
      e.preventDefault();
      items.current[(n + step + ITEMS.length) % ITEMS.length]?.focus();
    } else if (e.key === "Escape") {
      e.stopPropagation();
      setOpen(false);
    }
  };

  return (
    <div className="xch-menu" ref={box}>
      <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((o) => !o)} title="Send, share or merge this partnership">
        Exchange <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div role="menu" aria-label="Exchange" className="xch-menu-list">
          {ITEMS.map(([what, label], n) => (
            <button
              key={what}
              ref={(el) => {
                items.current[n] = el;
              }}
              type="button"
              role="menuitem"
              onKeyDown={(e) => move(e, n)}
              onClick={() => {
                setOpen(false);
                onChoose(what);
              }}
            >
              {label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
