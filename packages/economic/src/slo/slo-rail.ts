import {
  allow,
  escalate,
  type Rail,
  type RailContext,
  type RailEvaluateOptions,
  type RailVerdict,
} from '@guardloop/core';
import { sealEvidence } from '@guardloop/core/internal';
import { type AutonomyDial, type AutonomyReading, freshReadingOf } from './autonomy-dial';
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
  // The verdict of a reading the dial reuses is built (and its evidence checked) once.
  const verdicts = new WeakMap<AutonomyReading, RailVerdict>();
  const verdictOf = (reading: AutonomyReading, actionType: string, reused: boolean) => {
    const known = verdicts.get(reading);
    if (known) return known;
    const evidence = {
      autonomy: reading.level,
      actionType,
      slos: reading.statuses.map((status) => ({
        slo: status.slo,
        autonomy: status.autonomy,
        budgetRemaining: status.budgetRemaining,
        exhausted: status.exhausted,
        burnRates: status.burnRates,
        firingAlerts: status.alerts.filter((alert) => alert.firing),
      })),
    };
    const checked = reused ? sealEvidence(evidence) : evidence;
    const verdict = isAutonomyAtOrBelow(reading.level, escalateAt)
      ? escalate(reading.reason, checked)
      : allow(reading.reason, checked);
    if (reused) verdicts.set(reading, verdict);
    return verdict;
  };
  const answer = (context: RailContext, options: RailEvaluateOptions) => {
    const { action, actor } = context;
    if (!action) return allow('No action to gate: the autonomy dial applies to actions.');
    if (!actorTypes.includes(actor.type)) {
      return allow(
        `Actor type '${actor.type}' is not autonomous: the autonomy dial does not apply.`,
      );
    }
    // A reading the dial reuses answers at once: no promise, no signal.
    const fresh = freshReadingOf(dial, action.name);
    if (fresh !== undefined) return { ...verdictOf(fresh, action.name, true) };
    // The signal is read only here, where the rail awaits: under the engine it is created on
    // first read, and the early answers above need none.
    return dial.read(action.name, { abortSignal: options.abortSignal }).then((reading) => ({
      ...verdictOf(reading, action.name, freshReadingOf(dial, action.name) === reading),
    }));
  };
  return {
    name,
    kind: 'economic',
    evaluate(context, options) {
      // Answers at once when it can; anything thrown still arrives as a rejection, as from the
      // async function this was.
      try {
        return answer(context, options);
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
}
