import type { Clock } from '@guardloop/core';
import type { SloTracker } from './slo-tracker';

/**
 * What a dial needs to reuse a reading of a tracker made by `createSloTracker`: its clock, and a
 * revision that moves whenever this process records through it. A host's own `SloTracker` has no
 * entry, and its readings are never reused.
 */
export interface TrackerRevision {
  readonly clock: Clock;
  revision: number;
}

const revisions = new WeakMap<SloTracker, TrackerRevision>();

export function registerTracker(tracker: SloTracker, clock: Clock): TrackerRevision {
  const entry: TrackerRevision = { clock, revision: 0 };
  revisions.set(tracker, entry);
  return entry;
}

export const trackerRevisionOf = (tracker: SloTracker): TrackerRevision | undefined =>
  revisions.get(tracker);
