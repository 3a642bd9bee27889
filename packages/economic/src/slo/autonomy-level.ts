/**
 * How much the loop may act on its own: `full` (rails decide), `reduced` (a slow burn: hosts may
 * narrow what runs unattended) or `none` (a fast burn or an exhausted budget: a human approves).
 */
export const autonomyLevels = ['full', 'reduced', 'none'] as const;

export type AutonomyLevel = (typeof autonomyLevels)[number];

const rank: Record<AutonomyLevel, number> = { full: 2, reduced: 1, none: 0 };

/** The lower of two levels. */
export function lowerAutonomy(left: AutonomyLevel, right: AutonomyLevel): AutonomyLevel {
  return rank[left] <= rank[right] ? left : right;
}

/** True when `level` is `threshold` or lower, e.g. `none` is at or below `reduced`. */
export function isAutonomyAtOrBelow(level: AutonomyLevel, threshold: AutonomyLevel): boolean {
  return rank[level] <= rank[threshold];
}
