import { parseInput } from '@guardloop/core';
import type { FeedbackStore } from '../store/feedback-store';
import { proposeFromOutcomesSchema } from './artifact-registry-schemas';
import type { ProposalAuthor, ProposalRun } from './artifact-registry-types';
import type { ArtifactVersion } from './artifact-schemas';
import type { Proposal } from './artifact-transitions';
import { collectProposalCandidates } from './collect-proposal-candidates';
import type { ProposalThresholds } from './proposal-candidate';

export interface RunProposalsOptions {
  store: FeedbackStore;
  save: (
    artifactId: string,
    proposal: Proposal,
    by: string,
    abortSignal?: AbortSignal,
  ) => Promise<ArtifactVersion>;
  thresholds: ProposalThresholds;
  author: ProposalAuthor | undefined;
  options: unknown;
}

/**
 * Turns outcome clusters into pending versions. Content comes from the cluster itself (repeated
 * macro edits) or from the author; anything else is returned as a candidate for a human.
 */
export async function runProposals({
  store,
  save,
  thresholds,
  author,
  options,
}: RunProposalsOptions): Promise<ProposalRun> {
  const parsed = parseInput(proposeFromOutcomesSchema, options, 'proposal run options') ?? {};
  const { abortSignal } = parsed;
  abortSignal?.throwIfAborted();
  const by = parsed.by ?? 'guardloop';
  const run: ProposalRun = { proposals: [], candidates: [] };
  const found = await collectProposalCandidates({
    store,
    range: parsed.range,
    thresholds,
    abortSignal,
  });
  for (const { candidate, artifacts } of found) {
    if (artifacts.length === 0) run.candidates.push(candidate);
    for (const artifact of artifacts) {
      const targeted = { ...candidate, artifactId: artifact.id };
      const active = artifact.versions.find(
        (version) => version.version === artifact.activeVersion,
      );
      const content =
        candidate.proposedContent ?? (await author?.(targeted, artifact, { abortSignal }));
      if (content === undefined || content === active?.content) {
        run.candidates.push(targeted);
        continue;
      }
      const proposal: Proposal = {
        content,
        origin: 'proposal',
        rationale: candidate.summary,
        evidence: targeted,
      };
      const version = await save(artifact.id, proposal, by, abortSignal);
      run.proposals.push({ artifactId: artifact.id, version, candidate: targeted });
    }
  }
  return run;
}
