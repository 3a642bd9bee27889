// Brand safety
export {
  type BrandSafetyFinding,
  type CheckBrandSafetyOptions,
  checkBrandSafety,
  createBrandSafetyCheck,
} from './brand-safety/check-brand-safety';
export { detectProfanity, type ProfanityMatch } from './brand-safety/detect-profanity';
export {
  defaultUnsafeContentPatterns,
  type UnsafeContentPattern,
} from './brand-safety/unsafe-content-pattern';
// Cascade
export {
  type CascadeClassifier,
  type CascadeClassifierOptions,
  type CascadeStats,
  createCascadeClassifier,
} from './cascade/create-cascade-classifier';
// Classifier contract
export type { Classification, Classifier, ClassifyOptions } from './classifier/classifier';
export { defaultMaxTextLength, validateText } from './classifier/validate-text';
// Errors
export { EmptyTextError } from './errors/empty-text-error';
export { type SemanticErrorCode, semanticErrorCodes } from './errors/semantic-error-codes';
export { TextTooLongError } from './errors/text-too-long-error';
export { UnknownLabelError } from './errors/unknown-label-error';
// Local classifier
export {
  type CreateLocalClassifierOptions,
  createLocalClassifier,
} from './local/create-local-classifier';
export type { FeatureOptions, FeatureOptionsInput } from './local/feature-options';
export { loadLocalClassifier } from './local/load-local-classifier';
export type {
  CalibrateOptions,
  CalibrationResult,
  LocalClassifier,
  LocalInspection,
} from './local/local-classifier';
export {
  type LocalClassifierJson,
  type LocalClassifierJsonV1,
  localClassifierFormat,
  localClassifierJsonSchema,
  localClassifierJsonV1Schema,
  localClassifierRowEncoding,
  storedLocalClassifierSchema,
} from './local/local-classifier-json';
export {
  type LocalClassifierSettings,
  type LocalClassifierSettingsInput,
  localClassifierSettingsSchema,
  type TrainingOptions,
  trainingOptionsSchema,
} from './local/local-classifier-settings';
export {
  type TrainLocalClassifierOptions,
  trainLocalClassifier,
} from './local/train-local-classifier';
export { type TrainingExample, trainingExampleSchema } from './local/training-example';
// PII
export { type DetectPiiOptions, defaultMaxPiiTextLength, detectPii } from './pii/detect-pii';
export { type PiiFinding, type PiiKind, piiKinds } from './pii/pii-kinds';
export { type RedactPiiOptions, redactPii } from './pii/redact-pii';
// Quality
export {
  type EvaluateClassifierOptions,
  evaluateClassifier,
  type QualityReport,
} from './quality/evaluate-classifier';
// Rails
export { type BrandSafetyRailOptions, brandSafetyRail } from './rails/brand-safety-rail';
export { type IntentRailOptions, intentRail } from './rails/intent-rail';
export { type PiiRailOptions, piiRail } from './rails/pii-rail';
export {
  selectAllText,
  selectDraftText,
  selectSignalText,
  type TextSelector,
} from './rails/select-text';
export { selectOutgoingValue, selectPiiValue, type ValueSelector } from './rails/select-value';
export type { ValueScanOptions } from './rails/value-scan';
// Loop steps
export {
  createIntentStep,
  type IntentStep,
  type IntentStepOptions,
} from './step/create-intent-step';
