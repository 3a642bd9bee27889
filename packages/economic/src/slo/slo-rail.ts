import { allow, escalate, type Rail, type RailContext } from '@guardloop/core';
import type { AutonomyDial } from './autonomy-dial';
import { isAutonomyAtOrBelow } from './autonomy-level';

export interface SloRailOptions {
  dial: AutonomyDial;
  /** Default `'slo-autonomy'`. */
  name?: string;
  /** Escalate once autonomy is at or below this level. Default `'reduced'`: any firing alert escalates. */
  escalateAt?: 'reduced' | 'none';
  /** Actors whose actions count as autonomous. Default `['ai', 'system']`: humans are never held back. */
  actorTypes?: ReadonlyArray<RailContext['actor']['type']>;
}

/**
 * The autonomy dial as a rail: while an SLO covering the action type burns its error budget fast
 * (or has exhausted it), autonomous actions of that type escalate to a human instead of running;
 * once the burn stops they are allowed again. The reason states the burn rate, the windows and
 * the budget left; the evidence carries the SLO statuses.
 */
export function sloRail({
  dial,
  name = 'slo-autonomy',
  escalateAt = 'reduced',
  actorTypes = ['ai', 'system'],
}: SloRailOptions): Rail {
  return {
    name,
    kind: 'economic',
    async evaluate(context, options) {
      const { action, actor } = context;
      if (!action) return allow('No action to gate: the autonomy dial applies to actions.');
      if (!actorTypes.includes(actor.type)) {
        return allow(
          `Actor type '${actor.type}' is not autonomous: the autonomy dial does not apply.`,
        );
      }
      // The signal is read only here, where the rail awaits: under the engine it is created on
      // first read, and the early answers above need none.
      const reading = await dial.read(action.name, { abortSignal: options.abortSignal });
      const evidence = {
        autonomy: reading.level,
        actionType: action.name,
        slos: reading.statuses.map((status) => ({
          slo: status.slo,
          autonomy: status.autonomy,
          budgetRemaining: status.budgetRemaining,
          exhausted: status.exhausted,
          burnRates: status.burnRates,
          firingAlerts: status.alerts.filter((alert) => alert.firing),
        })),
      };
      return isAutonomyAtOrBelow(reading.level, escalateAt)
        ? escalate(reading.reason, evidence)
        : allow(reading.reason, evidence);
    },
  };
}
