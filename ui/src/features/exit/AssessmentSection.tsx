// The plan-wide assessment (the Register of Information's words), the alternatives, the
// roles, the success criteria, and the risks and requirements the plan is linked to.
import type {
  AlternativeKind,
  AlternativeReadiness,
  DiscontinuingImpact,
  ExitPlan,
  Reintegration,
  Substitutability,
  SubstitutabilityReason,
} from "../../bindings";
import { fieldId } from "./draft";
import { Choice, TextInput } from "./inputs";
import { ListEditor } from "./ListEditor";
import { ALTERNATIVE_KINDS, ALTERNATIVE_READINESS, IMPACT, REASONS, REINTEGRATION, SUBSTITUTABILITY } from "./words";

type Edit = (edit: (p: ExitPlan) => void) => void;
export type Linkable = { id: string; label: string };

export function AssessmentSection({ plan, onChange }: { plan: ExitPlan; onChange: Edit }) {
  return (
    <section className="exit-section" aria-labelledby="exit-h-assessment">
      <h3 id="exit-h-assessment">Substitutability and alternatives</h3>
      <div className="form-grid">
        <Choice<Substitutability>
          path="substitutability"
          label="Substitutability of the partner"
          optional
          value={plan.substitutability}
          options={SUBSTITUTABILITY}
          onCommit={(v) => onChange((p) => { p.substitutability = v; })}
        />
        {plan.substitutability !== "easy" && (
          <Choice<SubstitutabilityReason>
            path="substitutability_reason"
            label="Why it is hard to substitute"
            optional
            value={plan.substitutability_reason}
            options={REASONS}
            onCommit={(v) => onChange((p) => { p.substitutability_reason = v; })}
          />
        )}
        <Choice<Reintegration>
          path="reintegration"
          label="Bringing the service back in house"
          optional
          value={plan.reintegration}
          options={REINTEGRATION}
          onCommit={(v) => onChange((p) => { p.reintegration = v; })}
        />
        <Choice<DiscontinuingImpact>
          path="discontinuing_impact"
          label="Impact of discontinuing the service"
          optional
          value={plan.discontinuing_impact}
          options={IMPACT}
          onCommit={(v) => onChange((p) => { p.discontinuing_impact = v; })}
        />
      </div>
      <ListEditor
        path="alternatives"
        title="Alternatives"
        noun="alternative"
        items={plan.alternatives}
        empty="No alternative identified."
        placeholder="New alternative, e.g. another provider's name, or In house"
        onAdd={(name) => onChange((p) => void p.alternatives.push({ id: "", name, kind: "provider", readiness: "identified", notes: "" }))}
        onRemove={(n) => onChange((p) => void p.alternatives.splice(n, 1))}
        row={(a, n) => {
          const at = (f: string) => `alternatives[${n}].${f}`;
          const set = (edit: (x: ExitPlan["alternatives"][number]) => void) => onChange((p) => edit(p.alternatives[n]!));
          return (
            <>
              <TextInput path={at("name")} label="Alternative" value={a.name} onCommit={(v) => set((x) => { x.name = v; })} />
              <Choice<AlternativeKind> path={at("kind")} label="Kind" value={a.kind} options={ALTERNATIVE_KINDS} onCommit={(v) => set((x) => { x.kind = v ?? x.kind; })} />
              <Choice<AlternativeReadiness>
                path={at("readiness")}
                label="How ready"
                value={a.readiness}
                options={ALTERNATIVE_READINESS}
                onCommit={(v) => set((x) => { x.readiness = v ?? x.readiness; })}
              />
              <div className="span-3">
                <TextInput path={at("notes")} label="Notes" value={a.notes} onCommit={(v) => set((x) => { x.notes = v; })} />
              </div>
            </>
          );
        }}
      />
    </section>
  );
}

export function RolesSection({ plan, onChange }: { plan: ExitPlan; onChange: Edit }) {
  return (
    <section className="exit-section" aria-labelledby="exit-h-roles">
      <h3 id="exit-h-roles">Roles and success criteria</h3>
      <div className="form-grid exit-grid-3">
        <TextInput path="roles.exit_owner" label="Exit owner" value={plan.roles.exit_owner} onCommit={(v) => onChange((p) => { p.roles.exit_owner = v; })} />
        <TextInput path="roles.decision_maker" label="Decision maker" value={plan.roles.decision_maker} onCommit={(v) => onChange((p) => { p.roles.decision_maker = v; })} />
        <TextInput
          path="roles.communication_lead"
          label="Communication lead"
          value={plan.roles.communication_lead}
          onCommit={(v) => onChange((p) => { p.roles.communication_lead = v; })}
        />
      </div>
      <TextInput
        path="success_criteria"
        label="Success criteria"
        hint="One criterion a line"
        multiline
        value={plan.success_criteria.join("\n")}
        onCommit={(v) =>
          onChange((p) => {
            p.success_criteria = v
              .split("\n")
              .map((l) => l.trim())
              .filter(Boolean);
          })
        }
      />
    </section>
  );
}

function LinkList({ legend, path, items, chosen, onToggle }: { legend: string; path: string; items: Linkable[]; chosen: string[]; onToggle: (id: string, on: boolean) => void }) {
  return (
    <fieldset className="exit-links" id={fieldId(path)} tabIndex={-1}>
      <legend>{legend}</legend>
      {items.length === 0 && <p className="muted">None in this partnership.</p>}
      {items.map((item) => (
        <label key={item.id} className="exit-check">
          <input type="checkbox" checked={chosen.includes(item.id)} onChange={(e) => onToggle(item.id, e.target.checked)} />
          {item.label}
        </label>
      ))}
    </fieldset>
  );
}

export function LinksSection({ plan, risks, requirements, onChange }: { plan: ExitPlan; risks: Linkable[]; requirements: Linkable[]; onChange: Edit }) {
  const toggle = (list: "risk_ids" | "requirement_ids") => (id: string, on: boolean) =>
    onChange((p) => { p[list] = on ? [...p[list].filter((x) => x !== id), id] : p[list].filter((x) => x !== id); });
  return (
    <section className="exit-section" aria-labelledby="exit-h-links">
      <h3 id="exit-h-links">Linked risks and requirements</h3>
      <div className="exit-columns">
        <LinkList legend="Risks the plan mitigates" path="risk_ids" items={risks} chosen={plan.risk_ids} onToggle={toggle("risk_ids")} />
        <LinkList legend="Requirements it relies on" path="requirement_ids" items={requirements} chosen={plan.requirement_ids} onToggle={toggle("requirement_ids")} />
      </div>
    </section>
  );
}
