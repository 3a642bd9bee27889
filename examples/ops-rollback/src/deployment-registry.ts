import { type Clock, parseInput, systemClock } from '@guardloop/core';
import { z } from 'zod';
import { UnknownDeploymentError } from './errors/unknown-deployment-error';

export const deploymentSchema = z.object({
  service: z.string().min(1),
  version: z.string().min(1),
  /** Epoch ms. */
  deployedAt: z.number().int().nonnegative(),
  by: z.string().min(1),
  commit: z.string().min(1).optional(),
});

export type Deployment = z.output<typeof deploymentSchema>;
export type DeploymentInput = z.input<typeof deploymentSchema>;

/** One change of the active version, with who or what made it and why. */
export interface Activation {
  service: string;
  version: string;
  at: number;
  by: string;
  reason: string;
}

export interface DeploymentRegistry {
  /** Records a deployment and makes it the active version of its service. */
  deploy(input: DeploymentInput): Deployment;
  /**
   * Switches the active version to one deployed before; returns the version it replaced.
   * @throws UnknownDeploymentError (`unknown_deployment`) for a version never deployed
   */
  activate(service: string, version: string, change: { by: string; reason: string }): string;
  active(service: string): string | undefined;
  find(service: string, version: string): Deployment | undefined;
  /** Deployments of `service` with `from <= deployedAt <= to`, oldest first. */
  deploymentsBetween(service: string, from: number, to: number): Deployment[];
  /** The deployment that preceded `version` of `service`. */
  previous(service: string, version: string): Deployment | undefined;
  activations(service: string): Activation[];
}

const nameSchema = z.string().min(1);
const changeSchema = z.object({ by: z.string().min(1), reason: z.string().min(1) });

/** A toy deployment registry: what ran where, and every switch of the active version. */
export function createDeploymentRegistry({ clock = systemClock }: { clock?: Clock } = {}) {
  const deployments: Deployment[] = [];
  const activeVersions = new Map<string, string>();
  const activations: Activation[] = [];
  const ofService = (service: string) =>
    deployments
      .filter((deployment) => deployment.service === service)
      .sort((a, b) => a.deployedAt - b.deployedAt);
  const find = (service: string, version: string) =>
    deployments.find((item) => item.service === service && item.version === version);

  const registry: DeploymentRegistry = {
    deploy(input) {
      const deployment = parseInput(deploymentSchema, input, 'deployment');
      deployments.push(deployment);
      activeVersions.set(deployment.service, deployment.version);
      const { service, version, deployedAt: at, by } = deployment;
      activations.push({ service, version, at, by, reason: 'deployed' });
      return { ...deployment };
    },
    activate(service, version, change) {
      parseInput(nameSchema, service, 'service');
      parseInput(nameSchema, version, 'version');
      const { by, reason } = parseInput(changeSchema, change, 'activation');
      if (!find(service, version)) throw new UnknownDeploymentError({ service, version });
      const replaced = activeVersions.get(service) ?? version;
      activeVersions.set(service, version);
      activations.push({ service, version, at: clock.now(), by, reason });
      return replaced;
    },
    active: (service) => activeVersions.get(service),
    find: (service, version) => {
      const deployment = find(service, version);
      return deployment && { ...deployment };
    },
    deploymentsBetween: (service, from, to) =>
      ofService(service).filter((item) => item.deployedAt >= from && item.deployedAt <= to),
    previous(service, version) {
      const history = ofService(service);
      const index = history.findIndex((item) => item.version === version);
      return index > 0 ? history[index - 1] : undefined;
    },
    activations: (service) => activations.filter((item) => item.service === service),
  };
  return registry;
}
