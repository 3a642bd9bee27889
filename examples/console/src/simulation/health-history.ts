import { autonomyLevels } from '@guardloop/economic';
import { autonomySlo, type ConsoleServices } from '../app/console-services';

export interface HealthSample {
  at: number;
  budgetRemaining: number;
  /** 2 full, 1 reduced, 0 none: a number the chart can draw. */
  autonomy: number;
  autonomous: number;
  escalated: number;
}

/** The autonomy dial and the error budget over time, sampled after each ticket. */
export function createHealthHistory({
  tracker,
  clock,
}: Pick<ConsoleServices, 'tracker' | 'clock'>) {
  const samples: HealthSample[] = [];
  const counts = { autonomous: 0, escalated: 0 };
  return {
    samples: () => samples,
    count(route: 'autonomous' | 'escalated') {
      counts[route] += 1;
    },
    async sample() {
      const status = await tracker.status(autonomySlo);
      samples.push({
        at: clock.now(),
        budgetRemaining: Math.max(-1, status.budgetRemaining),
        autonomy: autonomyLevels.length - 1 - autonomyLevels.indexOf(status.autonomy),
        ...counts,
      });
      if (samples.length > 500) samples.shift();
    },
  };
}
