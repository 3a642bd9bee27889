import { type Clock, createManualClock, type Rail, systemClock } from '@guardloop/core';
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
import { sendResetLinkInputSchema } from './send-reset-link';

const hourMs = 3_600_000;

const policy = {
  actions: ['send_reset_link', 'issue_refund', 'delete_account'],
  roles: {
    'helpdesk-ai': {
      actorTypes: ['ai' as const],
      allow: [{ action: 'send_reset_link', resource: 'customer:*' }],
      deny: [{ action: 'delete_account' }],
    },
    agent: { allow: [{ action: '*' }] },
  },
};

const rules = [
  {
    id: 'refund-limit',
    version: 1,
    description: 'Refunds over 500 EUR need a human',
    verdict: 'escalate' as const,
    when: { '>': [{ var: 'action.input.amountEur' }, 500] },
  },
  {
    id: 'vip-customers',
    version: 1,
    description: 'Changes to VIP accounts need a human',
    verdict: 'escalate' as const,
    when: { '==': [{ var: 'attributes.customerTier' }, 'vip'] },
  },
  {
    id: 'locked-accounts',
    version: 2,
    description: 'Locked accounts never get a reset link',
    verdict: 'deny' as const,
    when: { '==': [{ var: 'attributes.accountLocked' }, true] },
  },
];

/**
 * The nine rails of a realistic help-desk deployment: four deterministic (schema, RBAC,
 * json-logic rules, PII), brand safety, the intent rail, and three economic rails (SLO error
 * budget with 30 days of history, cost budget, rate limit) on in-memory counters.
 */
export async function createBenchRails({
  classifier,
  clock = systemClock,
}: {
  classifier: Classifier;
  clock?: Clock;
}): Promise<Rail[]> {
  const store = createMemoryCounterStore();
  const slo = defineSlo({ name: 'autonomous-actions', objective: 0.999, window: '30d' });
  // 30 days of history, written through a tracker whose clock walks up to now: sloRail then
  // reads full windows, as it would in production.
  const past = createManualClock(clock.now() - 30 * 24 * hourMs);
  const history = createSloTracker({ store, clock: past });
  for (let hour = 0; hour < 30 * 24; hour++) {
    await history.record(slo, { good: 250 });
    past.advance(hourMs);
  }
  const dial = createAutonomyDial({ tracker: createSloTracker({ store, clock }), slos: [slo] });
  const meter = createCostMeter({
    store,
    clock,
    budgets: [{ name: 'tenant-daily', scope: ['tenant'], period: '1d', tokens: 1e12, usd: 1e8 }],
  });
  return [
    schemaRail(sendResetLinkInputSchema, {
      name: 'reset-input',
      target: (context) => context.action?.input,
    }),
    rbacRail(policy),
    rulesRail(rules, { clock }),
    piiRail({ onDetected: 'allow' }),
    brandSafetyRail(),
    intentRail({ classifier, allowed: ['password_reset', 'mfa_reset'] }),
    sloRail({ dial }),
    costBudgetRail({ meter }),
    rateLimitRail({ store, clock, name: 'per-actor', limit: 1e9, window: '1m' }),
  ];
}
