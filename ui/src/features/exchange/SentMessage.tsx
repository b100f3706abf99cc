// What was sent: how many records of each kind, the file's size, and where it is.
import type { Sent } from "../../bindings";
import { plural } from "../../lib/text";
import { records, sizeWords } from "./words";

const ORDER = ["risks", "actions", "requirements", "workshops", "reviews", "acceptances", "indicators", "readings", "audit_log"];

export function SentMessage({ sent }: { sent: Sent }) {
  const counts = sent.exported.records;
  const total = Object.entries(counts)
    .filter(([t]) => t !== "reference_counters")
    .reduce((sum, [, n]) => sum + n, 0);
  const named = ORDER.filter((t) => (counts[t] ?? 0) > 0).map((t) => records(counts[t], t));
  const others = Object.keys(counts).filter((t) => !ORDER.includes(t) && t !== "reference_counters" && t !== "partnerships" && counts[t] > 0);
  return (
    <div role="status">
      <p>
        Sent <strong>{plural(total, "record")}</strong> of {sent.exported.partnership}:{" "}
        {[...named, ...others.map((t) => records(counts[t], t))].join(", ") || "no risks yet"}.
      </p>
      <p>
        {sizeWords(sent.exported.bytes)}, saved to <strong>{sent.path}</strong>.
      </p>
    </div>
  );
}
