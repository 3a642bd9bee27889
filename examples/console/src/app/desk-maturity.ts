import type { Rail } from '@guardloop/core';
import type { MaturityConfiguration } from '@guardloop/feedback';

/**
 * What this desk has configured, for `assessMaturity`: rails and an undo log, rule routing
 * (the rails decide), no artifact registry, no calibration or learning jobs yet. The outcomes
 * recorded on the traces say the rest.
 */
export function deskMaturityConfiguration(rails: readonly Rail[]): MaturityConfiguration {
  return {
    rails: rails.map((rail) => rail.name),
    confidenceFloor: false,
    undoLog: true,
    routing: 'rules',
    artifactRegistry: false,
    calibration: 'none',
    learningJobs: [],
    playbookHypotheses: false,
  };
}
