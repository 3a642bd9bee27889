import { type Signal, type SignalInput, signalInputSchema } from '../schemas/signal';
import { type Clock, systemClock } from '../utils/clock';
import { fingerprint } from '../utils/fingerprint';
import { type IdGenerator, randomIdGenerator } from '../utils/id-generator';
import { parseInput } from '../utils/parse-input';

export interface CreateSignalOptions {
  clock?: Clock;
  idGenerator?: IdGenerator;
}

/**
 * Validates a signal at intake and fills what the source did not send: id, trace id,
 * timestamps and a fingerprint over (source, kind, payload).
 * @throws InvalidInputError (code `invalid_input`) when the input is malformed.
 */
export function createSignal(
  input: SignalInput | unknown,
  options: CreateSignalOptions = {},
): Signal {
  const { clock = systemClock, idGenerator = randomIdGenerator } = options;
  const parsed = parseInput(signalInputSchema, input, 'signal');
  const now = clock.now();
  const toEpoch = (value: number | Date | undefined) =>
    value === undefined ? now : typeof value === 'number' ? value : value.getTime();
  const id = parsed.id ?? idGenerator();
  return {
    ...parsed,
    id,
    traceId: parsed.traceId ?? idGenerator(),
    fingerprint:
      parsed.fingerprint ??
      fingerprint({ source: parsed.source, kind: parsed.kind, payload: parsed.payload }),
    occurredAt: toEpoch(parsed.occurredAt),
    receivedAt: toEpoch(parsed.receivedAt),
  };
}
