import { GuardloopError } from '@guardloop/core';
import { opsErrorCodes } from './ops-error-codes';

/** The registry has no record of this version of the service, so it cannot be made active. */
export class UnknownDeploymentError extends GuardloopError {
  readonly service: string;
  readonly version: string;

  constructor({ service, version }: { service: string; version: string }) {
    super(opsErrorCodes.unknownDeployment, {
      message: `No deployment of ${service} ${version} is recorded.`,
    });
    this.name = 'UnknownDeploymentError';
    this.service = service;
    this.version = version;
  }
}
