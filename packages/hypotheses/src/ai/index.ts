export {
  createModelHypotheses,
  type ModelHypothesesOptions,
  type ModelHypothesesStep,
} from './create-model-hypotheses';
export {
  ModelHypothesesError,
  type ModelHypothesesErrorOptions,
  type ModelHypothesesFailureReason,
  modelHypothesesFailureReasons,
} from './model-hypotheses-error';
