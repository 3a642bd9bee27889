import type { Clock, IdGenerator } from '@guardloop/core';
import type { z } from 'zod';
import type {
  ArtifactQuery,
  FeedbackCallOptions,
  FeedbackStore,
  Page,
} from '../store/feedback-store';
import type { createArtifactSchema, proposeSchema } from './artifact-registry-schemas';
import type { Artifact, ArtifactVersion } from './artifact-schemas';
import type { ProposalCandidate, ProposalThresholds } from './proposal-candidate';
import type { ReviewThreshold } from './review-version';

/** Writes the content of a proposal for a cluster (e.g. with an LLM); undefined leaves it a candidate. */
export type ProposalAuthor = (
  candidate: ProposalCandidate,
  artifact: Artifact,
  options: FeedbackCallOptions,
) => string | undefined | Promise<string | undefined>;

export interface ArtifactRegistryOptions {
  store: FeedbackStore;
  clock?: Clock;
  idGenerator?: IdGenerator;
  /** When reviews promote a proposal. Default 2 reviews with mean score >= 0.8. */
  review?: Partial<ReviewThreshold>;
  thresholds?: Partial<ProposalThresholds>;
  author?: ProposalAuthor;
  maxAttempts?: number;
}

export type CreateArtifactInput = z.input<typeof createArtifactSchema>;
export type ProposeInput = z.input<typeof proposeSchema>;

export interface ProposalRun {
  /** Proposals saved (status `proposed`), awaiting approval or review. */
  proposals: { artifactId: string; version: ArtifactVersion; candidate: ProposalCandidate }[];
  /** Clusters without content (no author, or the author declined) or without a target artifact. */
  candidates: ProposalCandidate[];
}

/**
 * Every method validates its input (InvalidInputError, `invalid_input`), rejects with the abort
 * reason when aborted, and retries compare-and-set conflicts (ConcurrentUpdateError at the end).
 */
export interface ArtifactRegistry {
  /** Version 1, active at once (a human authored it). @throws InvalidInputError when the id exists */
  create(input: CreateArtifactInput, options?: FeedbackCallOptions): Promise<Artifact>;
  /** A pending version; an identical pending one is returned instead. @throws ArtifactNotFoundError */
  propose(
    artifactId: string,
    input: ProposeInput,
    options?: FeedbackCallOptions,
  ): Promise<ArtifactVersion>;
  /** Promotes a proposal. @throws ArtifactNotFoundError, InvalidArtifactTransitionError */
  approve(
    artifactId: string,
    version: number,
    options: { by: string; note?: string } & FeedbackCallOptions,
  ): Promise<Artifact>;
  /** @throws ArtifactNotFoundError, InvalidArtifactTransitionError */
  reject(
    artifactId: string,
    version: number,
    options: { by: string; reason: string } & FeedbackCallOptions,
  ): Promise<Artifact>;
  /** Promotes or rejects once the review threshold is reached. @throws ArtifactNotFoundError, InvalidArtifactTransitionError */
  review(
    artifactId: string,
    version: number,
    options: { by: string; score: number; note?: string } & FeedbackCallOptions,
  ): Promise<Artifact>;
  /** Reactivates a superseded version (default: the previously active one). @throws ArtifactNotFoundError, InvalidArtifactTransitionError */
  rollback(
    artifactId: string,
    options: { by: string; toVersion?: number; reason?: string } & FeedbackCallOptions,
  ): Promise<Artifact>;
  /** @throws ArtifactNotFoundError */
  get(artifactId: string, options?: FeedbackCallOptions): Promise<Artifact>;
  /** @throws ArtifactNotFoundError */
  getActive(artifactId: string, options?: FeedbackCallOptions): Promise<ArtifactVersion>;
  list(query?: ArtifactQuery, options?: FeedbackCallOptions): Promise<Page<Artifact>>;
  /** Finds outcome clusters (macro edits, unhelpful articles, reopen reasons) and proposes versions. */
  proposeFromOutcomes(
    options?: {
      range?: { from: number | Date; to: number | Date };
      by?: string;
    } & FeedbackCallOptions,
  ): Promise<ProposalRun>;
}
