import type { z } from 'zod';
import type { LinearModel } from './linear-model';
import {
  type LocalClassifierJson,
  localClassifierFormat,
  type localClassifierJsonSchema,
} from './local-classifier-json';
import type { LocalClassifierSettings } from './local-classifier-settings';

/** Settings and weights as plain JSON data (weights rounded to 6 significant digits). */
export function serializeLocalClassifier(
  settings: LocalClassifierSettings,
  model: LinearModel,
): LocalClassifierJson {
  const rows: number[][] = [];
  for (const [bucket, weights] of model.weights) {
    const documents = model.documentFrequency.get(bucket) ?? 0;
    if (documents === 0) continue;
    rows.push([bucket, documents, ...Array.from(weights, round)]);
  }
  rows.sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
  const json: z.input<typeof localClassifierJsonSchema> = {
    format: localClassifierFormat,
    version: 1,
    settings: structuredClone(settings),
    documents: model.documents,
    bias: Array.from(model.bias, round),
    rows,
  };
  return json as LocalClassifierJson;
}

/** Rebuilds the model from validated JSON. */
export function restoreModel(json: LocalClassifierJson): LinearModel {
  const labelCount = json.settings.labels.length;
  const model: LinearModel = {
    labelCount,
    weights: new Map(),
    bias: Float64Array.from(json.bias),
    documentFrequency: new Map(),
    documents: json.documents,
  };
  for (const [bucket = 0, documents = 0, ...weights] of json.rows) {
    model.weights.set(bucket, Float64Array.from(weights));
    model.documentFrequency.set(bucket, documents);
  }
  return model;
}

function round(value: number): number {
  return Number(value.toPrecision(6));
}
