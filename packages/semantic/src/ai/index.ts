export {
  createModelClassifier,
  type ModelClassifierOptions,
} from './create-model-classifier';
export {
  type DescribeModelFailureOptions,
  describeModelFailure,
  type ModelCallFailure,
  type ModelCallFailureReason,
} from './describe-model-failure';
export {
  ModelClassificationError,
  type ModelClassificationErrorOptions,
  type ModelFailureReason,
  modelFailureReasons,
} from './model-classification-error';
