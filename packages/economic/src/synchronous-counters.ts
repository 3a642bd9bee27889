import type { CounterStore } from './counter-store';

/**
 * The writes of an in-process `CounterStore`, answered at once: what the store's own methods do,
 * without the promise. Arguments are validated as by the store's methods and an `abortSignal`
 * is checked after them (the rails pass none: they check their own before the call); both throw.
 */
export type SynchronousCounters = {
  [Method in 'increment' | 'incrementIfWithin']: (
    ...args: Parameters<CounterStore[Method]>
  ) => Awaited<ReturnType<CounterStore[Method]>>;
};

interface Entry {
  counters: SynchronousCounters;
  // The store's methods when it was registered: a host that replaces one (a wrapper, a spy, a
  // fault injected in a test) must see its own code run, so the shortcut is then off.
  increment: CounterStore['increment'];
  incrementIfWithin: CounterStore['incrementIfWithin'];
}

const registered = new WeakMap<CounterStore, Entry>();

/** Called by `createMemoryCounterStore` for the store it returns. */
export function registerSynchronousCounters(
  store: CounterStore,
  counters: SynchronousCounters,
): void {
  registered.set(store, {
    counters,
    increment: store.increment,
    incrementIfWithin: store.incrementIfWithin,
  });
}

/**
 * The store's writes without a promise, for the rails to answer at once (`evaluateWith`): only
 * for a store made by `createMemoryCounterStore` whose write methods are still its own; a
 * host's store, or one whose methods were replaced, gets undefined and goes through its methods.
 */
export function synchronousCountersOf(store: CounterStore): SynchronousCounters | undefined {
  const entry = registered.get(store);
  if (
    entry === undefined ||
    store.increment !== entry.increment ||
    store.incrementIfWithin !== entry.incrementIfWithin
  ) {
    return undefined;
  }
  return entry.counters;
}
