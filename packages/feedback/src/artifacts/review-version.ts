import type { Artifact } from './artifact-schemas';
import {
  type Actor,
  activate,
  expectStatus,
  log,
  rejectVersion,
  versionOf,
} from './artifact-transitions';

export interface ReviewThreshold {
  /** Reviews needed before the version is decided. */
  minReviews: number;
  /** Mean score at or above which it is promoted; below, it is rejected. */
  minScore: number;
}

/** Records a review (a reviewer's later review replaces theirs); decides once enough are in. */
export function reviewVersion(
  artifact: Artifact,
  versionNumber: number,
  review: Actor & { score: number },
  threshold: ReviewThreshold,
): void {
  const version = versionOf(artifact, versionNumber);
  expectStatus(artifact, version, ['proposed'], 'review');
  const entry = {
    by: review.by,
    score: review.score,
    at: review.at,
    ...(review.note ? { note: review.note } : {}),
  };
  version.reviews = [...version.reviews.filter((existing) => existing.by !== review.by), entry];
  log(artifact, 'reviewed', version.version, review);
  if (version.reviews.length < threshold.minReviews) return;
  const mean = version.reviews.reduce((sum, { score }) => sum + score, 0) / version.reviews.length;
  const note = `mean review score ${mean.toFixed(2)} over ${version.reviews.length} reviews`;
  if (mean >= threshold.minScore) activate(artifact, version, 'activated', { ...review, note });
  else rejectVersion(artifact, versionNumber, { ...review, note });
}
