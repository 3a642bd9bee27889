export {
  type LearningScheduleStoreContractOptions,
  runLearningScheduleStoreContract,
} from './learning-schedule-store-contract';
