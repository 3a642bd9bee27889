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
  // 46: `assessMaturity` (issue #17) is a host-facing report, not plumbing; its level names and
  // dimensions stay types so that it costs one value. 48: `createBufferedRecorder` and its
  // `OutcomeNotRecordedError` (issue #14), how a host records outcomes one by one in batches.
  it('stays small: what a host needs, at most 48 runtime values', () => {
    expect(Object.keys(root).length).toBeLessThanOrEqual(48);
  });

  it('keeps plumbing on the internal entry point only', () => {
    expect(plumbing.filter((name) => name in root)).toEqual([]);
    expect(plumbing.filter((name) => !(name in internal))).toEqual([]);
  });

  it('keeps the store contract validator on the root, for any adapter', () => {
    expect(typeof root.parseFeedbackStoreArguments).toBe('function');
  });
});
