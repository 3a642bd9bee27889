import type { Clock, Rail } from '@guardloop/core';
import { rbacRail, rulesRail, schemaRail } from '@guardloop/deterministic';
import type { AutonomyChange, CounterStore } from '@guardloop/economic';
import type { Classifier } from '@guardloop/semantic';
import type { HelpdeskActions } from './actions';
import { actionRequestSchemaFor } from './rails/action-request-schema';
import { createEconomicRails } from './rails/economic-rails';
import { policyRules } from './rails/policy-rules';
import { rbacPolicy } from './rails/rbac-policy';
import { createSemanticRails } from './rails/semantic-rails';

export interface HelpdeskRailsOptions {
  actions: HelpdeskActions;
  classifier: Classifier;
  counterStore: CounterStore;
  clock: Clock;
  tokensPerTenantDay?: number;
  onAutonomyChange?: (change: AutonomyChange) => void;
}

/**
 * The three kinds of rails. Deterministic ones run first, in order, and a deny stops the rest:
 * the action's schema, the AI's keys (RBAC), business rules. Semantic and economic ones then run
 * concurrently: intent floor, personal data, brand safety; autonomy dial, budget, rate limit.
 */
export function createHelpdeskRails(options: HelpdeskRailsOptions) {
  const { actions, classifier, counterStore, clock } = options;
  const semantic = createSemanticRails(classifier);
  const economic = createEconomicRails({
    store: counterStore,
    clock,
    ...(options.tokensPerTenantDay ? { tokensPerTenantDay: options.tokensPerTenantDay } : {}),
    ...(options.onAutonomyChange ? { onAutonomyChange: options.onAutonomyChange } : {}),
  });
  const rails: Rail[] = [
    schemaRail(actionRequestSchemaFor(actions.list), { name: 'action-schema' }),
    rbacRail(rbacPolicy, { name: 'rbac' }),
    rulesRail(policyRules, { name: 'policy-rules', clock }),
    ...semantic.rails,
    ...economic.rails,
  ];
  return { rails, semantic, economic };
}

export type HelpdeskRails = ReturnType<typeof createHelpdeskRails>;
