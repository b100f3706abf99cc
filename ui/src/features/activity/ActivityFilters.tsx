// The activity view's filters: person, day range, kind of record, field and (across the
// workspace) partnership. Every change asks for a fresh first page.
import { useId } from "react";
import { errorAt } from "../../lib/errors";
import type { ActivityFilter, Entity, IpcError, PartnershipSummary } from "../../bindings";
import { ENTITIES, ENTITY_LABEL, knownFields } from "../../lib/changes";
import { DateInput } from "../../components/DateInput";

export function ActivityFilters({
  filter,
  onFilter,
  actors,
  partnerships,
  error,
}: {
  filter: ActivityFilter;
  onFilter: (filter: ActivityFilter) => void;
  actors: string[];
  /// The partnerships to pick from; null when the view is already one partnership's.
  partnerships: PartnershipSummary[] | null;
  error: IpcError | null;
}) {
  const id = useId();
  const set = (patch: Partial<ActivityFilter>) => onFilter({ ...filter, ...patch, before: null });
  const fields = knownFields(filter.entity);
  // A field chosen under another kind of record stays selectable until it is changed.
  const fieldOptions =
    filter.field && !fields.some((f) => f.field === filter.field)
      ? [...fields, ...knownFields(null).filter((f) => f.field === filter.field)]
      : fields;
  const rangeError = errorAt(error, "until") ?? errorAt(error, "since");
  const filtered =
    !!filter.actor || !!filter.since || !!filter.until || !!filter.entity || !!filter.field || (!!partnerships && !!filter.partnership_id);

  return (
    <div className="filters activity-filters">
      {partnerships && (
        <select
          aria-label="Partnership"
          value={filter.partnership_id ?? ""}
          onChange={(e) => set({ partnership_id: e.target.value || null })}
        >
          <option value="">All partnerships</option>
          {partnerships.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
              {p.archived ? " (archived)" : ""}
            </option>
          ))}
        </select>
      )}
      <select aria-label="Person" value={filter.actor ?? ""} onChange={(e) => set({ actor: e.target.value || null })}>
        <option value="">Everyone</option>
        {[...new Set([...actors, ...(filter.actor ? [filter.actor] : [])])].map((a) => (
          <option key={a} value={a}>
            {a}
          </option>
        ))}
      </select>
      <label className="inline-label">
        From
        <DateInput
          aria-label="From"
          value={filter.since ?? ""}
          aria-invalid={!!rangeError || undefined}
          describedBy={rangeError ? `${id}-range` : undefined}
          onValue={(v) => set({ since: v || null })}
        />
      </label>
      <label className="inline-label">
        To
        <DateInput
          aria-label="To"
          value={filter.until ?? ""}
          aria-invalid={!!rangeError || undefined}
          describedBy={rangeError ? `${id}-range` : undefined}
          onValue={(v) => set({ until: v || null })}
        />
      </label>
      <select
        aria-label="Kind of record"
        value={filter.entity ?? ""}
        onChange={(e) => set({ entity: (e.target.value || null) as Entity | null })}
      >
        <option value="">Any record</option>
        {ENTITIES.map((e) => (
          <option key={e} value={e}>
            {ENTITY_LABEL[e]}
          </option>
        ))}
      </select>
      <select aria-label="Field" value={filter.field ?? ""} onChange={(e) => set({ field: e.target.value || null })}>
        <option value="">Any field</option>
        {fieldOptions.map((f) => (
          <option key={f.field} value={f.field}>
            {f.label}
          </option>
        ))}
      </select>
      {filtered && (
        <button
          type="button"
          onClick={() =>
            onFilter({
              ...filter,
              partnership_id: partnerships ? null : filter.partnership_id,
              actor: null,
              since: null,
              until: null,
              entity: null,
              field: null,
              before: null,
            })
          }
        >
          Clear filters
        </button>
      )}
      {rangeError && (
        <small id={`${id}-range`} className="field-error" role="alert">
          {rangeError}
        </small>
      )}
    </div>
  );
}
