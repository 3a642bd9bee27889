/** Produces unique ids; inject a sequential one in tests for stable snapshots. */
export type IdGenerator = () => string;

export const randomIdGenerator: IdGenerator = () => globalThis.crypto.randomUUID();

/** `prefix-1`, `prefix-2`, ...: deterministic ids for tests and replays. */
export function createSequentialIdGenerator(prefix = 'id'): IdGenerator {
  let counter = 0;
  return () => `${prefix}-${++counter}`;
}
