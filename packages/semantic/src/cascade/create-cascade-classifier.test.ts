import { GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import type { Classification, Classifier } from '../classifier/classifier';
import { createLocalClassifier } from '../local/create-local-classifier';
import { type ToyLabel, toyExamples, toyLabels } from '../local/toy-examples.fixture';
import { createCascadeClassifier } from './create-cascade-classifier';

function fakeModel(): Classifier<ToyLabel> & { texts: string[] } {
  const texts: string[] = [];
  return {
    name: 'model',
    labels: toyLabels,
    floor: 0.6,
    texts,
    async classify(text): Promise<Classification<ToyLabel>> {
      texts.push(text);
      return {
        label: 'shipping_status',
        confidence: 0.9,
        scores: {},
        abstained: false,
        classifier: 'model',
      };
    },
  };
}

const local = createLocalClassifier({ labels: toyLabels, examples: toyExamples });

describe('createCascadeClassifier', () => {
  it('answers locally when confident and calls the model only otherwise', async () => {
    const model = fakeModel();
    const cascade = createCascadeClassifier({ local, model });
    expect((await cascade.classify('please reset my password')).classifier).toBe('local');
    expect((await cascade.classify('I forgot my password')).classifier).toBe('local');
    const fallback = await cascade.classify('Who painted the Mona Lisa?');
    expect(fallback).toMatchObject({ classifier: 'model', label: 'shipping_status' });
    expect(model.texts).toEqual(['Who painted the Mona Lisa?']);
    expect(cascade.stats()).toEqual({
      calls: 3,
      localAnswers: 2,
      modelCalls: 1,
      modelCallsSaved: 2,
      savedRatio: 2 / 3,
    });
  });

  it('a higher cascade floor sends more texts to the model', async () => {
    const model = fakeModel();
    const cascade = createCascadeClassifier({ local, model, floor: 1 });
    await cascade.classify('please reset my password');
    expect(cascade.stats()).toMatchObject({ calls: 1, modelCalls: 1, modelCallsSaved: 0 });
  });

  it('starts with empty stats and keeps the local floor by default', () => {
    const cascade = createCascadeClassifier({ local, model: fakeModel() });
    expect(cascade.floor).toBe(local.floor);
    expect(cascade.stats()).toEqual({
      calls: 0,
      localAnswers: 0,
      modelCalls: 0,
      modelCallsSaved: 0,
      savedRatio: 0,
    });
  });

  it('propagates bad input and abort without calling the model', async () => {
    const model = fakeModel();
    const cascade = createCascadeClassifier({ local, model });
    const error = await cascade.classify('').catch((caught) => caught);
    expect(GuardloopError.hasCode(error, 'empty_text')).toBe(true);
    const controller = new AbortController();
    controller.abort(new Error('gone'));
    await expect(cascade.classify('hi', { abortSignal: controller.signal })).rejects.toThrow(
      'gone',
    );
    expect(model.texts).toEqual([]);
  });

  it('rejects classifiers with different label sets, or a bad floor', () => {
    const codeOf = (run: () => unknown) => {
      try {
        run();
      } catch (caught) {
        return GuardloopError.isInstance(caught) ? caught.code : 'other';
      }
    };
    const other = { ...fakeModel(), labels: ['a', 'b'] } as unknown as Classifier<ToyLabel>;
    expect(codeOf(() => createCascadeClassifier({ local, model: other }))).toBe('invalid_input');
    expect(codeOf(() => createCascadeClassifier({ local, model: fakeModel(), floor: 3 }))).toBe(
      'invalid_input',
    );
  });
});
