import { describe, expect, it } from 'vitest';
import { detectProfanity } from './brand-safety/detect-profanity';
import { createCascadeClassifier } from './cascade/create-cascade-classifier';
import { redactPii } from './pii/redact-pii';
import { brandSafetyRail } from './rails/brand-safety-rail';
import { piiRail } from './rails/pii-rail';

const throwingProxy = new Proxy(
  {},
  {
    get() {
      throw new Error('trap');
    },
  },
);
const codeOf = async (run: () => unknown) => {
  try {
    await run();
    return 'resolved';
  } catch (error) {
    return (error as { code?: unknown }).code ?? `untyped: ${String(error)}`;
  }
};

// Malformed input at each public entry point: a typed error (or a fail-closed verdict), never a
// TypeError from reading it.
describe('entry point probes', () => {
  it.each([
    ['redactPii, null options', () => redactPii('jo@example.com', null as never)],
    ['redactPii, options whose getters throw', () => redactPii('x', throwingProxy as never)],
    ['redactPii, a non-function replacement', () => redactPii('x', { replacement: 'y' as never })],
    ['detectProfanity, a number', () => detectProfanity(12 as never)],
    ['detectProfanity, a throwing object', () => detectProfanity(throwingProxy as never)],
    ['createCascadeClassifier, no options', () => createCascadeClassifier(undefined as never)],
    ['createCascadeClassifier, null', () => createCascadeClassifier(null as never)],
    ['createCascadeClassifier, classifiers missing', () => createCascadeClassifier({} as never)],
    [
      'createCascadeClassifier, a classifier without labels',
      () =>
        createCascadeClassifier({ local: { classify() {} }, model: { classify() {} } } as never),
    ],
    [
      'createCascadeClassifier, throwing options',
      () => createCascadeClassifier(throwingProxy as never),
    ],
  ])('%s: invalid_input', async (_name, run) => {
    expect(await codeOf(run)).toBe('invalid_input');
  });

  it('keeps redacting with valid options', () => {
    expect(redactPii('mail jo@example.com', { kinds: ['email'], replacement: () => '*' })).toBe(
      'mail *',
    );
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a Proxy whose getters throw', throwingProxy],
  ])('escalates a context it cannot read (%s) instead of throwing', async (_name, context) => {
    const abortSignal = new AbortController().signal;
    for (const rail of [piiRail(), brandSafetyRail()]) {
      await expect(rail.evaluate(context as never, { abortSignal })).resolves.toMatchObject({
        verdict: 'escalate',
        evidence: { limit: 'unreadable' },
      });
    }
  });
});
