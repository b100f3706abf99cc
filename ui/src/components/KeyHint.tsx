/// A key shown on a button beside its words ("Reveal R"), hidden from screen readers: the
/// button's accessible name stays its words, and its `aria-keyshortcuts` names the key.
export function KeyHint({ children }: { children: string }) {
  return (
    <kbd className="key-hint" aria-hidden="true">
      {children}
    </kbd>
  );
}
