import { createLoop, GuardloopError, type LoopStepInput } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import type { Classifier, ClassifyOptions } from '../classifier/classifier';
import { validateText } from '../classifier/validate-text';
import { createLocalClassifier } from '../local/create-local-classifier';
import { toyExamples, toyLabels } from '../local/toy-examples.fixture';
import { createIntentStep } from './create-intent-step';

const hasCode = (code: string) => (error: unknown) => GuardloopError.hasCode(error, code);
const stepOptions = { abortSignal: new AbortController().signal };

function stepInput(payload: Record<string, unknown>): LoopStepInput {
  return {
    traceId: 'trace-1',
    signal: {
      id: 's-1',
      source: 'email',
      kind: 'ticket',
      fingerprint: 'f',
      payload,
      occurredAt: 1,
      receivedAt: 1,
      traceId: 'trace-1',
    },
    actor: { id: 'agent', type: 'ai', roles: [] },
    attributes: {},
    hypotheses: [],
  };
}

/** Answers `billing` and records what it was asked. */
function recordingClassifier() {
  const calls: { text: string; options: ClassifyOptions | undefined }[] = [];
  const classifier: Classifier<'billing' | 'other'> = {
    name: 'recording',
    labels: ['billing', 'other'],
    floor: 0.5,
    async classify(text, options) {
      calls.push({ text: validateText(text), options });
      options?.abortSignal?.throwIfAborted();
      return {
        label: 'billing',
        confidence: 0.4,
        scores: { billing: 0.4, other: 0.6 },
        abstained: true,
        classifier: 'recording',
      };
    },
  };
  return { classifier, calls };
}

/** One ticket through a loop whose classifyIntent step is the toy local classifier's. */
async function handleInToyLoop() {
  const classifier = createLocalClassifier({ labels: toyLabels, examples: toyExamples });
  const loop = createLoop({
    steps: {
      classifyIntent: createIntentStep(classifier),
      proposeHypotheses: () => [],
      act: () => undefined,
    },
  });
  return loop.handle(
    { source: 'email', kind: 'ticket', payload: { subject: 'Where is my order' } },
    { actor: { id: 'agent', type: 'ai' } },
  );
}

describe('createIntentStep', () => {
  it('classifies the subject and body and returns an Intent', async () => {
    const classifier = createLocalClassifier({ labels: toyLabels, examples: toyExamples });
    const step = createIntentStep(classifier);
    const intent = await step(
      stepInput({ subject: 'Locked out', body: 'I forgot my password', email: 'a@b.c' }),
      stepOptions,
    );
    expect(intent).toMatchObject({
      label: 'password_reset',
      classifier: 'local',
      calibrated: false,
    });
    expect(intent.confidence).toBeGreaterThan(0);
    expect(Object.keys(intent.scores ?? {}).sort()).toEqual([...toyLabels].sort());
  });

  it('keeps the abstention and scores, and passes the abort signal on', async () => {
    const { classifier, calls } = recordingClassifier();
    const intent = await createIntentStep(classifier)(
      stepInput({ subject: 'Invoice', body: 'Charged twice', customerId: 'c-1' }),
      stepOptions,
    );
    expect(intent).toEqual({
      label: 'billing',
      confidence: 0.4,
      scores: { billing: 0.4, other: 0.6 },
      abstained: true,
      classifier: 'recording',
    });
    expect(calls).toEqual([
      { text: 'Invoice\nCharged twice', options: { abortSignal: stepOptions.abortSignal } },
    ]);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(
      createIntentStep(classifier)(stepInput({ text: 'x' }), { abortSignal: controller.signal }),
    ).rejects.toThrow('stop');
  });

  it('reads the text payload, or the text the host picks', async () => {
    const { classifier, calls } = recordingClassifier();
    await createIntentStep(classifier)(stepInput({ text: 'plain text' }), stepOptions);
    const step = createIntentStep(classifier, {
      text: (signal) => String(signal.payload.note).toUpperCase(),
    });
    await step(stepInput({ note: 'picked' }), stepOptions);
    expect(calls.map((call) => call.text)).toEqual(['plain text', 'PICKED']);
  });

  it('rejects a signal without text, and malformed input, with typed errors', async () => {
    const { classifier } = recordingClassifier();
    const step = createIntentStep(classifier);
    await expect(step(stepInput({ amount: 3 }), stepOptions)).rejects.toSatisfy(
      hasCode('empty_text'),
    );
    await expect(step(stepInput({ body: '   ' }), stepOptions)).rejects.toSatisfy(
      hasCode('empty_text'),
    );
    await expect(step(null as never, stepOptions)).rejects.toSatisfy(hasCode('invalid_input'));
    await expect(step(stepInput({ text: 'x' }), { abortSignal: 1 } as never)).rejects.toSatisfy(
      hasCode('invalid_input'),
    );
    const numeric = createIntentStep(classifier, { text: () => 42 as never });
    await expect(numeric(stepInput({ text: 'x' }), stepOptions)).rejects.toSatisfy(
      hasCode('invalid_input'),
    );
  });

  it('rejects a malformed classifier or options with a typed error', () => {
    const invalid = expect.objectContaining({ code: 'invalid_input' });
    expect(() => createIntentStep(null as never)).toThrow(invalid);
    expect(() => createIntentStep({ labels: [] } as never)).toThrow(invalid);
    const { classifier } = recordingClassifier();
    expect(() => createIntentStep(classifier, { text: 'body' } as never)).toThrow(invalid);
  });

  it('is the classifyIntent step of a loop', async () => {
    const result = await handleInToyLoop();
    expect(result.intent).toMatchObject({ label: 'shipping_status', classifier: 'local' });
  });

  it('leaves the signal fingerprint uncomputed (it is lazy when nothing deduplicates)', async () => {
    const result = await handleInToyLoop();
    // Still the getter: reading every key of the signal would have replaced it with the value.
    expect(Object.getOwnPropertyDescriptor(result.signal, 'fingerprint')?.get).toBeTypeOf(
      'function',
    );
    expect(result.signal.fingerprint).toMatch(/./);
  });
});
