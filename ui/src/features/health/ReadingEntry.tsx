// Reading entry from the keyboard: the day (today unless changed), the value, a note;
// Enter records it and puts the cursor back in the value for the next one. A day that
// already has a reading is refused unless "Replace" is ticked (the old one is kept).
import { useRef, useState } from "react";
import { api } from "../../api";
import type { Indicator, Reading } from "../../bindings";
import { DateInput } from "../../components/DateInput";
import { Field } from "../../components/Field";
import { todayIso } from "../../lib/dates";
import { unitWords } from "../../lib/health";
import { useCommand } from "../../lib/useCommand";

/// A value as typed: a decimal point or comma, a trailing % allowed; null when not a number.
export function readValue(text: string): number | null {
  const cleaned = text.trim().replace(/\s/g, "").replace(/%$/, "").replace(",", ".");
  if (cleaned === "" || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) return null;
  return Number(cleaned);
}

export function ReadingEntry({ indicator, onRecorded }: { indicator: Indicator; onRecorded: (r: Reading) => void }) {
  const [date, setDate] = useState(todayIso());
  const [value, setValue] = useState("");
  const [note, setNote] = useState("");
  const [replace, setReplace] = useState(false);
  const valueRef = useRef<HTMLInputElement>(null);
  const { run, error, errorAt, setError, running } = useCommand();
  const taken = error?.code === "conflict" && error.field === "date";

  const submit = async () => {
    const number = readValue(value);
    if (number === null) {
      setError({
        code: "invalid",
        field: "value",
        message: value.trim() ? `“${value.trim()}” is not a number: type a value such as 99.5` : "Type the value read",
      });
      valueRef.current?.focus();
      return;
    }
    const reading = await run(() => api.addReading(indicator.id, { date, value: number, note: note.trim() }, replace), {
      onError: () => valueRef.current?.focus(),
    });
    if (reading) {
      setValue("");
      setNote("");
      setReplace(false);
      onRecorded(reading);
      valueRef.current?.focus();
    }
  };

  return (
    <form
      className="reading-entry"
      aria-label={`New reading of ${indicator.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Field label="Date" error={errorAt("date")}>
        {(id, describedBy) => <DateInput id={id} describedBy={describedBy} value={date} onValue={setDate} />}
      </Field>
      <Field label="Value" hint={unitWords[indicator.unit]} error={errorAt("value")}>
        {(id, describedBy) => (
          <input
            id={id}
            ref={valueRef}
            inputMode="decimal"
            autoComplete="off"
            aria-describedby={describedBy}
            aria-invalid={errorAt("value") ? true : undefined}
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        )}
      </Field>
      <Field label="Note" error={errorAt("note")}>
        {(id, describedBy) => (
          <input id={id} aria-describedby={describedBy} value={note} onChange={(e) => setNote(e.target.value)} />
        )}
      </Field>
      <label className={taken ? "replace-choice attention" : "replace-choice"}>
        <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} /> Replace the day's
        reading
      </label>
      <button type="submit" className="primary" disabled={running}>
        Record reading
      </button>
      {error && !["date", "value", "note"].some((f) => errorAt(f)) && (
        <p className="banner-error" role="alert">
          {error.message}
        </p>
      )}
    </form>
  );
}
