/** Name of the advisory lock `incrementIfWithin` holds on a key (hashed with `hashtext`). */
export const counterLockKey = (schema: string, key: string): string =>
  `guardloop.counter.${schema}.${key}`;
