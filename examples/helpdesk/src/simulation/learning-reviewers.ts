import type { ArtifactRegistry } from '@guardloop/feedback';
import type { LearningTickResult } from '@guardloop/hypotheses';
import type { LearningJournal } from '../app/learning';

/**
 * The people on the other side of the learning schedule's approval flow: a QA lead and the
 * support lead review every proposed artifact version the night it is proposed (two reviews
 * promote it), and a new article candidate (a cluster of similar reopen reasons) is noted once
 * per category for the knowledge team.
 */
export function createLearningReviewers(options: {
  artifacts: ArtifactRegistry;
  journal: LearningJournal;
  now: () => number;
}) {
  const { artifacts, journal, now } = options;
  const seenCandidates = new Set<string>();
  return async (results: readonly LearningTickResult[]) => {
    for (const { run } of results) {
      if (run.status !== 'succeeded' || !run.report) continue;
      for (const item of run.report.proposed) {
        if (item.kind !== 'artifact' || !item.id) continue;
        const { version } = item.details as { version: number };
        await artifacts.review(item.id, version, { by: 'qa-lead', score: 0.9 });
        const reviewed = await artifacts.review(item.id, version, {
          by: 'support-lead',
          score: 0.85,
        });
        if (reviewed.activeVersion === version)
          journal.milestone(now(), `${item.id} v${version} approved by two reviewers and active`);
      }
      for (const item of run.report.heldBack) {
        const cluster = item.details as { kind?: string; category?: string } | undefined;
        if (item.kind !== 'artifact_candidate' || cluster?.kind !== 'reopen_reasons') continue;
        // One line per category: the cluster grows night after night, the finding stays the same.
        const key = `${cluster.kind}:${cluster.category}`;
        if (seenCandidates.has(key)) continue;
        seenCandidates.add(key);
        journal.milestone(now(), `Article candidate: ${item.description}`);
      }
    }
  };
}
