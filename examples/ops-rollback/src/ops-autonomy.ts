import type { ManualClock } from '@guardloop/core';
import {
  type AutonomyChange,
  createAutonomyDial,
  createMemoryCounterStore,
  createSloTracker,
  defineSlo,
  type SloStatus,
} from '@guardloop/economic';

export interface OpsAutonomyOptions {
  clock: ManualClock;
  service: string;
  onChange?: (change: AutonomyChange) => void;
}

/**
 * The error budget of the bot's autonomous actions on one service: 99% of them must stand,
 * i.e. not be reverted by a human, over 30 days. While the budget burns fast the autonomy
 * dial drops to `none` and `sloRail({ dial })` sends every autonomous action to a human.
 */
export function createOpsAutonomy({ clock, service, onChange }: OpsAutonomyOptions) {
  const tracker = createSloTracker({ store: createMemoryCounterStore(), clock });
  const slo = defineSlo({
    name: `${service}-autonomous-actions`,
    objective: 0.99,
    window: '30d',
  });
  const dial = createAutonomyDial({
    tracker,
    slos: [slo],
    ...(onChange ? { onChange } : {}),
  });

  return {
    slo,
    dial,
    /** An autonomous action that stood (a good event). */
    stood: (actionType: string) => tracker.record(slo, { good: 1, actionType }),
    /** An autonomous action a human reverted (a bad event): this is what burns the budget. */
    reverted: (actionType: string) => tracker.record(slo, { bad: 1, actionType }),
    status: (): Promise<SloStatus> => tracker.status(slo),
    /**
     * Moves the clock through `hours` of history in which every autonomous action stood, one
     * per hour: the track record the budget starts from.
     */
    async replayQuietHistory(hours: number, actionType: string) {
      for (let hour = 0; hour < hours; hour++) {
        await tracker.record(slo, { good: 1, actionType });
        clock.advance(3_600_000);
      }
    },
  };
}

export type OpsAutonomy = ReturnType<typeof createOpsAutonomy>;
