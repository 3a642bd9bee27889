import type { OutcomeEventOf } from '../schemas/outcome-event';
import type { Artifact } from './artifact-schemas';
import type { ProposalCandidate, ProposalThresholds } from './proposal-candidate';
import { applySentenceEdit, type SentenceEdit, sentenceEdits } from './sentence-edits';

type MacroUse = OutcomeEventOf<'macro_used'>;

const describe = (edit: SentenceEdit) =>
  edit.kind === 'replace'
    ? `'${edit.removed.trim()}' -> '${edit.added.trim()}'`
    : edit.kind === 'remove'
      ? `removed '${edit.removed.trim()}'`
      : `added '${edit.added.trim()}'`;

/**
 * Macros edited heavily in the same way: when most edited uses of a macro make the same
 * sentence-level change, propose the macro with that change applied.
 */
export function macroEditClusters(
  uses: readonly MacroUse[],
  macros: readonly Artifact[],
  thresholds: ProposalThresholds,
): ProposalCandidate[] {
  return macros.flatMap((macro) => {
    const active = macro.versions.find((version) => version.version === macro.activeVersion);
    if (!active) return [];
    // Edits of an older text say nothing about the current one.
    const ofActive = uses.filter(
      (use) =>
        use.macroId === macro.id &&
        (use.macroVersion ?? active.version) === active.version &&
        (use.originalText ?? active.content) === active.content,
    );
    const edited = ofActive.filter((use) => use.editDistance > 0);
    if (ofActive.length < thresholds.minMacroUses) return [];
    if (edited.length / ofActive.length < thresholds.minMacroEditRate) return [];

    const bySignature = new Map<string, { edit: SentenceEdit; finals: string[] }>();
    for (const use of edited) {
      if (use.finalText === undefined) continue;
      const seen = new Set<string>();
      for (const edit of sentenceEdits(active.content, use.finalText)) {
        if (seen.has(edit.signature)) continue;
        seen.add(edit.signature);
        const entry = bySignature.get(edit.signature) ?? { edit, finals: [] };
        entry.finals.push(use.finalText);
        bySignature.set(edit.signature, entry);
      }
    }
    const top = [...bySignature.values()].sort((a, b) => b.finals.length - a.finals.length)[0];
    const share = top ? top.finals.length / edited.length : 0;
    const candidate: ProposalCandidate = {
      kind: 'macro_edits',
      artifactId: macro.id,
      size: edited.length,
      share: edited.length / ofActive.length,
      summary: `${edited.length} of ${ofActive.length} uses of macro '${macro.name}' were edited`,
      examples: edited.flatMap((use) => use.finalText ?? []).slice(0, 5),
    };
    if (
      top &&
      top.finals.length >= thresholds.minClusterSize &&
      share >= thresholds.minSameEditShare
    ) {
      candidate.summary += `; ${top.finals.length} made the same change: ${describe(top.edit)}`;
      candidate.proposedContent = applySentenceEdit(active.content, top.edit);
    }
    return [candidate];
  });
}
