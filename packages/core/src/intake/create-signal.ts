import { z } from 'zod';
import { InvalidInputError } from '../errors/invalid-input-error';
import { type Signal, type SignalInput, signalInputSchema } from '../schemas/signal';
import { type Clock, systemClock } from '../utils/clock';
import { fingerprintWithin } from '../utils/fingerprint';
import { type IdGenerator, randomIdGenerator } from '../utils/id-generator';
import { findJsonProblem, maxJsonDepth } from '../utils/json-value';
import { clockSchema, idGeneratorSchema } from '../utils/option-schemas';
import { parseInput } from '../utils/parse-input';

export interface CreateSignalOptions {
  clock?: Clock;
  idGenerator?: IdGenerator;
}

const optionsSchema = z
  .object({ clock: clockSchema.optional(), idGenerator: idGeneratorSchema.optional() })
  .optional();

/**
 * Validates a signal at intake and fills what the source did not send: id, trace id,
 * timestamps and a fingerprint over (source, kind, payload). A missing fingerprint is computed
 * when first read (deduplication, a store, `JSON.stringify`), from the payload as it is then.
 * @throws InvalidInputError (code `invalid_input`) when the input is malformed, including a
 * payload that cannot be stored as JSON (a cycle, nesting deeper than 256 levels, an Invalid Date,
 * a non-finite number, a bigint, symbol or function, a getter that throws)
 */
export function createSignal(
  input: SignalInput | unknown,
  options: CreateSignalOptions = {},
): Signal {
  const { clock = systemClock, idGenerator = randomIdGenerator } =
    parseInput(optionsSchema, options, 'createSignal options') ?? {};
  const parsed = parseInput(signalInputSchema, input, 'signal');
  const problem = findJsonProblem(parsed.payload, 'payload');
  if (problem !== undefined) throw new InvalidInputError({ subject: 'signal', issues: [problem] });
  const now = clock.now();
  const toEpoch = (value: number | Date | undefined) =>
    value === undefined ? now : typeof value === 'number' ? value : value.getTime();
  const id = parsed.id ?? idGenerator();
  const signal = {
    ...parsed,
    id,
    traceId: parsed.traceId ?? idGenerator(),
    occurredAt: toEpoch(parsed.occurredAt),
    receivedAt: toEpoch(parsed.receivedAt),
  } as Signal;
  if (parsed.fingerprint === undefined) {
    const { source, kind, payload } = parsed;
    // One more level for the envelope around the payload.
    lazyFingerprint(signal, () => fingerprintWithin({ source, kind, payload }, maxJsonDepth + 1));
  }
  return signal;
}

/**
 * Most loops never deduplicate: the fingerprint is computed on first read (then kept as a plain
 * property), so a signal nobody fingerprints costs nothing. The payload is valid JSON by then
 * (checked above), so reading it cannot throw.
 */
function lazyFingerprint(signal: Signal, compute: () => string) {
  const settle = (value: string) =>
    Object.defineProperty(signal, 'fingerprint', {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  Object.defineProperty(signal, 'fingerprint', {
    enumerable: true,
    configurable: true,
    get() {
      const value = compute();
      settle(value);
      return value;
    },
    set: settle,
  });
}
