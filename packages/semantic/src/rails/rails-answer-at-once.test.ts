import { evaluateRails, type Rail, type RailContext } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { createLocalClassifier } from '../local/create-local-classifier';
import { toyExamples, toyLabels } from '../local/toy-examples.fixture';
import { brandSafetyRail } from './brand-safety-rail';
import { intentRail } from './intent-rail';
import { piiRail } from './pii-rail';
import { options, railContext } from './rail-context.fixture';

// The PII, brand-safety and intent rails answer at once under the engine (`evaluateWith`): the
// verdicts must be the ones their promises give, and their failures must still fail closed.
const intent = { label: 'password_reset', confidence: 0.9, abstained: false, classifier: 'toy' };
const contexts: RailContext[] = [
  railContext('Please reset my password', {
    intent,
    attributes: { draft: 'I have sent a reset link.' },
  }),
  railContext('Mail me at jo@example.com or call +44 20 7946 0958', {
    intent: { ...intent, label: 'billing_refund' },
    attributes: { draft: 'We will issue a full refund, you idiot.' },
  }),
  railContext('Where is my parcel?', {
    intent: { ...intent, confidence: 0.2, abstained: true },
    action: {
      name: 'reply',
      input: { body: 'Your card 4111 1111 1111 1111 is on file.' },
      dryRun: false,
    },
  }),
  railContext(undefined, { intent }),
];

function rails(): Rail[] {
  const classifier = createLocalClassifier({ labels: toyLabels, examples: toyExamples });
  return [
    piiRail({ onDetected: 'escalate' }),
    brandSafetyRail(),
    intentRail({ allowed: ['password_reset'], classifier }),
  ];
}

describe('PII, brand-safety and intent rails under the engine', () => {
  it('give the verdicts their promises give', async () => {
    for (const context of contexts) {
      for (const rail of rails()) {
        const direct = await rail.evaluate(context, options);
        const [result] = (await evaluateRails([rail], context)).rails;
        expect({
          verdict: result?.verdict,
          reason: result?.reason,
          evidence: result?.evidence,
        }).toEqual({
          verdict: direct.verdict,
          reason: direct.reason,
          evidence: direct.evidence,
        });
      }
    }
  });

  it('run before the engine first waits, and classify without an intent as before', async () => {
    const seen: string[] = [];
    const probe: Rail = {
      name: 'probe',
      kind: 'deterministic',
      evaluate: () => {
        seen.push('probe');
        return { verdict: 'allow', reason: 'ran' };
      },
    };
    const [pii, brand] = rails() as [Rail, Rail];
    const pending = evaluateRails([pii, brand, probe], contexts[0] as RailContext);
    expect(seen).toEqual(['probe']);
    await expect(pending).resolves.toMatchObject({ verdict: 'allow' });
    const withoutIntent = railContext('I forgot my password and cannot log in');
    const decision = await evaluateRails([rails()[2] as Rail], withoutIntent);
    expect(decision.rails[0]).toMatchObject({
      status: 'completed',
      evidence: { source: 'classifier' },
    });
  });

  it('still reject what they throw, and fail closed under the engine', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    const [pii, brand, intentOnly] = rails() as [Rail, Rail, Rail];
    for (const rail of [pii, brand]) {
      await expect(
        rail.evaluate(contexts[0] as RailContext, { abortSignal: controller.signal }),
      ).rejects.toThrow('stopped');
    }
    const unreadable = {
      traceId: 'trace-1',
      actor: { id: 'ai-agent', type: 'ai', roles: [] },
      get intent(): never {
        throw new Error('no intent');
      },
    } as unknown as RailContext;
    await expect(intentOnly.evaluate(unreadable, options)).rejects.toThrow('no intent');
    const decision = await evaluateRails([intentOnly], unreadable);
    expect(decision.rails[0]).toMatchObject({
      status: 'failed',
      verdict: 'escalate',
      reason: "Rail 'intent' failed: no intent; escalating because rails fail closed.",
    });
  });
});
