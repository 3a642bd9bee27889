import { InvalidInputError } from '../errors/invalid-input-error';

/**
 * A reproducible source of uniform numbers in [0, 1) (mulberry32: 32-bit state, passes
 * SmallCrush). Inject it wherever `random` is accepted to make runs repeatable.
 * @throws InvalidInputError (`invalid_input`) when the seed is not a finite number
 */
export function createSeededRandom(seed: number): () => number {
  if (typeof seed !== 'number' || !Number.isFinite(seed)) {
    throw new InvalidInputError({
      subject: 'seed',
      issues: [{ path: '', message: 'Expected a finite number' }],
    });
  }
  let state = Math.trunc(seed) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Fisher-Yates shuffle into a new array, driven by `random`. */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const result = [...items];
  for (let index = result.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [result[index], result[other]] = [result[other] as T, result[index] as T];
  }
  return result;
}
