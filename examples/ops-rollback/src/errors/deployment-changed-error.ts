import { GuardloopError } from '@guardloop/core';
import { opsErrorCodes } from './ops-error-codes';

/**
 * The active version is no longer the one the rollback was decided on: someone deployed in
 * between. Rolling back now would undo the wrong change, so the action refuses.
 */
export class DeploymentChangedError extends GuardloopError {
  readonly service: string;
  readonly expected: string;
  readonly actual: string | undefined;

  constructor({
    service,
    expected,
    actual,
  }: {
    service: string;
    expected: string;
    actual: string | undefined;
  }) {
    super(opsErrorCodes.deploymentChanged, {
      message: `${service} runs ${actual ?? 'nothing'}, not ${expected}: the rollback is stale.`,
    });
    this.name = 'DeploymentChangedError';
    this.service = service;
    this.expected = expected;
    this.actual = actual;
  }
}
