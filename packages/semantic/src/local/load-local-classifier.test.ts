import { GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { ByteWriter } from './byte-codec';
import { createLocalClassifier } from './create-local-classifier';
import { loadLocalClassifier } from './load-local-classifier';
import type { LocalClassifier } from './local-classifier';
import { toyExamples, toyLabels } from './toy-examples.fixture';
import { toVersion1Json } from './version-1-json.fixture';

const texts = ['my parcel is late', 'refund the charge', 'new password please', 'weather today'];

function loadCode(json: unknown): string | undefined {
  try {
    loadLocalClassifier(json);
  } catch (error) {
    return GuardloopError.isInstance(error) ? error.code : 'other';
  }
  return undefined;
}

function rowsOf(write: (writer: ByteWriter) => void): string {
  const writer = new ByteWriter();
  write(writer);
  return writer.toBase64();
}

async function expectSameAnswers(original: LocalClassifier, restored: LocalClassifier) {
  for (const text of texts) {
    const [before, after] = [await original.classify(text), await restored.classify(text)];
    expect(after.label).toBe(before.label);
    expect(after.abstained).toBe(before.abstained);
    expect(after.confidence).toBeCloseTo(before.confidence, 4);
    for (const label of toyLabels) {
      // Weights are stored as float32: about 7 significant digits.
      expect(after.scores[label]).toBeCloseTo(before.scores[label] ?? -1, 5);
    }
  }
}

describe('toJSON / loadLocalClassifier', () => {
  const original = createLocalClassifier({
    labels: toyLabels,
    examples: toyExamples,
    name: 'toy',
    floor: 0.2,
    pruneBelow: 0,
  });

  it('round-trips through JSON text with the same answers, within float32 precision', async () => {
    const text = JSON.stringify(original.toJSON());
    const restored = loadLocalClassifier<(typeof toyLabels)[number]>(text);
    expect(restored).toMatchObject({ name: 'toy', floor: 0.2, labels: [...toyLabels] });
    expect(restored.documentCount).toBe(original.documentCount);
    await expectSameAnswers(original, restored);
    // Stable: saving the restored classifier gives the same bytes.
    expect(JSON.stringify(restored.toJSON())).toBe(text);
  });

  it('prunes weights below pruneBelow: a smaller model that answers the same', async () => {
    const pruned = createLocalClassifier({ labels: toyLabels, examples: toyExamples });
    const [full, small] = [original, pruned].map((item) => JSON.stringify(item.toJSON()).length);
    expect(small).toBeLessThan(full ?? 0);
    const restored = loadLocalClassifier(pruned.toJSON());
    for (const text of texts) {
      expect((await restored.classify(text)).label).toBe((await pruned.classify(text)).label);
    }
  });

  it('still loads the version 1 format, as never calibrated', async () => {
    const restored = loadLocalClassifier(JSON.stringify(toVersion1Json(original)));
    expect(restored.calibrated).toBe(false);
    await expectSameAnswers(original, restored);
    expect(restored.toJSON().version).toBe(2);
  });

  it('keeps the calibrated flag through a round trip', async () => {
    const classifier = createLocalClassifier({ labels: toyLabels, examples: toyExamples });
    classifier.calibrate({ examples: toyExamples, outOfScope: ['what a nice day'] });
    const restored = loadLocalClassifier(JSON.stringify(classifier.toJSON()));
    expect(restored.calibrated).toBe(true);
    expect((await restored.classify('reset my password')).calibrated).toBe(true);
  });

  it('restores a classifier that keeps learning', async () => {
    const restored = loadLocalClassifier(original.toJSON());
    restored.learn({ text: 'my invoice please', label: 'billing_refund' });
    expect(restored.documentCount).toBe(original.documentCount + 1);
    expect((await restored.classify('my invoice please')).label).toBe('billing_refund');
  });

  it('does not share state with the JSON it was loaded from', () => {
    const json = original.toJSON();
    const restored = loadLocalClassifier(json);
    restored.calibrate({ examples: toyExamples, outOfScope: ['what a nice day'] });
    expect(json.settings.floor).toBe(0.2);
    expect(json.settings.calibrated).toBe(false);
  });

  it('rejects malformed JSON with invalid_input', () => {
    const json = original.toJSON();
    expect(loadCode('{not json')).toBe('invalid_input');
    expect(loadCode(null)).toBe('invalid_input');
    expect(loadCode({ ...json, format: 'something-else' })).toBe('invalid_input');
    expect(loadCode({ ...json, version: 3 })).toBe('invalid_input');
    expect(loadCode({ ...json, version: 1 })).toBe('invalid_input');
    expect(loadCode({ ...json, encoding: 'dense' })).toBe('invalid_input');
    expect(loadCode({ ...json, bias: [0] })).toBe('invalid_input');
    expect(loadCode({ ...json, settings: { ...json.settings, labels: ['a'] } })).toBe(
      'invalid_input',
    );
    const v1 = toVersion1Json(original);
    expect(loadCode({ ...v1, rows: [[1, 1, 0.5]] })).toBe('invalid_input');
    expect(loadCode({ ...v1, rows: [[-1, 1, 0, 0, 0]] })).toBe('invalid_input');
  });

  it('rejects rows that do not decode with invalid_input, never a crash', () => {
    const json = original.toJSON();
    const row = (bucket: number, documents: number, weights: Array<[number, number]>) =>
      rowsOf((writer) => {
        writer.varint(bucket);
        writer.varint(documents);
        writer.varint(weights.length);
        for (const [label, value] of weights) {
          writer.varint(label);
          writer.float32(value);
        }
      });
    const cases = {
      'not base64': { rows: '!!!' },
      'base64 with a bad length': { rows: 'AAAAA' },
      truncated: { rows: json.rows.slice(0, Math.floor(json.rows.length / 2 / 4) * 4) },
      'more rows announced than stored': { rowCount: json.rowCount + 1 },
      'bytes left over': { rowCount: json.rowCount - 1 },
      'bucket out of range': { rowCount: 1, rows: row(json.settings.features.buckets, 1, []) },
      'zero document frequency': { rowCount: 1, rows: row(3, 0, []) },
      'label out of range': { rowCount: 1, rows: row(3, 1, [[toyLabels.length, 0.5]]) },
      'weight not finite': { rowCount: 1, rows: row(3, 1, [[0, Number.NaN]]) },
      'too many weights': {
        rowCount: 1,
        rows: row(3, 1, [
          [0, 1],
          [1, 1],
          [1, 1],
          [1, 1],
        ]),
      },
      'repeated label': {
        rowCount: 1,
        rows: row(3, 1, [
          [1, 1],
          [0, 1],
        ]),
      },
    };
    for (const [problem, patch] of Object.entries(cases)) {
      expect({ problem, code: loadCode({ ...json, ...patch }) }).toEqual({
        problem,
        code: 'invalid_input',
      });
    }
  });
});
