// The queue's filters: partnership, category, minimum level and owner.
import type { QueueFilter } from "../../bindings";
import { levelChoices, type QueueOptions } from "./useQueueOptions";

export function QueueFilters({
  filter,
  onFilter,
  options,
  owners,
}: {
  filter: QueueFilter;
  onFilter: (filter: QueueFilter) => void;
  options: QueueOptions;
  /// The owners seen in the queue so far.
  owners: string[];
}) {
  const set = (patch: Partial<QueueFilter>) => onFilter({ ...filter, ...patch });
  const partnerships = options.partnerships.filter((p) => !p.archived || p.id === filter.partnership_id);
  const levels = levelChoices(options, filter.partnership_id);
  const ownerList = [...new Set([...owners, ...(filter.owner ? [filter.owner] : [])])].sort((a, b) =>
    a.localeCompare(b),
  );
  return (
    <div className="filters" role="group" aria-label="Queue filters">
      <select
        aria-label="Partnership"
        value={filter.partnership_id ?? ""}
        onChange={(e) => set({ partnership_id: e.target.value || null, min_level: null })}
      >
        <option value="">All partnerships</option>
        {partnerships.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
        {filter.partnership_id && !partnerships.some((p) => p.id === filter.partnership_id) && (
          <option value={filter.partnership_id}>This partnership</option>
        )}
      </select>
      <select aria-label="Category" value={filter.category ?? ""} onChange={(e) => set({ category: e.target.value || null })}>
        <option value="">All categories</option>
        {options.categories.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
        {filter.category && !options.categories.some((c) => c.code === filter.category) && (
          <option value={filter.category}>{filter.category}</option>
        )}
      </select>
      <select
        aria-label="Level"
        value={filter.min_level ?? ""}
        onChange={(e) => set({ min_level: e.target.value === "" ? null : Number(e.target.value) })}
      >
        <option value="">Any level</option>
        {levels.map((l) => (
          <option key={l.index} value={l.index}>
            {l.label}
          </option>
        ))}
        {filter.min_level !== null && !levels.some((l) => l.index === filter.min_level) && (
          <option value={filter.min_level}>Level {filter.min_level + 1} or higher</option>
        )}
      </select>
      <select aria-label="Owner" value={filter.owner ?? ""} onChange={(e) => set({ owner: e.target.value || null })}>
        <option value="">Any owner</option>
        {ownerList.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </div>
  );
}
