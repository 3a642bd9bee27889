import { allow, type Clock, type Rail } from '@guardloop/core';
import {
  type AutonomyChange,
  type AutonomyDial,
  type CostMeter,
  type CounterStore,
  costBudgetRail,
  createAutonomyDial,
  createCostMeter,
  createSloTracker,
  defineSlo,
  rateLimitRail,
  type Slo,
  type SloTracker,
  sloRail,
} from '@guardloop/economic';

export interface EconomicRails {
  rails: Rail[];
  slo: Slo;
  tracker: SloTracker;
  dial: AutonomyDial;
  meter: CostMeter;
}

/** Actions whose mistakes cost money or open doors: they lose autonomy first. */
export const highRiskActions = ['issue_refund', 'grant_access', 'reset_mfa'];

/**
 * The error budget of autonomous actions (an action is bad when an agent reverts or overrides
 * it), the autonomy dial it drives, a token budget per tenant and day, and a refund rate limit.
 * The alert windows fit a help desk's traffic: a few autonomous actions an hour.
 */
export function createEconomicRails({
  store,
  clock,
  tokensPerTenantDay = 3_200,
  onAutonomyChange,
}: {
  store: CounterStore;
  clock: Clock;
  tokensPerTenantDay?: number;
  onAutonomyChange?: (change: AutonomyChange) => void;
}): EconomicRails {
  const slo = defineSlo({
    name: 'autonomous-actions',
    objective: 0.8,
    window: '3d',
    minimumEvents: 4,
    alerts: [
      { longWindow: '6h', shortWindow: '1h', burnRate: 1, autonomy: 'none' },
      { longWindow: '1d', shortWindow: '6h', burnRate: 0.75, autonomy: 'reduced' },
    ],
  });
  const tracker = createSloTracker({ store, clock });
  const dial = createAutonomyDial({
    tracker,
    slos: [slo],
    ...(onAutonomyChange ? { onChange: onAutonomyChange } : {}),
  });
  const meter = createCostMeter({
    store,
    clock,
    budgets: [
      {
        name: 'llm-tokens-per-tenant',
        scope: ['tenant'],
        period: '1d',
        tokens: tokensPerTenantDay,
      },
    ],
  });
  const highRisk = sloRail({ dial, name: 'slo-autonomy-high-risk', escalateAt: 'reduced' });
  const rails: Rail[] = [
    sloRail({ dial, name: 'slo-autonomy', escalateAt: 'none' }),
    {
      // While autonomy is only reduced, low-risk actions go on and risky ones wait for a human.
      name: highRisk.name,
      kind: 'economic',
      evaluate: (context, options) =>
        context.action && highRiskActions.includes(context.action.name)
          ? highRisk.evaluate(context, options)
          : allow('Low-risk action: reduced autonomy still allows it.'),
    },
    costBudgetRail({ meter, onExceeded: 'escalate' }),
    rateLimitRail({
      store,
      clock,
      name: 'refunds-per-hour',
      limit: 3,
      window: '1h',
      scope: ['actionType'],
      actionTypes: ['issue_refund'],
      onExceeded: 'escalate',
    }),
  ];
  return { rails, slo, tracker, dial, meter };
}
