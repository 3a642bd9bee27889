export {
  createModelClassifier,
  type ModelClassifierOptions,
} from './create-model-classifier';
export { ModelClassificationError } from './model-classification-error';
