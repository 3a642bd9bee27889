import { createManualClock, type Rail } from '@guardloop/core';
import { rbacRail, rulesRail, schemaRail } from '@guardloop/deterministic';
import {
  costBudgetRail,
  createAutonomyDial,
  createCostMeter,
  createMemoryCounterStore,
  createSloTracker,
  defineSlo,
  rateLimitRail,
  sloRail,
} from '@guardloop/economic';
import { brandSafetyRail, type Classifier, intentRail, piiRail } from '@guardloop/semantic';
import { z } from 'zod';

const hourMs = 3_600_000;

/**
 * The nine rails of the "Signals per second through the loop" benchmark (examples/bench
 * bench-rails.ts), for the `credit` action of the telemetry harness: schema, RBAC, three
 * json-logic rules, PII, brand safety, intent, SLO error budget on 30 days of history, cost budget
 * and rate limit on in-memory counters. Every one allows.
 */
export async function createNineRails(classifier: Classifier): Promise<Rail[]> {
  const store = createMemoryCounterStore();
  const slo = defineSlo({ name: 'autonomous-actions', objective: 0.999, window: '30d' });
  const past = createManualClock(Date.now() - 30 * 24 * hourMs);
  const history = createSloTracker({ store, clock: past });
  for (let hour = 0; hour < 30 * 24; hour++) {
    await history.record(slo, { good: 250 });
    past.advance(hourMs);
  }
  const dial = createAutonomyDial({ tracker: createSloTracker({ store }), slos: [slo] });
  const meter = createCostMeter({
    store,
    budgets: [{ name: 'tenant-daily', scope: ['tenant'], period: '1d', tokens: 1e12, usd: 1e8 }],
  });
  return [
    schemaRail(z.object({ account: z.string(), amount: z.number() }), {
      name: 'credit-input',
      target: (context) => context.action?.input,
    }),
    rbacRail({
      actions: ['credit', 'close_account'],
      roles: { agent: { allow: [{ action: '*' }] } },
    }),
    rulesRail([
      {
        id: 'credit-limit',
        version: 1,
        description: 'Credits over 500 need a human',
        verdict: 'escalate',
        when: { '>': [{ var: 'action.input.amount' }, 500] },
      },
      {
        id: 'vip-customers',
        version: 1,
        description: 'Changes to VIP accounts need a human',
        verdict: 'escalate',
        when: { '==': [{ var: 'attributes.customerTier' }, 'vip'] },
      },
      {
        id: 'locked-accounts',
        version: 2,
        description: 'Locked accounts get nothing',
        verdict: 'deny',
        when: { '==': [{ var: 'attributes.accountLocked' }, true] },
      },
    ]),
    piiRail({ onDetected: 'allow' }),
    brandSafetyRail(),
    intentRail({ classifier, allowed: ['password_reset'] }),
    sloRail({ dial }),
    costBudgetRail({ meter }),
    rateLimitRail({ store, name: 'per-actor', limit: 1e9, window: '1m' }),
  ];
}
