import { InvalidInputError } from '../errors/invalid-input-error';

/**
 * The source of time for everything in guardloop. Inject a manual clock in tests so that
 * timeouts, windows and budgets run without sleeping.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Runs `callback` after `ms` milliseconds; returns a function that cancels it. */
  setTimer(ms: number, callback: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(ms, callback) {
    const handle = setTimeout(callback, ms);
    return () => clearTimeout(handle);
  },
};

export interface ManualClock extends Clock {
  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void;
  /** Jumps to an absolute time (never backwards), firing due timers. */
  set(epochMs: number): void;
  /** Number of timers not yet fired or cancelled. */
  pendingTimers(): number;
}

/** A clock that moves only when told to: for tests and simulations. */
export function createManualClock(start: number | Date = 0): ManualClock {
  let now = checkTime(start instanceof Date ? start.getTime() : start, 'start');
  let sequence = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();

  const set = (epochMs: number) => {
    const target = checkTime(epochMs, 'epochMs');
    if (target < now) {
      throw new InvalidInputError({
        subject: 'manual clock time',
        issues: [{ path: 'epochMs', message: 'A manual clock cannot move backwards.' }],
      });
    }
    for (;;) {
      let next: [number, { at: number; callback: () => void }] | undefined;
      for (const entry of timers) {
        if (entry[1].at <= target && (!next || entry[1].at < next[1].at)) next = entry;
      }
      if (!next) break;
      timers.delete(next[0]);
      now = next[1].at;
      next[1].callback();
    }
    now = target;
  };

  return {
    now: () => now,
    setTimer(ms, callback) {
      // Like real timers, a delay that is not a number fires as soon as possible.
      const delay = Number.isFinite(ms) ? Math.max(0, ms) : 0;
      const id = sequence++;
      timers.set(id, { at: now + delay, callback });
      return () => {
        timers.delete(id);
      };
    },
    advance: (ms) => set(now + checkTime(ms, 'ms')),
    set,
    pendingTimers: () => timers.size,
  };
}

function checkTime(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidInputError({
      subject: 'manual clock time',
      issues: [{ path, message: 'Expected a finite number of ms' }],
    });
  }
  return value;
}
