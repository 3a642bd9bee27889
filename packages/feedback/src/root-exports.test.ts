import { describe, expect, it } from 'vitest';
import * as root from './index';
import * as internal from './internal/index';

// Plumbing the adapters need (statistics, paging, counter arithmetic, fold internals): on
// `@guardloop/feedback/internal`, never on the root.
const plumbing = [
  'wilsonUpperBound',
  'twoProportionPValue',
  'normalCdf',
  'defaultPageLimit',
  'maxPageLimit',
  'maxBatchCommits',
  'pageLimit',
  'encodePageCursor',
  'decodePageCursor',
  'pageCursorKeys',
  'aggregateDeltas',
  'traceContribution',
  'applyOutcome',
  'foldOutcomes',
  'compareOutcomeOrder',
  'addKpiCounters',
  'emptyKpiCounters',
  'kpiCounterNames',
  'storableKeySchema',
  'storableLimits',
  'jsonObjectSchema',
  'segmentFields',
  'feedbackStoreArgumentSchemas',
];

describe('the root entry point of @guardloop/feedback', () => {
  it('stays small: what a host needs, at most 45 runtime values', () => {
    expect(Object.keys(root).length).toBeLessThanOrEqual(45);
  });

  it('keeps plumbing on the internal entry point only', () => {
    expect(plumbing.filter((name) => name in root)).toEqual([]);
    expect(plumbing.filter((name) => !(name in internal))).toEqual([]);
  });

  it('keeps the store contract validator on the root, for any adapter', () => {
    expect(typeof root.parseFeedbackStoreArguments).toBe('function');
  });
});
