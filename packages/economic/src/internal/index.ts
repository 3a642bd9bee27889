// Plumbing for the packages that implement economic's contracts (the PostgreSQL counter store):
// stable enough for them, not the public API. Everything here may change in a minor release;
// hosts import from the root.

export {
  counterOverflowError,
  counterStoreArgumentSchemas,
  isWithinCounterRange,
  parseRetainMs,
} from '../counter-store-arguments';
export { type Scope, scopeOf } from '../scope';
export {
  budgetConsumedByBurn,
  burnRate,
  burnRateForBudgetConsumed,
} from '../slo/burn-rate';
export { bucketMsForWindow, sloBucketSizesMs } from '../slo/slo-resolution';
export {
  type BucketRange,
  bucketStartOf,
  periodRange,
  trailingRange,
} from '../window/bucket-range';
export { formatWindow, parseWindow } from '../window/window';
