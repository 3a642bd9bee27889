import type { Signal } from '@guardloop/core';
import { describe, expectTypeOf, it } from 'vitest';
import {
  createTicketSlaMonitor,
  type SlaMetricResult,
  type SlaPolicies,
  type TicketSlaEvaluation,
  type TicketSlaEventInput,
  type TicketSlaMonitor,
  type TicketSlaStore,
} from '../index';

describe('ticket SLA types', () => {
  it('exposes every type of the public signatures from the root', () => {
    expectTypeOf(createTicketSlaMonitor).returns.toEqualTypeOf<TicketSlaMonitor>();
    expectTypeOf<TicketSlaMonitor['tick']>().returns.resolves.toEqualTypeOf<Signal[]>();
    expectTypeOf<TicketSlaMonitor['record']>().parameter(1).toEqualTypeOf<TicketSlaEventInput>();
    expectTypeOf<TicketSlaEvaluation['metrics']>().toEqualTypeOf<SlaMetricResult[]>();
    expectTypeOf<
      Parameters<typeof createTicketSlaMonitor>[0]['store']
    >().toEqualTypeOf<TicketSlaStore>();
    expectTypeOf<
      Parameters<typeof createTicketSlaMonitor>[0]['policies']
    >().toEqualTypeOf<SlaPolicies>();
  });

  it('refuses an event type the clocks do not know', () => {
    // @ts-expect-error not an SLA event
    const event: TicketSlaEventInput = { type: 'merged', at: 0 };
    void event;
  });
});
