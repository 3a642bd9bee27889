import { coreErrorCodes } from './error-codes';
import { GuardloopError } from './guardloop-error';

const code = coreErrorCodes.loopResumeUnavailable;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/**
 * `loop.resume` was called on a loop whose inbox cannot read escalations back: it has no
 * `inbox`, or the inbox has no `get(id, { abortSignal })`. Not retryable: fix the config.
 */
export class LoopResumeUnavailableError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  constructor() {
    super(code, {
      message:
        'loop.resume needs createLoop({ inbox }) with an inbox that has get(id, { abortSignal }), e.g. an Inbox from @guardloop/inbox.',
    });
    this.name = 'LoopResumeUnavailableError';
  }

  static override isInstance(error: unknown): error is LoopResumeUnavailableError {
    return GuardloopError.hasMarker(error, marker);
  }
}
