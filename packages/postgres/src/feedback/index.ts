// A subpath of its own: @guardloop/feedback is an optional peer, so the root entry must not load it.
export {
  createPostgresFeedbackStore,
  type PostgresFeedbackStoreOptions,
} from './postgres-feedback-store';
