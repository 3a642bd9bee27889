export {
  type CreateHelpdeskClassifierOptions,
  createHelpdeskClassifier,
} from './create-helpdesk-classifier';
export { type HelpdeskIntent, helpdeskIntents } from './helpdesk-intents';
export {
  type HelpdeskDataset,
  type LoadHelpdeskDatasetOptions,
  loadHelpdeskDataset,
} from './load-helpdesk-dataset';
