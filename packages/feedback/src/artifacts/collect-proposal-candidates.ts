import type { OutcomeEventOf } from '../schemas/outcome-event';
import type { TimeRange } from '../schemas/time-range';
import type { FeedbackStore } from '../store/feedback-store';
import { readAllPages } from '../store/page';
import { unhelpfulArticleClusters } from './article-feedback-clusters';
import type { Artifact } from './artifact-schemas';
import { macroEditClusters } from './macro-edit-clusters';
import type { ProposalCandidate, ProposalThresholds } from './proposal-candidate';
import { reopenReasonClusters } from './reopen-reason-clusters';

export interface CollectOptions {
  store: FeedbackStore;
  range: TimeRange | undefined;
  thresholds: ProposalThresholds;
  abortSignal: AbortSignal | undefined;
}

/**
 * Reads the outcomes that can justify a new artifact version and clusters them. A batch job: it
 * scans the raw macro, article-feedback and reopen outcomes of the range.
 */
export async function collectProposalCandidates({
  store,
  range,
  thresholds,
  abortSignal,
}: CollectOptions): Promise<{ candidate: ProposalCandidate; artifacts: Artifact[] }[]> {
  const outcomes = await readAllPages((cursor) =>
    store.listOutcomes(
      {
        types: ['macro_used', 'article_feedback', 'reopened'],
        ...(range ? { from: range.from, to: range.to } : {}),
        ...(cursor === undefined ? {} : { cursor }),
        limit: 1000,
      },
      { abortSignal },
    ),
  );
  const artifacts = await readAllPages((cursor) =>
    store.listArtifacts(
      { ...(cursor === undefined ? {} : { cursor }), limit: 1000 },
      { abortSignal },
    ),
  );
  const ofKind = (kind: Artifact['kind']) => artifacts.filter((artifact) => artifact.kind === kind);
  const only = <Type extends 'macro_used' | 'article_feedback' | 'reopened'>(type: Type) =>
    outcomes.filter(
      (outcome): outcome is typeof outcome & OutcomeEventOf<Type> => outcome.type === type,
    );

  const byId = (candidate: ProposalCandidate) =>
    artifacts.filter((artifact) => artifact.id === candidate.artifactId);
  // A reopen cluster concerns the prompts scoped to its category.
  const promptsOf = (candidate: ProposalCandidate) =>
    ofKind('prompt').filter((prompt) => prompt.scope.category === candidate.category);

  return [
    ...macroEditClusters(only('macro_used'), ofKind('macro'), thresholds).map((candidate) => ({
      candidate,
      artifacts: byId(candidate),
    })),
    ...unhelpfulArticleClusters(only('article_feedback'), ofKind('article'), thresholds).map(
      (candidate) => ({
        candidate,
        artifacts: byId(candidate),
      }),
    ),
    ...reopenReasonClusters(only('reopened'), thresholds).map((candidate) => ({
      candidate,
      artifacts: promptsOf(candidate),
    })),
  ];
}
