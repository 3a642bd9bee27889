import { GuardloopError } from '@guardloop/core';
import { semanticErrorCodes } from './semantic-error-codes';

const code = semanticErrorCodes.textTooLong;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** The text is longer than the classifier's `maxLength`: bounded work per call, by design. */
export class TextTooLongError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly length: number;
  readonly maxLength: number;

  constructor({ length, maxLength }: { length: number; maxLength: number }) {
    super(code, {
      message: `Text has ${length} characters; the limit is ${maxLength}. Truncate or summarise it first.`,
    });
    this.name = 'TextTooLongError';
    this.length = length;
    this.maxLength = maxLength;
  }

  static override isInstance(error: unknown): error is TextTooLongError {
    return GuardloopError.hasMarker(error, marker);
  }
}
