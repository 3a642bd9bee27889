import { parseInput } from '@guardloop/core';
import type { ArtifactRegistry, ProposalCandidate } from '@guardloop/feedback';
import { z } from 'zod';
import type { Cadence } from '../schedule/cadence';
import type { LearningJob } from '../schedule/create-learning-schedule';
import type { LearningJobReportInput } from '../schedule/learning-job-report';
import { callOptions, dayMs, jobBaseSchema, withMethods } from './job-options';

export interface ArtifactProposalJobOptions {
  /** Default `artifact-proposals`. */
  name?: string | undefined;
  cadence: Cadence;
  artifacts: ArtifactRegistry;
  /** Author recorded on the proposals. Default `guardloop-learning`. */
  by?: string | undefined;
  /** Outcomes of the last N days (default: all). */
  windowDays?: number | undefined;
}

const optionsSchema = jobBaseSchema.extend({
  artifacts: withMethods<ArtifactRegistry>('an artifact registry', 'proposeFromOutcomes'),
  by: z.string().min(1).max(256).optional(),
  windowDays: z.int().positive().optional(),
});

/**
 * Turns outcome clusters (the same macro edit again and again, unhelpful articles, reopen
 * reasons) into proposed artifact versions through the registry's approval flow: nothing takes
 * effect until reviewers approve. Clusters without content or without a target artifact are
 * held back, with the cluster's summary, for a human to write.
 * @throws InvalidInputError on malformed options
 */
export function createArtifactProposalJob(options: ArtifactProposalJobOptions): LearningJob {
  const config = parseInput(optionsSchema, options, 'artifact proposal job options');
  return {
    name: config.name ?? 'artifact-proposals',
    cadence: config.cadence,
    async run(context): Promise<LearningJobReportInput> {
      const run = await config.artifacts.proposeFromOutcomes({
        by: config.by ?? 'guardloop-learning',
        ...(config.windowDays
          ? { range: { from: context.now - config.windowDays * dayMs, to: context.now + 1 } }
          : {}),
        ...callOptions(context),
      });
      return {
        proposed: run.proposals.map(({ artifactId, version, candidate }) => ({
          kind: 'artifact',
          id: artifactId,
          description: `${artifactId} v${version.version} proposed for approval: ${candidate.summary}`,
          details: { version: version.version, ...clusterOf(candidate) },
        })),
        heldBack: run.candidates.map((candidate) => ({
          kind: 'artifact_candidate',
          ...(candidate.artifactId ? { id: candidate.artifactId } : {}),
          description: candidate.summary,
          reason: candidate.artifactId
            ? 'no content was written for it (no author, or the author declined)'
            : 'no artifact to version: a human writes the first one',
          details: clusterOf(candidate),
        })),
        summary: `${run.proposals.length} proposed for approval, ${run.candidates.length} held back`,
      };
    },
  };
}

const clusterOf = (candidate: ProposalCandidate) => ({
  kind: candidate.kind,
  size: candidate.size,
  ...(candidate.category ? { category: candidate.category } : {}),
});
