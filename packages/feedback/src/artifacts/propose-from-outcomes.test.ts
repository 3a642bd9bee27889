import { createManualClock } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { createOutcomeRecorder } from '../recorder/create-outcome-recorder';
import { createMemoryFeedbackStore } from '../store/memory-feedback-store';
import type { ProposalAuthor } from './artifact-registry-types';
import { createArtifactRegistry } from './create-artifact-registry';

const start = Date.UTC(2026, 0, 5);
const macroText = 'Hi there. Reset your password at example.com/reset. Thanks for waiting.';

async function setup(author?: ProposalAuthor) {
  const store = createMemoryFeedbackStore();
  const clock = createManualClock(start);
  const recorder = createOutcomeRecorder({ store, clock });
  const registry = createArtifactRegistry({ store, clock, ...(author ? { author } : {}) });
  await registry.create({
    id: 'reset-macro',
    kind: 'macro',
    name: 'Reset',
    content: macroText,
    by: 'ana',
  });
  await registry.create({
    id: 'vpn-article',
    kind: 'article',
    name: 'VPN',
    content: 'Install the client.',
    by: 'ana',
  });
  await registry.create({
    id: 'billing-prompt',
    kind: 'prompt',
    name: 'Billing',
    content: 'You help with bills.',
    scope: { category: 'billing' },
    by: 'ana',
  });
  const names = ['Ana', 'Bo', 'Cy', 'Di', 'Ed', 'Flo'];
  for (const [index, name] of names.entries()) {
    const finalText = macroText.replace('Hi there.', `Hi ${name}.`).replace('/reset', '/account');
    await recorder.record({
      type: 'macro_used',
      traceId: `m${index}`,
      macroId: 'reset-macro',
      originalText: macroText,
      finalText,
    });
  }
  for (const index of [6, 7]) {
    await recorder.record({
      type: 'macro_used',
      traceId: `m${index}`,
      macroId: 'reset-macro',
      editDistance: 0,
    });
  }
  for (const [index, helpful] of [true, false, false, false, false, true].entries()) {
    const comment = helpful ? 'great' : 'the screenshots are outdated';
    await recorder.record({
      type: 'article_feedback',
      traceId: `a${index}`,
      articleId: 'vpn-article',
      helpful,
      comment,
    });
  }
  const reasons = [
    'refund not received yet',
    'still have not received the refund',
    'refund not received',
    'wrong invoice address',
  ];
  for (const [index, reason] of reasons.entries()) {
    await recorder.record({
      type: 'resolved',
      traceId: `r${index}`,
      category: 'billing',
      firstContact: true,
    });
    await recorder.record({ type: 'reopened', traceId: `r${index}`, reason });
  }
  for (const index of [0, 1, 2]) {
    await recorder.record({
      type: 'resolved',
      traceId: `s${index}`,
      category: 'shipping',
      firstContact: true,
    });
    await recorder.record({
      type: 'reopened',
      traceId: `s${index}`,
      reason: 'parcel lost in transit',
    });
  }
  return { registry, recorder, clock };
}

describe('proposeFromOutcomes', () => {
  it('proposes the macro edit most agents made, pending approval', async () => {
    const { registry } = await setup();
    const run = await registry.proposeFromOutcomes({ by: 'nightly' });
    const macro = run.proposals.find((proposal) => proposal.artifactId === 'reset-macro');
    expect(macro?.version).toMatchObject({
      status: 'proposed',
      origin: 'proposal',
      createdBy: 'nightly',
      content: macroText.replace('/reset', '/account'),
    });
    expect(macro?.candidate).toMatchObject({ kind: 'macro_edits', size: 6, share: 0.75 });
    expect((await registry.getActive('reset-macro')).content).toBe(macroText);
    const again = await registry.proposeFromOutcomes();
    expect(
      again.proposals.find((proposal) => proposal.artifactId === 'reset-macro')?.version.version,
    ).toBe(2);
    expect((await registry.get('reset-macro')).versions).toHaveLength(2);
  });

  it('returns clusters it cannot write content for as candidates', async () => {
    const { registry } = await setup();
    const { candidates } = await registry.proposeFromOutcomes();
    expect(candidates).toContainEqual(
      expect.objectContaining({
        kind: 'unhelpful_article',
        artifactId: 'vpn-article',
        size: 4,
        examples: expect.arrayContaining(['the screenshots are outdated']),
      }),
    );
    expect(candidates).toContainEqual(
      expect.objectContaining({
        kind: 'reopen_reasons',
        artifactId: 'billing-prompt',
        category: 'billing',
        size: 3,
        share: 0.75,
      }),
    );
    // No prompt is scoped to shipping: the cluster is reported without a target.
    expect(candidates).toContainEqual(
      expect.objectContaining({ kind: 'reopen_reasons', category: 'shipping', size: 3 }),
    );
    expect(
      candidates.find((candidate) => candidate.category === 'shipping')?.artifactId,
    ).toBeUndefined();
  });

  it('asks the author for content and saves what it writes', async () => {
    const seen: string[] = [];
    const { registry } = await setup(async (candidate, artifact) => {
      seen.push(candidate.kind);
      return artifact.kind === 'article' ? 'Install the client (new screenshots).' : undefined;
    });
    const run = await registry.proposeFromOutcomes();
    expect(seen.sort()).toEqual(['reopen_reasons', 'unhelpful_article']);
    expect(run.proposals.map((proposal) => proposal.artifactId).sort()).toEqual([
      'reset-macro',
      'vpn-article',
    ]);
    expect(run.candidates.map((candidate) => candidate.kind).sort()).toEqual([
      'reopen_reasons',
      'reopen_reasons',
    ]);
  });

  it('looks only at outcomes inside the range', async () => {
    const { registry } = await setup();
    const run = await registry.proposeFromOutcomes({
      range: { from: start + 86_400_000, to: start + 2 * 86_400_000 },
    });
    expect(run).toEqual({ proposals: [], candidates: [] });
  });
});
