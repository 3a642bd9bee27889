import type { InboxItem } from '@guardloop/inbox';
import { describe, expect, it } from 'vitest';
import { slaDeadline, slaState, slaWarnBeforeMs } from './sla-badge';

const item = (fields: Partial<InboxItem>) =>
  ({
    status: 'pending',
    acknowledgedAt: null,
    acknowledgeBy: 1_000_000,
    decideBy: 5_000_000,
    ...fields,
  }) as InboxItem;

describe('SLA badges', () => {
  it('counts down to acknowledge-by until the item is claimed, then to decide-by', () => {
    expect(slaDeadline(item({}))).toBe(1_000_000);
    expect(slaDeadline(item({ acknowledgedAt: 10 }))).toBe(5_000_000);
  });

  it('is due, then warning within the warning window, then breached', () => {
    expect(slaState(item({}), 0)).toBe('due');
    expect(slaState(item({}), 1_000_000 - slaWarnBeforeMs)).toBe('warning');
    expect(slaState(item({}), 1_000_000)).toBe('breached');
  });

  it('shows nothing for decided items or items without an SLA', () => {
    expect(slaState(item({ status: 'approved' }), 2_000_000)).toBe('none');
    expect(slaState(item({ acknowledgeBy: null, decideBy: null }), 0)).toBe('none');
  });
});
