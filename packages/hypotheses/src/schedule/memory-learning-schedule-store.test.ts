import { runLearningScheduleStoreContract } from '../test';
import { createMemoryLearningScheduleStore } from './memory-learning-schedule-store';

runLearningScheduleStoreContract({
  name: 'memory',
  createStore: () => createMemoryLearningScheduleStore(),
});
