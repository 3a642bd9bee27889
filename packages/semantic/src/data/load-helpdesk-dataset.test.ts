import { GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { helpdeskIntents } from './helpdesk-intents';
import { loadHelpdeskDataset } from './load-helpdesk-dataset';

describe('loadHelpdeskDataset', () => {
  const dataset = loadHelpdeskDataset();

  it('has at least 15 intents with at least 40 examples each, and 100+ out-of-scope texts', () => {
    expect(dataset.labels.length).toBeGreaterThanOrEqual(15);
    for (const label of helpdeskIntents) {
      const count = [...dataset.train, ...dataset.test].filter((example) => example.label === label);
      expect(count.length, label).toBeGreaterThanOrEqual(40);
    }
    const outOfScope = [...dataset.outOfScope.validation, ...dataset.outOfScope.test];
    expect(outOfScope.length).toBeGreaterThanOrEqual(100);
  });

  it('splits per intent with a seed: disjoint, reproducible, about 20% held out', () => {
    const texts = new Set(dataset.train.map((example) => example.text));
    expect(dataset.test.some((example) => texts.has(example.text))).toBe(false);
    expect(loadHelpdeskDataset({ seed: 42 })).toEqual(dataset);
    expect(loadHelpdeskDataset({ seed: 7 }).test).not.toEqual(dataset.test);
    const share = dataset.test.length / (dataset.test.length + dataset.train.length);
    expect(share).toBeCloseTo(0.2, 1);
    for (const label of helpdeskIntents) {
      expect(dataset.test.filter((example) => example.label === label).length).toBe(9);
    }
  });

  it('rejects malformed options with invalid_input', () => {
    const error = (() => {
      try {
        loadHelpdeskDataset({ testFraction: 2 });
      } catch (caught) {
        return caught;
      }
    })();
    expect(GuardloopError.hasCode(error, 'invalid_input')).toBe(true);
  });
});
