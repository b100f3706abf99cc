import type { Status } from "../bindings";
import { statusColours, statusWords } from "../lib/health";

/// A coloured chip naming a health indicator's status.
export function HealthChip({ status, title }: { status: Status; title?: string }) {
  const [background, color] = statusColours[status];
  return (
    <span className="chip" style={{ background, color }} title={title}>
      {statusWords[status]}
    </span>
  );
}
