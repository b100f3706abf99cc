// Small text helpers shared by every screen.

/// `limited_launch` → `Limited launch`.
export function humanise(text: string): string {
  const spaced = text.replace(/_/g, " ");
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
