import { parseInput } from '@guardloop/core';
import { buildLocalClassifier } from './build-local-classifier';
import type { LocalClassifier } from './local-classifier';
import { storedLocalClassifierSchema } from './local-classifier-json';
import { restoreModel } from './serialize-local-classifier';

/**
 * Restores a classifier saved with `toJSON()` (a parsed object or a JSON string), in the
 * compact version 2 format or the version 1 format of earlier releases (which loads as
 * `calibrated: false`, since version 1 did not record it; re-save it after calibrating).
 * @throws InvalidInputError (`invalid_input`) when the data is not valid JSON or does not
 * match the classifier format (unknown version, bad base64, truncated rows, buckets or labels
 * out of range, weights that are not finite...).
 */
export function loadLocalClassifier<Label extends string = string>(
  json: unknown,
): LocalClassifier<Label> {
  const data = parseInput(storedLocalClassifierSchema, parseString(json), 'local classifier JSON');
  return buildLocalClassifier<Label>(structuredClone(data.settings), restoreModel(data));
}

function parseString(json: unknown): unknown {
  if (typeof json !== 'string') return json;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    // Let the schema report it: a string is not a classifier object.
    return json;
  }
}
