import { InvalidInputError, parseInput } from '@guardloop/core';
import { throwIfAborted } from '@guardloop/core/internal';
import { z } from 'zod';
import type { Classification } from '../classifier/classifier';
import { validateText } from '../classifier/validate-text';
import { computeCoverage } from './coverage';
import { toFeatureVector } from './feature-vector';
import { type CalibrationSample, fitCalibration } from './fit-calibration';
import { computeLogits, type LinearModel } from './linear-model';
import type { LocalClassifier, LocalInspection } from './local-classifier';
import type { LocalClassifierSettings } from './local-classifier-settings';
import { serializeLocalClassifier } from './serialize-local-classifier';
import { softmax } from './softmax';
import { argMax, learnOne, trainEpochs } from './train-model';
import { validateTrainingExample } from './training-example';

const calibrateOptionsSchema = z.object({
  examples: z.array(z.unknown()).min(1),
  outOfScope: z.array(z.unknown()).default([]),
});

/** Wraps settings and a model (fresh or restored) into the public classifier object. */
export function buildLocalClassifier<Label extends string>(
  settings: LocalClassifierSettings,
  model: LinearModel,
): LocalClassifier<Label> {
  const labels = settings.labels as Label[];
  const toLabelled = (input: unknown) => {
    const { example, labelIndex } = validateTrainingExample(input, labels, settings.maxLength);
    return { vector: toFeatureVector(example.text, settings.features), labelIndex };
  };
  const inspect = (text: unknown): LocalInspection => {
    const vector = toFeatureVector(validateText(text, settings.maxLength), settings.features);
    const buckets = vector.map(([bucket]) => bucket);
    return { logits: computeLogits(model, vector), coverage: computeCoverage(model, buckets) };
  };
  const classifySync = (text: unknown): Classification<Label> => {
    const { logits, coverage } = inspect(text);
    const probabilities = softmax(logits, settings.temperature);
    const best = argMax(probabilities);
    const confidence = (probabilities[best] ?? 0) * coverage ** settings.coverageExponent;
    return {
      label: labels[best] as Label,
      confidence,
      scores: Object.fromEntries(labels.map((label, index) => [label, probabilities[index] ?? 0])),
      abstained: confidence < settings.floor,
      classifier: settings.name,
      calibrated: settings.calibrated,
    };
  };

  return {
    name: settings.name,
    labels,
    get floor() {
      return settings.floor;
    },
    get calibrated() {
      return settings.calibrated;
    },
    get temperature() {
      return settings.temperature;
    },
    coverageExponent: settings.coverageExponent,
    get documentCount() {
      return model.documents;
    },
    async classify(text, options = {}) {
      throwIfAborted(options.abortSignal);
      return classifySync(text);
    },
    learn(example) {
      learnOne(model, toLabelled(example), settings.training);
    },
    train(examples) {
      if (!Array.isArray(examples)) {
        throw new InvalidInputError({
          subject: 'training examples',
          issues: [{ path: '', message: 'Expected an array of { text, label }' }],
        });
      }
      trainEpochs(model, examples.map(toLabelled), settings.training);
    },
    calibrate(options) {
      const parsed = parseInput(calibrateOptionsSchema, options, 'calibration options');
      const samples: CalibrationSample[] = parsed.examples.map((input) => {
        const { example, labelIndex } = validateTrainingExample(input, labels, settings.maxLength);
        return { ...inspect(example.text), labelIndex };
      });
      for (const text of parsed.outOfScope)
        samples.push({ ...inspect(text), labelIndex: undefined });
      const calibration = fitCalibration(samples, settings.coverageExponent);
      settings.temperature = calibration.temperature;
      if (calibration.floor !== undefined) {
        settings.floor = calibration.floor;
        settings.calibrated = true;
      }
      return {
        temperature: settings.temperature,
        floor: settings.floor,
        calibrated: settings.calibrated,
      };
    },
    inspect,
    toJSON: () => serializeLocalClassifier(settings, model),
  };
}
