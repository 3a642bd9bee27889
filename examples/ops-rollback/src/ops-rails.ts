import type { Clock, Rail } from '@guardloop/core';
import { rbacRail, rulesRail, schemaRail } from '@guardloop/deterministic';
import { type AutonomyDial, sloRail } from '@guardloop/economic';
import { rollbackInputSchema } from './rollback-deployment';

/** Who may do what: the bot may roll back any service but the ledger; on-call SREs may do anything. */
export const opsPolicy = {
  actions: ['rollback_deployment', 'restart_service', 'scale_service'],
  roles: {
    'sre-bot': {
      description: 'The autonomous remediation bot',
      actorTypes: ['ai' as const],
      allow: [
        { action: 'rollback_deployment', resource: 'service:*' },
        { action: 'restart_service', resource: 'service:*' },
      ],
      deny: [{ action: 'rollback_deployment', resource: 'service:payments-ledger' }],
    },
    sre: { description: 'On-call engineers', allow: [{ action: '*' }] },
  },
};

/** Policy rules, as data: each names the cases a human must look at. */
export const opsRules = [
  {
    id: 'rollback-recent-deploys-only',
    version: 1,
    description:
      'Only a deploy from the last 30 minutes may be rolled back autonomously; an older one is unlikely to be the cause',
    verdict: 'escalate' as const,
    when: { '>': [{ '-': [{ var: 'now' }, { var: 'action.input.deployedAt' }] }, 30 * 60_000] },
  },
  {
    id: 'change-freeze',
    version: 1,
    description: 'During a change freeze every production change needs a human',
    verdict: 'escalate' as const,
    when: { '==': [{ var: 'attributes.changeFreeze' }, true] },
  },
];

/**
 * The rails of the ops loop, in the order the engine runs them: the deterministic ones (input
 * schema, RBAC, policy rules) one by one, then the economic error-budget rail.
 */
export function createOpsRails({ clock, dial }: { clock: Clock; dial: AutonomyDial }): Rail[] {
  return [
    schemaRail(rollbackInputSchema, {
      name: 'rollback-input',
      target: (context) => context.action?.input,
      label: 'rollback input',
    }),
    rbacRail(opsPolicy),
    rulesRail(opsRules, { clock }),
    sloRail({ dial }),
  ];
}
