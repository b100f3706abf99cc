// A risk raised in the room: created in the register and appended to the agenda at once.
import { useEffect, useState } from "react";
import { api } from "../../api";
import type { Category, RiskFields } from "../../bindings";
import { errorAt } from "../../lib/errors";
import { useCommand } from "../../lib/useCommand";
import { Field } from "../../components/Field";
import { Problem } from "./Problem";

function proposed(title: string, category: string): RiskFields {
  return {
    category,
    title,
    description: "",
    cause: "",
    consequence: "",
    owner: "",
    status: "open",
    treatment: null,
    treatment_rationale: "",
    acceptance_approver: "",
    acceptance_expiry: null,
    inherent: null,
    residual: null,
    target: null,
    tags: ["workshop"],
    next_review: null,
  };
}

export function ProposeRisk({ workshopId, onChanged }: { workshopId: string; onChanged: () => void }) {
  const [categories, setCategories] = useState<Category[]>([]);
  const [title, setTitle] = useState("");
  const [category, setCategory] = useState("");
  const { run, error } = useCommand();
  const [added, setAdded] = useState<string | null>(null);

  useEffect(() => {
    void run(
      async () => {
        const list = await api.categories();
        setCategories(list);
        setCategory((c) => c || list[0]?.code || "");
      },
      { keepError: true },
    );
  }, [run]);

  const propose = async (event: React.FormEvent) => {
    event.preventDefault();
    await run(
      async () => {
        const item = await api.proposeRisk(workshopId, proposed(title, category));
        setTitle("");
        setAdded(`${item.reference} was added to the end of the agenda.`);
        onChanged();
      },
      { onError: () => setAdded(null) },
    );
  };

  return (
    <form className="ws-card ws-propose" aria-label="Propose a risk" onSubmit={propose}>
      <h3>Propose a risk</h3>
      <p className="muted">A risk raised in the room goes into the register and to the end of the agenda.</p>
      <div className="ws-inline">
        <Field label="Proposed risk title" error={errorAt(error, "title")}>
          {(id, d) => <input id={id} aria-describedby={d} value={title} onChange={(e) => setTitle(e.target.value)} />}
        </Field>
        <Field label="Proposed risk category" error={errorAt(error, "category")}>
          {(id, d) => (
            <select id={id} aria-describedby={d} value={category} onChange={(e) => setCategory(e.target.value)}>
              {categories.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit">Propose the risk</button>
      </div>
      {added && (
        <p className="muted" role="status">
          {added}
        </p>
      )}
      <Problem error={error} shown={["title", "category"]} />
    </form>
  );
}
