// Errors

// Cost budgets and rate limits
export {
  type CostBudgetRailOptions,
  costBudgetRail,
} from './budget/cost-budget-rail';
export type {
  CostCharge,
  CostDimension,
  CostLine,
} from './budget/cost-line';
export {
  type CostMeter,
  type CostMeterOptions,
  createCostMeter,
} from './budget/cost-meter';
export {
  type CostBudget,
  type CostBudgetInput,
  defineCostBudget,
} from './budget/define-cost-budget';
// Counters
export {
  type CounterPruner,
  type CounterPrunerOptions,
  createCounterPruner,
} from './counter-pruner';
export type {
  ConditionalIncrementResult,
  CounterBucket,
  CounterStore,
  CounterStoreCallOptions,
  CounterWindowLimit,
  CounterWriteOptions,
} from './counter-store';
// One validator per store method, called by every CounterStore (a store written outside this
// repo too), like feedback's and undo-log's.
export {
  type CounterStoreArguments,
  type CounterStoreMethod,
  maxCounterAmount,
  maxCounterKeyBytes,
  parseCounterStoreArguments,
} from './counter-store-arguments';
export { EconomicConfigurationError } from './errors/economic-configuration-error';
export { type EconomicErrorCode, economicErrorCodes } from './errors/economic-error-codes';
export { InvalidBudgetError } from './errors/invalid-budget-error';
export { InvalidRateLimitError } from './errors/invalid-rate-limit-error';
export { InvalidSloError } from './errors/invalid-slo-error';
export { InvalidWindowError } from './errors/invalid-window-error';
export { createMemoryCounterStore, type MemoryCounterStore } from './memory-counter-store';
export {
  defineRateLimit,
  type RateLimit,
  type RateLimitInput,
} from './rate-limit/define-rate-limit';
export {
  type RateLimitRailOptions,
  type RateLimitSlot,
  rateLimitRail,
} from './rate-limit/rate-limit-rail';
export { type ScopeDimension, scopeDimensions } from './scope';
// SLOs and the autonomy dial
export {
  type AutonomyChange,
  type AutonomyDial,
  type AutonomyDialOptions,
  type AutonomyReading,
  createAutonomyDial,
} from './slo/autonomy-dial';
export {
  type AutonomyLevel,
  autonomyLevels,
  isAutonomyAtOrBelow,
  lowerAutonomy,
} from './slo/autonomy-level';
export { type BurnRateAlertInput, defaultBurnRateAlerts } from './slo/burn-rate';
export type { BurnRateAlert } from './slo/burn-rate-alert';
export { defineSlo, isSlo, type Slo, type SloInput } from './slo/define-slo';
export { type SloRailOptions, sloRail } from './slo/slo-rail';
export type { SloAlertStatus, SloStatus, SloWindowReading } from './slo/slo-status';
export {
  createSloTracker,
  type SloCallOptions,
  type SloEventInput,
  type SloTracker,
  type SloTrackerOptions,
} from './slo/slo-tracker';
// Windows
export type { WindowInput, WindowUnit } from './window/window';
