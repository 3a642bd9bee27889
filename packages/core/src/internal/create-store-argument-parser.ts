import type { z } from 'zod';
import { throwIfAborted } from '../utils/abort';
import { parseInput } from '../utils/parse-input';

export interface StoreArgumentParserOptions {
  /** The store's name, as errors say it: subject `${store}.${method} arguments`. */
  store: string;
  /**
   * Whether every method's last tuple item is its `{ abortSignal? }`: an aborted call then
   * rejects with the signal's reason once its arguments are valid. Default true.
   */
  abortable?: boolean;
  /**
   * `parsed` (default): zod's output (defaults filled in, unknown keys stripped); `arguments`: the
   * arguments as given, for stores that keep what the caller passed.
   */
  returns?: 'parsed' | 'arguments';
}

/** Validates one call of a store method: see `createStoreArgumentParser`. */
export type StoreArgumentParser<Arguments> = <Method extends keyof Arguments>(
  method: Method,
  args: readonly unknown[],
) => Arguments[Method];

/**
 * The argument validator of a store contract, shared by all of its implementations so that they
 * accept and refuse the same values: parses a method's argument tuple with its schema (malformed
 * input is an `InvalidInputError`, code `invalid_input`), then rejects with the abort reason when
 * the call's `abortSignal` is already aborted. `Arguments` maps each method to its parameters.
 */
export function createStoreArgumentParser<
  Arguments extends { [Method in keyof Arguments]: readonly unknown[] },
>(
  schemas: { readonly [Method in keyof Arguments]: z.ZodType },
  options: StoreArgumentParserOptions,
): StoreArgumentParser<Arguments> {
  const { store, abortable = true, returns = 'parsed' } = options;
  // Where each method's options sit: the last item of its tuple (an omitted trailing options
  // argument leaves the parsed tuple shorter, so it cannot be read from the end of the values).
  const optionsIndex = new Map<keyof Arguments, number>();
  if (abortable) {
    for (const method of Object.keys(schemas) as (keyof Arguments)[]) {
      const items = (schemas[method] as { def?: { items?: unknown } }).def?.items;
      if (!Array.isArray(items) || items.length === 0) {
        throw new TypeError(`${store}.${String(method)}: an abortable method needs a tuple schema`);
      }
      optionsIndex.set(method, items.length - 1);
    }
  }
  return (method, args) => {
    const schema: z.ZodType = schemas[method];
    const parsed = parseInput(schema, args, `${store}.${String(method)} arguments`) as unknown[];
    const index = optionsIndex.get(method);
    if (index !== undefined) {
      throwIfAborted((parsed[index] as { abortSignal?: AbortSignal } | undefined)?.abortSignal);
    }
    return (returns === 'parsed' ? parsed : args) as Arguments[typeof method];
  };
}
