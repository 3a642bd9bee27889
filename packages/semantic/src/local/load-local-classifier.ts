import { parseInput } from '@guardloop/core';
import { buildLocalClassifier } from './build-local-classifier';
import type { LocalClassifier } from './local-classifier';
import { localClassifierJsonSchema } from './local-classifier-json';
import { restoreModel } from './serialize-local-classifier';

/**
 * Restores a classifier saved with `toJSON()` (a parsed object or a JSON string).
 * @throws InvalidInputError (`invalid_input`) when the data is not valid JSON or does not
 * match the classifier format (wrong version, row lengths, buckets out of range...).
 */
export function loadLocalClassifier<Label extends string = string>(
  json: unknown,
): LocalClassifier<Label> {
  const data = parseInput(localClassifierJsonSchema, parseString(json), 'local classifier JSON');
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
