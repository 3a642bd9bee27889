import type { OutcomeEventOf } from '../schemas/outcome-event';
import type { Artifact } from './artifact-schemas';
import type { ProposalCandidate, ProposalThresholds } from './proposal-candidate';

type ArticleVote = OutcomeEventOf<'article_feedback'>;

/** Knowledge articles that readers mark unhelpful often enough to call for a revision. */
export function unhelpfulArticleClusters(
  votes: readonly ArticleVote[],
  articles: readonly Artifact[],
  thresholds: ProposalThresholds,
): ProposalCandidate[] {
  return articles.flatMap((article) => {
    const ofActive = votes.filter(
      (vote) =>
        vote.articleId === article.id &&
        (vote.articleVersion ?? article.activeVersion) === article.activeVersion,
    );
    const unhelpful = ofActive.filter((vote) => !vote.helpful);
    if (ofActive.length < thresholds.minArticleVotes) return [];
    const share = unhelpful.length / ofActive.length;
    if (share < thresholds.minUnhelpfulShare) return [];
    return [
      {
        kind: 'unhelpful_article' as const,
        artifactId: article.id,
        size: unhelpful.length,
        share,
        summary: `${unhelpful.length} of ${ofActive.length} readers found article '${article.name}' unhelpful`,
        examples: unhelpful.flatMap((vote) => vote.comment ?? []).slice(0, 5),
      },
    ];
  });
}
