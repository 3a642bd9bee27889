import { InvalidInputError } from '@guardloop/core';
import { maxTimeoutMs, throwIfAborted } from '@guardloop/core/internal';
import type { AutonomyLevel } from './autonomy-level';
import { lowerAutonomy } from './autonomy-level';
import type { Slo } from './define-slo';
import { describeAutonomy } from './describe-autonomy';
import type { SloStatus } from './slo-status';
import type { SloCallOptions, SloTracker } from './slo-tracker';
import { trackerRevisionOf } from './tracker-revision';

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
  /**
   * How long a reading is reused (ms, 0 to 2^31 − 1): the SLO rail reads the dial on every
   * decision, and each read sums every window of every SLO (a round trip per sum on PostgreSQL),
   * while burn rates move over minutes. A reading is read again sooner when this process records
   * through the tracker, or when the tracker's clock goes back. Readings are reused only for a
   * tracker made by `createSloTracker` (its clock tells their age). Default 1000; 0 reads every time.
   */
  maxAgeMs?: number;
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
export function createAutonomyDial({
  tracker,
  slos,
  onChange,
  maxAgeMs = defaultMaxAgeMs,
}: AutonomyDialOptions): AutonomyDial {
  if (!Number.isInteger(maxAgeMs) || maxAgeMs < 0 || maxAgeMs > maxTimeoutMs) {
    throw new InvalidInputError({
      subject: 'autonomy dial options',
      issues: [{ path: 'maxAgeMs', message: `expected an integer from 0 to ${maxTimeoutMs}` }],
    });
  }
  const previous = new Map<string | undefined, AutonomyLevel>();
  const revision = maxAgeMs > 0 ? trackerRevisionOf(tracker) : undefined;
  const cache = new Map<string | undefined, CachedReading>();
  /** The reading still fresh for an action type, if any. */
  const fresh = (actionType: string | undefined): AutonomyReading | undefined => {
    if (revision === undefined) return undefined;
    const cached = cache.get(actionType);
    if (cached === undefined || cached.revision !== revision.revision) return undefined;
    const age = revision.clock.now() - cached.at;
    return age >= 0 && age < maxAgeMs ? cached.reading : undefined;
  };
  const dial: AutonomyDial = {
    slos,
    async read(actionType, options = {}) {
      const reused = fresh(actionType);
      if (reused !== undefined) {
        throwIfAborted(options.abortSignal);
        return reused;
      }
      // Taken before the sums: a record that lands while they are on their way moves it.
      const startedRevision = revision?.revision;
      const startedAt = revision?.clock.now();
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
      if (revision !== undefined && startedRevision === revision.revision) {
        // Action types come from decisions: bounded, the oldest goes first.
        if (cache.size >= maxCachedActionTypes && !cache.has(actionType)) {
          cache.delete(cache.keys().next().value);
        }
        cache.set(actionType, { reading, at: startedAt as number, revision: startedRevision });
      }
      return reading;
    },
  };
  freshReadings.set(dial, fresh);
  return dial;
}

const defaultMaxAgeMs = 1000;
const maxCachedActionTypes = 256;

interface CachedReading {
  reading: AutonomyReading;
  /** The tracker's clock when the read started. */
  at: number;
  revision: number;
}

const freshReadings = new WeakMap<
  AutonomyDial,
  (actionType: string | undefined) => AutonomyReading | undefined
>();

/**
 * The dial's reading for an action type when it would reuse one, without a promise: lets the SLO
 * rail answer at once. Undefined for a dial not made by `createAutonomyDial` or without one.
 */
export const freshReadingOf = (
  dial: AutonomyDial,
  actionType: string | undefined,
): AutonomyReading | undefined => freshReadings.get(dial)?.(actionType);
