export {
  createModelClassifier,
  type ModelClassifierOptions,
} from './create-model-classifier';
export {
  ModelClassificationError,
  type ModelClassificationErrorOptions,
  type ModelFailureReason,
  modelFailureReasons,
} from './model-classification-error';
export {
  type DescribeModelFailureOptions,
  describeModelFailure,
  type ModelCallFailure,
  type ModelCallFailureReason,
} from './describe-model-failure';
