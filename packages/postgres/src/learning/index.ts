// A subpath of its own: @guardloop/hypotheses is an optional peer, so the root entry must not load it.
export {
  createPostgresLearningScheduleStore,
  type PostgresLearningScheduleStoreOptions,
} from './postgres-learning-schedule-store';
