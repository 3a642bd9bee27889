import type { ManualClock } from '@guardloop/core';

interface Task {
  at: number;
  sequence: number;
  run: () => Promise<void> | void;
}

/**
 * Future events of the simulation (a customer's reply tomorrow, an agent picking up a ticket in
 * an hour, finance reversing a refund) on the manual clock. Tasks run one at a time, in time
 * order, with the clock set to their time: days of traffic replay in seconds, never sleeping.
 */
export function createSimulationScheduler(clock: ManualClock) {
  const tasks: Task[] = [];
  let sequence = 0;
  /** Runs `run` at `at` (or now, if `at` has passed). */
  const schedule = (at: number, run: Task['run']) => {
    const task = { at: Math.max(at, clock.now()), sequence: sequence++, run };
    // Binary insertion keeps the queue sorted by time, then by scheduling order.
    let low = 0;
    let high = tasks.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const other = tasks[middle] as Task;
      if (other.at < task.at || (other.at === task.at && other.sequence < task.sequence)) {
        low = middle + 1;
      } else high = middle;
    }
    tasks.splice(low, 0, task);
  };
  return {
    at: schedule,
    after: (delayMs: number, run: Task['run']) => schedule(clock.now() + delayMs, run),
    /** Runs every task due up to `until`, then leaves the clock at `until`. */
    async runUntil(until: number) {
      for (;;) {
        const task = tasks[0];
        if (!task || task.at > until) break;
        tasks.shift();
        if (task.at > clock.now()) clock.set(task.at);
        await task.run();
      }
      if (until > clock.now()) clock.set(until);
    },
    pending: () => tasks.length,
  };
}

export type SimulationScheduler = ReturnType<typeof createSimulationScheduler>;
