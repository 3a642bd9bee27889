import type { AutonomyLevel } from './autonomy-level';
import { lowerAutonomy } from './autonomy-level';
import type { Slo } from './define-slo';
import { describeAutonomy } from './describe-autonomy';
import type { SloStatus } from './slo-status';
import type { SloCallOptions, SloTracker } from './slo-tracker';

export interface AutonomyChange {
  /** The action type read, or undefined for the dial as a whole. */
  actionType: string | undefined;
  from: AutonomyLevel;
  to: AutonomyLevel;
  reading: AutonomyReading;
}

export interface AutonomyDialOptions {
  tracker: SloTracker;
  slos: readonly Slo[];
  /** Called when a read finds a level different from the previous read of the same action type. */
  onChange?: (change: AutonomyChange) => void;
}

export interface AutonomyReading {
  level: AutonomyLevel;
  actionType: string | undefined;
  /** One line for humans: which SLO set the level, at what burn rate, over which window. */
  reason: string;
  /** Status of each SLO covering the action type (all SLOs when no action type is given). */
  statuses: SloStatus[];
  /** The status that set the level; absent when autonomy is full. */
  cause: SloStatus | undefined;
}

export interface AutonomyDial {
  readonly slos: readonly Slo[];
  /** The autonomy level for an action type now: the lowest among the SLOs that cover it. */
  read(actionType?: string, options?: SloCallOptions): Promise<AutonomyReading>;
}

/**
 * The autonomy dial: reads SLO error budgets and turns burn into a level the loop and the host
 * can act on. The level drops while a burn-rate alert fires or a budget is exhausted, and comes
 * back by itself once the short windows stop burning: there is nothing to reset.
 */
export function createAutonomyDial({ tracker, slos, onChange }: AutonomyDialOptions): AutonomyDial {
  const previous = new Map<string | undefined, AutonomyLevel>();
  return {
    slos,
    async read(actionType, options = {}) {
      const covering = slos.filter(
        (slo) =>
          actionType === undefined || !slo.actionTypes || slo.actionTypes.includes(actionType),
      );
      const statuses = await Promise.all(covering.map((slo) => tracker.status(slo, options)));
      let level: AutonomyLevel = 'full';
      let cause: SloStatus | undefined;
      for (const status of statuses) {
        if (lowerAutonomy(level, status.autonomy) !== level) {
          level = status.autonomy;
          cause = status;
        }
      }
      const reading: AutonomyReading = {
        level,
        actionType,
        reason: describeAutonomy(level, cause, statuses),
        statuses,
        cause,
      };
      const before = previous.get(actionType) ?? 'full';
      previous.set(actionType, level);
      if (before !== level) onChange?.({ actionType, from: before, to: level, reading });
      return reading;
    },
  };
}
