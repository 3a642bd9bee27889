import { defineAction } from '@guardloop/undo-log';
import { z } from 'zod';
import type { DeploymentRegistry } from './deployment-registry';
import { DeploymentChangedError } from './errors/deployment-changed-error';

export const rollbackInputSchema = z.object({
  service: z.string().min(1),
  /** The suspect version, active when the rollback was decided. */
  fromVersion: z.string().min(1),
  /** The version deployed before it. */
  toVersion: z.string().min(1),
  /** When the suspect version was deployed (epoch ms), for policy rules on its age. */
  deployedAt: z.number().int().nonnegative(),
});

export type RollbackInput = z.output<typeof rollbackInputSchema>;

export interface RollbackResult {
  service: string;
  from: string;
  to: string;
}

/**
 * `rollback_deployment`: makes the previous version of a service active again. The snapshot
 * keeps the version that was active before, so `undo` can switch back to it.
 */
export function createRollbackDeploymentAction(registry: DeploymentRegistry) {
  return defineAction({
    name: 'rollback_deployment',
    input: rollbackInputSchema,
    reversible: true,
    snapshot: (input) => ({ activeVersion: registry.active(input.service) ?? input.fromVersion }),
    dryRun: (input) => ({
      plan: `switch ${input.service} from ${registry.active(input.service)} to ${input.toVersion}`,
    }),
    do(input, { snapshot, actor }): RollbackResult {
      // Decided on `fromVersion`: if someone deployed since, this rollback would undo their change.
      if (snapshot.activeVersion !== input.fromVersion) {
        throw new DeploymentChangedError({
          service: input.service,
          expected: input.fromVersion,
          actual: snapshot.activeVersion,
        });
      }
      registry.activate(input.service, input.toVersion, {
        by: actor.id,
        reason: `rollback of ${input.fromVersion}`,
      });
      return { service: input.service, from: input.fromVersion, to: input.toVersion };
    },
    undo(input, { snapshot, by, reason }) {
      registry.activate(input.service, snapshot.activeVersion, { by: by.id, reason });
    },
    // Crash recovery: the switch is the whole effect, so the active version tells.
    isComplete: (input) => registry.active(input.service) === input.toVersion,
  });
}

export type RollbackDeploymentAction = ReturnType<typeof createRollbackDeploymentAction>;
