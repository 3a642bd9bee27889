import { createSeededRandom } from '@guardloop/feedback';
import type { IdGenerator } from '@opentelemetry/sdk-trace';

const hexWord = (random: () => number) =>
  Math.floor(random() * 0x1_0000_0000)
    .toString(16)
    .padStart(8, '0');

/**
 * OTel trace and span ids from a seeded stream, so that a replay exports the very same spans.
 * Its own stream: the simulated people's draws stay as they were.
 */
export function createSeededIdGenerator(seed: number): IdGenerator {
  const random = createSeededRandom(seed);
  const id = (words: number) => {
    let value = '';
    for (let word = 0; word < words; word++) value += hexWord(random);
    // All zeros is the invalid id of the spec.
    return /^0+$/.test(value) ? `${value.slice(0, -1)}1` : value;
  };
  return { generateTraceId: () => id(4), generateSpanId: () => id(2) };
}
