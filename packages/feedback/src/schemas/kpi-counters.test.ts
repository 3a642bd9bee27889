import { describe, expect, it } from 'vitest';
import {
  addKpiCounters,
  emptyKpiCounters,
  kpiCounterNames,
  kpiCountersSchema,
} from './kpi-counters';

describe('kpi counters', () => {
  it('adds every named counter, and treats missing deltas as zero', () => {
    const delta = Object.fromEntries(kpiCounterNames.map((name, index) => [name, index + 1]));
    const total = addKpiCounters(addKpiCounters(emptyKpiCounters(), delta), { traces: -1 });
    expect(total).toEqual({ ...delta, traces: 0 });
    expect(kpiCountersSchema.parse(total)).toEqual(total);
  });

  it('starts at zero', () => {
    expect(Object.values(emptyKpiCounters()).every((value) => value === 0)).toBe(true);
    expect(Object.keys(emptyKpiCounters())).toEqual([...kpiCounterNames]);
  });
});
