import { coreErrorCodes } from './error-codes';
import { GuardloopError } from './guardloop-error';

const code = coreErrorCodes.stepNotProvided;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** The loop reached a step that the host application did not supply. */
export class StepNotProvidedError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly step: string;

  constructor({ step }: { step: string }) {
    super(code, {
      message: `The loop step '${step}' was not provided. Pass it to createLoop({ steps }) or machine.provide({ actors }).`,
    });
    this.name = 'StepNotProvidedError';
    this.step = step;
  }

  static override isInstance(error: unknown): error is StepNotProvidedError {
    return GuardloopError.hasMarker(error, marker);
  }
}
