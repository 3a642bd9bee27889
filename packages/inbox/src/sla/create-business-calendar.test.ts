import { GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { createMemoryInboxStore } from '../store/memory-inbox-store';
import { createTestInbox, refundEscalation } from '../test/test-inbox';
import { createBusinessCalendar } from './create-business-calendar';

// The calendar itself is tested in @guardloop/core, where it lives.
const hour = 60 * 60_000;
const at = (iso: string) => Date.parse(iso);
const invalid = (error: unknown) => GuardloopError.hasCode(error, 'invalid_input');
const berlin = createBusinessCalendar({
  timeZone: 'Europe/Berlin',
  hours: { start: '09:00', end: '17:00' },
  holidays: ['2026-12-25'],
});

describe('createBusinessCalendar in the inbox', () => {
  it('sets an inbox item’s due times in open hours', async () => {
    const { inbox, clock } = createTestInbox(createMemoryInboxStore(), {
      sla: { normal: { acknowledgeWithinMs: hour, decideWithinMs: 8 * hour, calendar: berlin } },
    });
    clock.set(at('2026-03-27T15:30:00Z')); // Friday 16:30 CET
    const item = await inbox.escalate(refundEscalation());
    expect(item.acknowledgeBy).toBe(at('2026-03-30T07:30:00Z')); // Monday 09:30 CEST
    expect(item.decideBy).toBe(at('2026-03-30T14:30:00Z')); // Monday 16:30 CEST
    expect(() =>
      createTestInbox(createMemoryInboxStore(), {
        sla: { normal: { decideWithinMs: hour, calendar: { timeZone: 'UTC' } } } as never,
      }),
    ).toThrow(expect.toSatisfy(invalid));
  });
});
