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

/// The years a date typed by a person may have (the core refuses the others).
export const FIRST_YEAR = 1990;
export const LAST_YEAR = 2200;

/// The order the system's date fields are typed in, e.g. "MM/DD/YYYY" or "DD.MM.YYYY".
export function dateOrder(locale?: string): string {
  try {
    const parts = new Intl.DateTimeFormat(locale, { year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(
      new Date(2027, 2, 18),
    );
    const text = parts
      .map((p) => (p.type === "year" ? "YYYY" : p.type === "month" ? "MM" : p.type === "day" ? "DD" : p.value))
      .join("");
    return /YYYY/.test(text) && /MM/.test(text) && /DD/.test(text) ? text : "YYYY-MM-DD";
  } catch {
    return "YYYY-MM-DD";
  }
}

/// What a date field's value (YYYY-MM-DD) says in words, and whether its year is plausible.
export function readDate(value: string, locale?: string): { text: string; plausible: boolean } {
  const m = /^(\d{4,6})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return { text: value, plausible: value === "" };
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  const text = new Intl.DateTimeFormat(locale, {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(date);
  // Years before 1000 print without their leading zeros ("18"): show all four digits.
  const shown = year < 1000 ? text.replace(new RegExp(`\\b${year}\\b`), String(year).padStart(4, "0")) : text;
  return { text: shown, plausible: year >= FIRST_YEAR && year <= LAST_YEAR };
}
