// Small text helpers shared by every screen.

/// `limited_launch` → `Limited launch`.
export function humanise(text: string): string {
  const spaced = text.replace(/_/g, " ");
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/// "1 risk", "3 risks": a count with its noun (the plural is the noun plus "s" unless given).
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
