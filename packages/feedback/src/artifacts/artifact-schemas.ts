import { z } from 'zod';
import { storableKeySchema } from '../schemas/storable-values';

export const artifactKinds = ['prompt', 'macro', 'article'] as const;
export type ArtifactKind = (typeof artifactKinds)[number];

/**
 * proposed -> active (approved, or passed review) | rejected;
 * active -> superseded when another version becomes active; superseded -> active on rollback.
 */
export const artifactVersionStatuses = ['proposed', 'active', 'superseded', 'rejected'] as const;
export type ArtifactVersionStatus = (typeof artifactVersionStatuses)[number];

export const artifactReviewSchema = z.object({
  by: z.string().min(1),
  /** 0 (unusable) .. 1 (ship it). */
  score: z.number().min(0).max(1),
  note: z.string().optional(),
  at: z.number().int().nonnegative(),
});

export const artifactVersionSchema = z.object({
  version: z.number().int().positive(),
  content: z.string(),
  status: z.enum(artifactVersionStatuses),
  origin: z.enum(['authored', 'proposal']),
  rationale: z.string().optional(),
  /** The outcome cluster a generated proposal came from. */
  evidence: z.unknown().optional(),
  createdAt: z.number().int().nonnegative(),
  createdBy: z.string().min(1),
  reviews: z.array(artifactReviewSchema),
});

export const artifactHistoryActions = [
  'created',
  'proposed',
  'reviewed',
  'approved',
  'rejected',
  'activated',
  'rolled_back',
] as const;

export const artifactHistoryEntrySchema = z.object({
  at: z.number().int().nonnegative(),
  action: z.enum(artifactHistoryActions),
  version: z.number().int().positive(),
  by: z.string().min(1),
  note: z.string().optional(),
});

/** A prompt, macro or knowledge article with every version it ever had. */
export const artifactSchema = z.object({
  id: storableKeySchema,
  kind: z.enum(artifactKinds),
  name: z.string().min(1),
  /** Ties the artifact to a segment, e.g. the prompt used for one category. */
  scope: z.object({ category: storableKeySchema.optional() }).default({}),
  /** Compare-and-set token: incremented on every write. */
  revision: z.number().int().positive(),
  activeVersion: z.number().int().positive().optional(),
  versions: z.array(artifactVersionSchema),
  history: z.array(artifactHistoryEntrySchema),
  createdAt: z.number().int().nonnegative(),
  updatedAt: z.number().int().nonnegative(),
});

export type ArtifactReview = z.output<typeof artifactReviewSchema>;
export type ArtifactVersion = z.output<typeof artifactVersionSchema>;
export type ArtifactHistoryEntry = z.output<typeof artifactHistoryEntrySchema>;
export type Artifact = z.output<typeof artifactSchema>;
