import { abortSignalSchema, clockSchema, idGeneratorSchema } from '@guardloop/core/internal';
import { z } from 'zod';
import { feedbackStoreSchema } from '../schemas/dependency-schemas';
import { timeRangeSchema } from '../schemas/time-range';
import type { ProposalAuthor } from './artifact-registry-types';
import { artifactKinds } from './artifact-schemas';
import { defaultProposalThresholds, type ProposalThresholds } from './proposal-candidate';
import type { ReviewThreshold } from './review-version';

const text = z.string().min(1);
const fraction = z.number().min(0).max(1);

export const registryOptionsSchema = z.object({
  store: feedbackStoreSchema,
  clock: clockSchema.optional(),
  idGenerator: idGeneratorSchema.optional(),
  review: z
    .object({ minReviews: z.number().int().positive(), minScore: fraction })
    .partial()
    .optional(),
  thresholds: z
    .strictObject({
      minMacroUses: z.number().int().positive(),
      minMacroEditRate: fraction,
      minSameEditShare: fraction,
      minClusterSize: z.number().int().positive(),
      minArticleVotes: z.number().int().positive(),
      minUnhelpfulShare: fraction,
      reasonSimilarity: fraction,
    })
    .partial()
    .optional(),
  author: z
    .custom<ProposalAuthor>((value) => typeof value === 'function', 'Expected a function')
    .optional(),
  maxAttempts: z.number().int().positive().optional(),
});

export const createArtifactSchema = z.object({
  id: text.optional(),
  kind: z.enum(artifactKinds),
  name: text,
  content: z.string(),
  scope: z.object({ category: text.optional() }).optional(),
  by: text,
});
export const proposeSchema = z.object({
  content: z.string(),
  rationale: text.optional(),
  evidence: z.unknown().optional(),
  by: text,
});
export const decideSchema = z.looseObject({ by: text, note: text.optional() });
export const rejectSchema = z.looseObject({ by: text, reason: text });
export const reviewSchema = z.looseObject({ by: text, score: fraction, note: text.optional() });
export const rollbackSchema = z.looseObject({
  by: text,
  toVersion: z.number().int().positive().optional(),
  reason: text.optional(),
});
export const proposeFromOutcomesSchema = z
  .looseObject({
    range: timeRangeSchema.optional(),
    by: text.optional(),
    abortSignal: abortSignalSchema.optional(),
  })
  .optional();
export const versionSchema = z.number().int().positive();

/** The review threshold and clustering thresholds, defaults filled in. */
export function registrySettings(config: z.output<typeof registryOptionsSchema>): {
  review: ReviewThreshold;
  thresholds: ProposalThresholds;
} {
  const given = Object.entries(config.thresholds ?? {}).filter(([, value]) => value !== undefined);
  return {
    review: {
      minReviews: config.review?.minReviews ?? 2,
      minScore: config.review?.minScore ?? 0.8,
    },
    thresholds: { ...defaultProposalThresholds, ...Object.fromEntries(given) },
  };
}
