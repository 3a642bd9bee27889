/** An outcome cluster that suggests changing an artifact. */
export interface ProposalCandidate {
  kind: 'macro_edits' | 'unhelpful_article' | 'reopen_reasons';
  /** The artifact to change; absent when no artifact matches (e.g. no prompt for the category). */
  artifactId?: string;
  category?: string;
  /** Outcomes in the cluster. */
  size: number;
  /** The cluster's share of the outcomes it was drawn from. */
  share: number;
  summary: string;
  /** Up to five representative texts (edits, comments, reasons). */
  examples: string[];
  /** New content, when the cluster itself determines it (repeated identical macro edits). */
  proposedContent?: string;
}

export interface ProposalThresholds {
  /** Macro uses needed before its edits are judged. Default 5. */
  minMacroUses: number;
  /** Share of uses that were edited. Default 0.3. */
  minMacroEditRate: number;
  /** Share of edited uses that made the same change. Default 0.5. */
  minSameEditShare: number;
  /** Outcomes in a cluster (same macro change, reopen reason). Default 3. */
  minClusterSize: number;
  /** Article votes needed before helpfulness is judged. Default 5. */
  minArticleVotes: number;
  /** Share of unhelpful votes that calls for a revision. Default 0.5. */
  minUnhelpfulShare: number;
  /** Token-set (Jaccard) similarity for two reopen reasons to cluster. Default 0.5. */
  reasonSimilarity: number;
}

export const defaultProposalThresholds: ProposalThresholds = {
  minMacroUses: 5,
  minMacroEditRate: 0.3,
  minSameEditShare: 0.5,
  minClusterSize: 3,
  minArticleVotes: 5,
  minUnhelpfulShare: 0.5,
  reasonSimilarity: 0.5,
};
