// The requirements (controls) that mitigate a risk: linked ones with an unlink button,
// and a picker of the partnership's other requirements to link.
import { useEffect, useState } from "react";
import { api } from "../../api";
import { useCommand } from "../../lib/useCommand";
import type { Requirement } from "../../bindings";
import { humanise } from "../../lib/text";

export function RequirementLinks({
  partnershipId,
  riskId,
  linked,
  onChanged,
}: {
  partnershipId: string;
  riskId: string;
  linked: Requirement[];
  onChanged: () => void;
}) {
  const [all, setAll] = useState<Requirement[]>([]);
  const [choice, setChoice] = useState("");
  const { run, error } = useCommand();

  useEffect(() => {
    void run(async () => setAll(await api.requirements(partnershipId)), { keepError: true });
  }, [partnershipId, run]);

  const linkedIds = new Set(linked.map((q) => q.id));
  const candidates = all.filter((q) => !linkedIds.has(q.id));

  const change = async (requirementId: string, link: boolean) => {
    await run(async () => {
      await api.linkRequirement(requirementId, riskId, link);
      setChoice("");
      onChanged();
    });
  };

  return (
    <>
      {/* Any refusal is shown here: a link has no other field to show it at. */}
      {error && (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      )}
      {linked.length === 0 ? (
        <p className="muted">None linked.</p>
      ) : (
        <ul className="requirement-links">
          {linked.map((q) => (
            <li key={q.id}>
              <strong>{q.code}</strong> {q.title} <span className="muted">({humanise(q.status)})</span>{" "}
              <button type="button" className="ghost" aria-label={`Unlink ${q.code}`} onClick={() => change(q.id, false)}>
                Unlink
              </button>
            </li>
          ))}
        </ul>
      )}
      {candidates.length > 0 && (
        <div className="link-picker">
          <select aria-label="Requirement to link" value={choice} onChange={(e) => setChoice(e.target.value)}>
            <option value="">Link a requirement…</option>
            {candidates.map((q) => (
              <option key={q.id} value={q.id}>
                {q.code} {q.title}
              </option>
            ))}
          </select>
          <button type="button" disabled={!choice} onClick={() => change(choice, true)}>
            Link
          </button>
        </div>
      )}
    </>
  );
}
