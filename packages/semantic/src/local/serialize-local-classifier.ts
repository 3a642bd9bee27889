import { InvalidInputError } from '@guardloop/core';
import { ByteFormatError, ByteReader, ByteWriter } from './byte-codec';
import type { LinearModel } from './linear-model';
import {
  type LocalClassifierJson,
  type LocalClassifierJsonV1,
  localClassifierFormat,
  localClassifierRowEncoding,
} from './local-classifier-json';
import type { LocalClassifierSettings } from './local-classifier-settings';

/**
 * Settings and weights in the compact version 2 format (see `localClassifierJsonSchema`):
 * sparse float32 rows without the weights below `settings.pruneBelow`. Of a 150-intent model
 * about a fifth of the weights remain; the rest are tiny pulls away from labels a feature
 * never occurs with.
 */
export function serializeLocalClassifier(
  settings: LocalClassifierSettings,
  model: LinearModel,
): LocalClassifierJson {
  const buckets = [...model.weights.keys()]
    .filter((bucket) => (model.documentFrequency.get(bucket) ?? 0) > 0)
    .sort((a, b) => a - b);
  const writer = new ByteWriter();
  const kept: number[] = [];
  let previousBucket = 0;
  for (const bucket of buckets) {
    const row = model.weights.get(bucket) ?? new Float64Array();
    kept.length = 0;
    for (let label = 0; label < row.length; label++) {
      if (Math.abs(row[label] ?? 0) >= settings.pruneBelow && row[label] !== 0) kept.push(label);
    }
    writer.varint(bucket - previousBucket);
    writer.varint(model.documentFrequency.get(bucket) ?? 0);
    writer.varint(kept.length);
    let previousLabel = 0;
    for (const label of kept) {
      writer.varint(label - previousLabel);
      writer.float32(row[label] ?? 0);
      previousLabel = label;
    }
    previousBucket = bucket;
  }
  return {
    format: localClassifierFormat,
    version: 2,
    settings: structuredClone(settings),
    documents: model.documents,
    bias: Array.from(model.bias, (value) => Math.fround(value)),
    encoding: localClassifierRowEncoding,
    rowCount: buckets.length,
    rows: writer.toBase64(),
  };
}

/**
 * Rebuilds the model from schema-validated JSON of either version.
 * @throws InvalidInputError (`invalid_input`) when version 2 rows do not decode: truncated,
 * a bucket or label out of range, a weight that is not finite, bytes left over.
 */
export function restoreModel(json: LocalClassifierJson | LocalClassifierJsonV1): LinearModel {
  const labelCount = json.settings.labels.length;
  const model: LinearModel = {
    labelCount,
    weights: new Map(),
    bias: Float64Array.from(json.bias),
    documentFrequency: new Map(),
    documents: json.documents,
  };
  if (json.version === 1) {
    for (const [bucket = 0, documents = 0, ...weights] of json.rows) {
      model.weights.set(bucket, Float64Array.from(weights));
      model.documentFrequency.set(bucket, documents);
    }
    return model;
  }
  try {
    decodeRows(json, model);
  } catch (error) {
    if (!(error instanceof ByteFormatError)) throw error;
    throw new InvalidInputError({
      subject: 'local classifier JSON',
      issues: [{ path: 'rows', message: error.message }],
      cause: error,
    });
  }
  return model;
}

function decodeRows(json: LocalClassifierJson, model: LinearModel): void {
  const reader = ByteReader.fromBase64(json.rows);
  const bucketCount = json.settings.features.buckets;
  let bucket = 0;
  for (let index = 0; index < json.rowCount; index++) {
    const delta = reader.varint();
    if (index > 0 && delta === 0) throw new ByteFormatError(`row ${index}: repeated bucket`);
    bucket += delta;
    const documents = reader.varint();
    const count = reader.varint();
    if (bucket >= bucketCount) throw new ByteFormatError(`row ${index}: bucket out of range`);
    if (documents < 1) throw new ByteFormatError(`row ${index}: document frequency below 1`);
    if (count > model.labelCount) throw new ByteFormatError(`row ${index}: too many weights`);
    const row = new Float64Array(model.labelCount);
    let label = 0;
    for (let weight = 0; weight < count; weight++) {
      const labelDelta = reader.varint();
      if (weight > 0 && labelDelta === 0) throw new ByteFormatError(`row ${index}: repeated label`);
      label += labelDelta;
      const value = reader.float32();
      if (label >= model.labelCount || !Number.isFinite(value)) {
        throw new ByteFormatError(`row ${index}: label out of range or weight not finite`);
      }
      row[label] = value;
    }
    model.weights.set(bucket, row);
    model.documentFrequency.set(bucket, documents);
  }
  if (!reader.done) throw new ByteFormatError('bytes left after the last row');
}
