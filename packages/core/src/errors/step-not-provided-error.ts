import { coreErrorCodes } from './error-codes';
import { GuardloopError } from './guardloop-error';

/** The loop reached a step that the host application did not supply. */
export class StepNotProvidedError extends GuardloopError {
  readonly step: string;

  constructor({ step }: { step: string }) {
    super(coreErrorCodes.stepNotProvided, {
      message: `The loop step '${step}' was not provided. Pass it to createLoop({ steps }) or machine.provide({ actors }).`,
    });
    this.name = 'StepNotProvidedError';
    this.step = step;
  }
}
