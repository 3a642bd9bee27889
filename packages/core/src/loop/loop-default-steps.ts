import { GuardloopError } from '../errors/guardloop-error';
import { StoreUnavailableError } from '../errors/store-unavailable-error';
import { evaluateRails } from '../rails/evaluate-rails';
import type { Decision } from '../schemas/decision';
import type { DecideInput, EscalateStepInput } from './loop-states';

interface Options {
  abortSignal: AbortSignal;
}

/** The default `decide` step: the rail engine over the loop's rails. */
export async function decideWithRails(
  input: DecideInput,
  { abortSignal }: Options,
): Promise<Decision> {
  const { rails, clock, idGenerator, railTimeoutMs, ...step } = input;
  const context = {
    traceId: step.traceId,
    actor: step.actor,
    signal: step.signal,
    attributes: step.attributes,
    ...(step.intent ? { intent: step.intent } : {}),
    ...(step.hypothesis ? { hypothesis: step.hypothesis } : {}),
    ...(step.hypothesis?.action ? { action: step.hypothesis.action } : {}),
  };
  return evaluateRails(rails, context, {
    abortSignal,
    clock,
    idGenerator,
    ...(railTimeoutMs ? { timeoutMs: railTimeoutMs } : {}),
  });
}

/** The `escalate` step: writes the escalation to the inbox and returns its id. */
export async function escalateToInbox(
  input: EscalateStepInput,
  { abortSignal }: Options,
): Promise<{ id: string }> {
  let written: { id: string } | undefined;
  try {
    written = await input.inbox.escalate({ ...input.escalation, abortSignal });
  } catch (error) {
    // An abort stays an abort; typed errors (e.g. invalid_input) keep their code.
    if (abortSignal.aborted || GuardloopError.isInstance(error)) throw error;
    // The write may have landed before the failure: retrying the trace is safe, the sink
    // dedupes by trace id.
    throw new StoreUnavailableError({
      operation: 'inbox.escalate',
      effectMayHaveHappened: true,
      cause: error,
    });
  }
  if (typeof written?.id !== 'string' || written.id.length === 0) {
    throw new StoreUnavailableError({
      operation: 'inbox.escalate',
      effectMayHaveHappened: true,
      message: 'The inbox did not return an escalation id.',
    });
  }
  return { id: written.id };
}
