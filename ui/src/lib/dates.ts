// Calendar days as the core writes them (YYYY-MM-DD), in the user's local time zone.

/// Today's date, local time: "2026-11-20".
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function utcDay(day: string): number {
  const [y, m, d] = day.slice(0, 10).split("-").map(Number);
  return Date.UTC(y!, m! - 1, d!);
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
export function daysBetween(from: string, to: string): number {
  return Math.round((utcDay(to) - utcDay(from)) / 86_400_000);
}

/// `day` plus `days` calendar days.
export function addDays(day: string, days: number): string {
  return new Date(utcDay(day) + days * 86_400_000).toISOString().slice(0, 10);
}

/// A timestamp as "2026-11-20 14:05" (UTC, as recorded), a date as itself.
export function shortTime(at: string): string {
  return at.slice(0, 16).replace("T", " ");
}
