import { evaluateRails, GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import type { Classification, Classifier } from '../classifier/classifier';
import { createLocalClassifier } from '../local/create-local-classifier';
import { toyExamples, toyLabels } from '../local/toy-examples.fixture';
import { intentRail } from './intent-rail';
import { options, railContext } from './rail-context.fixture';

const classifier = createLocalClassifier({ labels: toyLabels, examples: toyExamples });
const allowed = ['password_reset', 'shipping_status'];

describe('intentRail', () => {
  it('allows a confident, allowed intent classified from the signal text', async () => {
    const rail = intentRail({ allowed, classifier });
    expect(rail).toMatchObject({ name: 'intent', kind: 'semantic' });
    const verdict = await rail.evaluate(
      railContext('I forgot my password, please reset it'),
      options,
    );
    expect(verdict).toMatchObject({
      verdict: 'allow',
      evidence: { label: 'password_reset', source: 'classifier' },
    });
    expect(verdict.confidence).toBeGreaterThanOrEqual(classifier.floor);
  });

  it('escalates a disallowed intent by default, or denies when configured', async () => {
    const context = railContext('I was charged twice, refund please');
    await expect(
      intentRail({ allowed, classifier }).evaluate(context, options),
    ).resolves.toMatchObject({ verdict: 'escalate', evidence: { label: 'billing_refund' } });
    const strict = intentRail({ allowed, classifier, onDisallowed: 'deny' });
    await expect(strict.evaluate(context, options)).resolves.toMatchObject({ verdict: 'deny' });
  });

  it('escalates when the classifier abstains (out-of-scope text)', async () => {
    const verdict = await intentRail({ allowed, classifier }).evaluate(
      railContext('Who painted the Mona Lisa?'),
      options,
    );
    expect(verdict).toMatchObject({ verdict: 'escalate', evidence: { abstained: true } });
    expect(verdict.reason).toMatch(/Unsure/);
  });

  it('uses context.intent when present, with its own floor', async () => {
    const rail = intentRail({ allowed, floor: 0.8 });
    const intent = (label: string, confidence: number) => ({ label, confidence, abstained: false });
    await expect(
      rail.evaluate(railContext(undefined, { intent: intent('shipping_status', 0.9) }), options),
    ).resolves.toMatchObject({ verdict: 'allow', evidence: { source: 'context' } });
    await expect(
      rail.evaluate(railContext(undefined, { intent: intent('shipping_status', 0.7) }), options),
    ).resolves.toMatchObject({ verdict: 'escalate' });
  });

  it('escalates when there is nothing to judge or the classifier fails', async () => {
    await expect(
      intentRail({ allowed }).evaluate(railContext('hi'), options),
    ).resolves.toMatchObject({
      verdict: 'escalate',
      reason: 'No intent in context and no classifier.',
    });
    await expect(
      intentRail({ allowed, classifier }).evaluate(railContext(undefined), options),
    ).resolves.toMatchObject({ verdict: 'escalate', reason: 'No text to classify the intent of.' });
    const tooShort = createLocalClassifier({ labels: toyLabels, maxLength: 5 });
    await expect(
      intentRail({ allowed, classifier: tooShort }).evaluate(
        railContext('reset my password'),
        options,
      ),
    ).resolves.toMatchObject({
      verdict: 'escalate',
      reason: 'Intent classifier failed (text_too_long).',
    });
  });

  it('passes the abort signal to the classifier and rejects with its reason', async () => {
    const seen: AbortSignal[] = [];
    const slow: Classifier = {
      name: 'slow',
      labels: [...toyLabels],
      floor: 0.5,
      classify: (_text, classifyOptions) =>
        new Promise<Classification>((_resolve, reject) => {
          const abortSignal = classifyOptions?.abortSignal as AbortSignal;
          seen.push(abortSignal);
          abortSignal.addEventListener('abort', () => reject(abortSignal.reason));
        }),
    };
    const controller = new AbortController();
    const pending = intentRail({ allowed, classifier: slow }).evaluate(railContext('hello'), {
      abortSignal: controller.signal,
    });
    controller.abort(new Error('timeout'));
    await expect(pending).rejects.toThrow('timeout');
    expect(seen[0]).toBe(controller.signal);
  });

  it('warns in the evidence about an uncalibrated classifier, keeping the verdict', async () => {
    const text = 'I forgot my password, please reset it';
    const verdict = await intentRail({ allowed, classifier }).evaluate(railContext(text), options);
    expect(verdict).toMatchObject({
      verdict: 'allow',
      evidence: { calibrated: false, warnings: ['uncalibrated_classifier'] },
    });
    const calibratedClassifier = createLocalClassifier({
      labels: toyLabels,
      examples: toyExamples,
    });
    calibratedClassifier.calibrate({ examples: toyExamples, outOfScope: ['tell me a joke'] });
    const quiet = await intentRail({ allowed, classifier: calibratedClassifier }).evaluate(
      railContext(text),
      options,
    );
    expect(quiet).toMatchObject({ verdict: 'allow', evidence: { calibrated: true } });
    expect(quiet.evidence).not.toHaveProperty('warnings');
  });

  it('escalates what it would allow from an uncalibrated classifier when asked to', async () => {
    const rail = intentRail({ allowed, classifier, onUncalibrated: 'escalate' });
    const verdict = await rail.evaluate(railContext('please reset my password'), options);
    expect(verdict).toMatchObject({ verdict: 'escalate', evidence: { calibrated: false } });
    expect(verdict.reason).toMatch(/never calibrated/);
    // Only allows turn into escalations: a disallowed intent keeps its configured verdict.
    const strict = intentRail({
      allowed,
      classifier,
      onDisallowed: 'deny',
      onUncalibrated: 'escalate',
    });
    await expect(
      strict.evaluate(railContext('I was charged twice, refund please'), options),
    ).resolves.toMatchObject({ verdict: 'deny' });
    // An intent without the flag (another classifier, or the context) is not judged on it.
    const fromContext = intentRail({ allowed, onUncalibrated: 'escalate' });
    const intent = { label: 'shipping_status', confidence: 0.9, abstained: false };
    await expect(
      fromContext.evaluate(railContext(undefined, { intent }), options),
    ).resolves.toMatchObject({ verdict: 'allow' });
  });

  it('plugs into evaluateRails', async () => {
    const decision = await evaluateRails(
      [intentRail({ allowed, classifier })],
      railContext('where is my package? it has not arrived'),
    );
    expect(decision.verdict).toBe('allow');
  });

  it('rejects bad options: invalid_input, and unknown_label for intents the classifier lacks', () => {
    const codeOf = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return GuardloopError.isInstance(error) ? error.code : 'other';
      }
    };
    expect(codeOf(() => intentRail({ allowed: [] }))).toBe('invalid_input');
    expect(codeOf(() => intentRail({ allowed, floor: -1 }))).toBe('invalid_input');
    expect(codeOf(() => intentRail({ allowed, onUncalibrated: 'deny' as never }))).toBe(
      'invalid_input',
    );
    // Past 2^31 - 1 ms a timer fires at once: refused here rather than by evaluateRails.
    expect(codeOf(() => intentRail({ allowed, timeoutMs: 2 ** 31 }))).toBe('invalid_input');
    expect(codeOf(() => intentRail({ allowed, classifier: {} as Classifier }))).toBe(
      'invalid_input',
    );
    expect(codeOf(() => intentRail({ allowed: ['order_pizza'], classifier }))).toBe(
      'unknown_label',
    );
  });
});
