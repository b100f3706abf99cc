// What the queue's filters offer and how its levels are coloured: the partnerships, the
// categories and the matrices (a level is an index into each partnership's own matrix).
import { useEffect, useState } from "react";
import { api } from "../../api";
import type { Category, Matrix, PartnershipSummary, RiskLevel } from "../../bindings";

export interface QueueOptions {
  partnerships: PartnershipSummary[];
  categories: Category[];
  matrices: Matrix[];
}

export function useQueueOptions(): QueueOptions {
  const [options, setOptions] = useState<QueueOptions>({ partnerships: [], categories: [], matrices: [] });
  useEffect(() => {
    let live = true;
    // The filters are a help: the queue works without them when one of these fails.
    const safely = async <T,>(load: () => Promise<T[] | null>) => {
      try {
        return (await load()) ?? [];
      } catch {
        return [];
      }
    };
    void Promise.all([
      safely(() => api.listPartnerships(false)),
      safely(() => api.categories()),
      safely(() => api.matrices()),
    ]).then(([partnerships, categories, matrices]) => {
      if (live) setOptions({ partnerships, categories, matrices });
    });
    return () => {
      live = false;
    };
  }, []);
  return options;
}

/// The matrix a partnership scores on.
export function matrixOf(options: QueueOptions, partnershipId: string | null): Matrix | null {
  const p = options.partnerships.find((x) => x.id === partnershipId);
  return options.matrices.find((m) => m.id === p?.matrix_id) ?? null;
}

/// A level by name in a partnership's matrix (for its colour).
export function levelNamed(options: QueueOptions, partnershipId: string, name: string | null): RiskLevel | null {
  if (!name) return null;
  return matrixOf(options, partnershipId)?.levels.find((l) => l.name === name) ?? null;
}

/// The minimum-level choices: by index, named after the levels of the chosen partnership's
/// matrix, or of every matrix in use ("Medium / Moderate or higher").
export function levelChoices(options: QueueOptions, partnershipId: string | null): { index: number; label: string }[] {
  const one = matrixOf(options, partnershipId);
  const used = one
    ? [one]
    : options.matrices.filter((m) => options.partnerships.some((p) => p.matrix_id === m.id));
  const most = Math.max(0, ...used.map((m) => m.levels.length));
  return Array.from({ length: most }, (_, index) => {
    const names = [...new Set(used.map((m) => m.levels[index]?.name).filter((n): n is string => !!n))];
    return { index, label: `${names.join(" / ")} or higher` };
  }).slice(1); // "the lowest level or higher" is every risk
}
