import type { OutcomeEventOf } from '../schemas/outcome-event';
import type { ProposalCandidate, ProposalThresholds } from './proposal-candidate';

type Reopen = OutcomeEventOf<'reopened'>;

const stopWords = new Set([
  'the',
  'and',
  'but',
  'not',
  'for',
  'was',
  'still',
  'with',
  'again',
  'after',
  'that',
  'this',
]);

function tokensOf(reason: string): Set<string> {
  const words = reason.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return new Set(words.filter((word) => word.length > 2 && !stopWords.has(word)));
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const token of a) if (b.has(token)) shared += 1;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

/**
 * Reopen reasons that repeat within a category, grouped greedily by token-set similarity to the
 * first reason of each group. Largest clusters first.
 */
export function reopenReasonClusters(
  reopens: readonly Reopen[],
  thresholds: ProposalThresholds,
): ProposalCandidate[] {
  const byCategory = new Map<string, Reopen[]>();
  for (const reopen of reopens) {
    byCategory.set(reopen.category, [...(byCategory.get(reopen.category) ?? []), reopen]);
  }
  return [...byCategory].flatMap(([category, ofCategory]) => {
    const clusters: { tokens: Set<string>; reasons: string[] }[] = [];
    for (const { reason } of ofCategory) {
      const tokens = tokensOf(reason);
      const cluster = clusters.find(
        (candidate) => jaccard(candidate.tokens, tokens) >= thresholds.reasonSimilarity,
      );
      if (cluster) cluster.reasons.push(reason);
      else clusters.push({ tokens, reasons: [reason] });
    }
    return clusters
      .filter((cluster) => cluster.reasons.length >= thresholds.minClusterSize)
      .sort((a, b) => b.reasons.length - a.reasons.length)
      .map((cluster) => ({
        kind: 'reopen_reasons' as const,
        category,
        size: cluster.reasons.length,
        share: cluster.reasons.length / ofCategory.length,
        summary: `${cluster.reasons.length} reopens in '${category}' gave a similar reason: '${cluster.reasons[0]}'`,
        examples: cluster.reasons.slice(0, 5),
      }));
  });
}
