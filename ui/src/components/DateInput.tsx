import { useId, type InputHTMLAttributes } from "react";
import { FIRST_YEAR, LAST_YEAR, dateOrder, readDate } from "../lib/dates";

/// A date field that says the order it is typed in (the system's: "MM/DD/YYYY" here)
/// and, once filled, what it understood ("Thursday, 18 March 2027"); a year outside
/// 1990–2200 is flagged at once, before the core refuses it (no `min`/`max`: the browser's
/// own check would block the form silently instead of letting the core say why).
export function DateInput({
  id,
  describedBy,
  value,
  onValue,
  ...rest
}: {
  id?: string;
  describedBy?: string;
  value: string;
  onValue: (value: string) => void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange" | "type" | "id">) {
  const readId = useId();
  const read = readDate(value);
  const order = dateOrder();
  // With an error of the form already under the field (`describedBy`), only what was read.
  const warn = !!value && !read.plausible && !describedBy;
  const said = !value
    ? `Typed as ${order}`
    : read.plausible || describedBy
      ? `${order} · read as ${read.text}`
      : `Read as ${read.text}: the year must be ${FIRST_YEAR} to ${LAST_YEAR}. Type it as ${order}.`;
  return (
    <>
      <input
        {...rest}
        id={id}
        type="date"
        aria-describedby={[describedBy, readId].filter(Boolean).join(" ")}
        aria-invalid={rest["aria-invalid"] ?? (value && !read.plausible ? true : undefined)}
        value={value}
        onChange={(e) => onValue(e.target.value)}
      />
      <small id={readId} className={warn ? "date-read warn" : "date-read muted"} aria-live="polite">
        {said}
      </small>
    </>
  );
}
