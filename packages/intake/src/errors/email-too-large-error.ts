import { GuardloopError } from '@guardloop/core';
import { intakeErrorCodes } from './intake-error-codes';

const code = intakeErrorCodes.emailTooLarge;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** A raw message over `maxBytes`: refused before parsing, so a huge body never ties up the process. */
export class EmailTooLargeError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  /** Size of the raw message in bytes (UTF-8 for a string). */
  readonly size: number;
  readonly maxBytes: number;

  constructor({ size, maxBytes }: { size: number; maxBytes: number }) {
    super(code, {
      message: `The email is ${size} bytes, over the limit of ${maxBytes} bytes (option maxBytes).`,
    });
    this.name = 'EmailTooLargeError';
    this.size = size;
    this.maxBytes = maxBytes;
  }

  static override isInstance(error: unknown): error is EmailTooLargeError {
    return GuardloopError.hasMarker(error, marker);
  }
}
