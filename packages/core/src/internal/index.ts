// Plumbing shared by the @guardloop packages: stable enough for them, not the public API.
// Everything here may change in a minor release; hosts import from the root.

export { businessCalendarOptionsSchema } from '../calendar/create-business-calendar';
export { toInputIssues } from '../errors/invalid-input-error';
export { summarizeIssues } from '../errors/summarize-issues';
export { sealEvidence } from '../rails/check-evidence';
export { combineRailResults, type DecisionBase } from '../rails/combine-rail-results';
export { onRailEvaluationAborted, throwIfRailAborted } from '../rails/run-rail';
export {
  evaluateWith,
  type SynchronousEvaluate,
  synchronousEvaluateOf,
} from '../rails/synchronous-evaluate';
export { raceAbort, throwIfAborted } from '../utils/abort';
export { canonicalJson, hashCanonicalJson, sha256 } from '../utils/canonical-json';
export { fingerprintWithin } from '../utils/fingerprint';
export { describeThrown, findJsonProblem, formatPath, maxJsonDepth } from '../utils/json-value';
export {
  abortOptionsSchema,
  abortSignalSchema,
  clockSchema,
  idGeneratorSchema,
  isValidTimeoutMs,
  maxTimeoutMs,
  timeoutMsSchema,
} from '../utils/option-schemas';
export { sampleBeta, sampleGamma } from '../utils/sample-beta';
export { createSeededRandom, shuffle } from '../utils/seeded-random';
export {
  findStorableJsonIssue,
  type JsonIssue,
  type JsonObject,
  type JsonValue,
  type StorableJsonOptions,
} from '../utils/storable-json';
export {
  exceedsUtf8Bytes,
  isStorableText,
  storableTextSchema,
  toStorableString,
  unstorableStringReason,
  unstorableTextReason,
} from '../utils/storable-values';
export {
  createStoreArgumentParser,
  type StoreArgumentParser,
  type StoreArgumentParserOptions,
} from './create-store-argument-parser';
