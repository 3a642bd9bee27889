import {
  addBreakdownCounters,
  type BreakdownCounters,
  type BreakdownDimension,
  type BreakdownRow,
  breakdownId,
  emptyBreakdownCounters,
} from '../schemas/breakdown-counters';
import type { AggregateRow } from '../store/feedback-store';

/**
 * Sums the rows' per-key counters of one dimension and returns the keys whose `weight` counter
 * is positive, busiest first (ties by key), so every breakdown report ranks keys the same way.
 */
export function rankBreakdownKeys(
  rows: readonly AggregateRow[],
  dimension: BreakdownDimension,
  weight: keyof BreakdownCounters,
): BreakdownRow[] {
  const totals = new Map<string, BreakdownRow>();
  for (const row of rows) {
    for (const entry of row.breakdowns ?? []) {
      if (entry.dimension !== dimension) continue;
      const id = breakdownId(entry);
      const total = totals.get(id) ?? { ...entry, counters: emptyBreakdownCounters() };
      totals.set(id, total);
      addBreakdownCounters(total.counters, entry.counters);
    }
  }
  return [...totals.values()]
    .filter((total) => total.counters[weight] > 0)
    .sort(
      (a, b) =>
        b.counters[weight] - a.counters[weight] || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
}
