import { describe, expect, it } from 'vitest';
import * as root from './index';
import * as internal from './internal/index';

// Plumbing the sibling packages share: on `@guardloop/core/internal`, never on the root.
const plumbing = [
  'raceAbort',
  'throwIfAborted',
  'toInputIssues',
  'maxJsonDepth',
  'maxTimeoutMs',
  'summarizeIssues',
  'fingerprintWithin',
  'canonicalJson',
  'abortSignalSchema',
  'clockSchema',
  'idGeneratorSchema',
  'storableTextSchema',
];

describe('the root entry point of @guardloop/core', () => {
  it('stays small: what a host needs, at most 60 runtime values', () => {
    expect(Object.keys(root).length).toBeLessThanOrEqual(60);
  });

  it('keeps plumbing on the internal entry point only', () => {
    expect(plumbing.filter((name) => name in root)).toEqual([]);
    expect(plumbing.filter((name) => !(name in internal))).toEqual([]);
  });

  it('no longer exports the outcome model, which @guardloop/feedback owns', () => {
    expect('outcomeSchema' in root).toBe(false);
    expect('outcomeKinds' in root).toBe(false);
  });

  it('reads enum values from the schemas, which replace the removed arrays', () => {
    expect(root.verdictSchema.options).toEqual(['allow', 'escalate', 'deny']);
    expect(root.signalSchema.shape.kind.options).toContain('ticket');
    expect(root.railResultSchema.shape.status.options).toContain('timed_out');
    expect(root.ticketStatusSchema.options).toContain('pending_customer');
  });
});
