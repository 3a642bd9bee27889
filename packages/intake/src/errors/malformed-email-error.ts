import { GuardloopError } from '@guardloop/core';
import { intakeErrorCodes } from './intake-error-codes';

const code = intakeErrorCodes.malformedEmail;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** Why a raw message is not an email: nothing at all, no header block, or MIME the parser refused. */
export type MalformedEmailReason = 'empty' | 'no_headers' | 'unparsable';

/** The raw input is not an RFC 5322 message that can be read. */
export class MalformedEmailError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly reason: MalformedEmailReason;

  constructor({
    reason,
    detail,
    cause,
  }: { reason: MalformedEmailReason; detail: string; cause?: unknown }) {
    super(code, { message: `Malformed email (${reason}): ${detail}`, cause });
    this.name = 'MalformedEmailError';
    this.reason = reason;
  }

  static override isInstance(error: unknown): error is MalformedEmailError {
    return GuardloopError.hasMarker(error, marker);
  }
}
