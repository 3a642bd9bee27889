import type { Rail, RailContext } from '@guardloop/core';
import type * as internal from '@guardloop/economic/internal';
import type * as contract from '@guardloop/economic/test';
import { describe, expectTypeOf, it } from 'vitest';
import type * as economic from './index';
import type {
  AutonomyDial,
  AutonomyDialOptions,
  AutonomyLevel,
  AutonomyReading,
  BurnRateAlertInput,
  ConditionalIncrementResult,
  CostBudget,
  CostBudgetInput,
  CostBudgetRailOptions,
  CostCharge,
  CostLine,
  CostMeter,
  CostMeterOptions,
  CounterBucket,
  CounterPruner,
  CounterPrunerOptions,
  CounterStore,
  CounterStoreCallOptions,
  CounterWindowLimit,
  CounterWriteOptions,
  MemoryCounterStore,
  RateLimit,
  RateLimitInput,
  RateLimitRailOptions,
  Slo,
  SloCallOptions,
  SloEventInput,
  SloInput,
  SloRailOptions,
  SloStatus,
  SloTracker,
  SloTrackerOptions,
  WindowInput,
} from './index';

type Root = typeof economic;
type Internal = typeof internal;

// Every type in a public signature can be named from the root (no deep import needed).
describe('public type exports', () => {
  it('names the options and results of every factory', () => {
    expectTypeOf<Root['costBudgetRail']>().parameter(0).toEqualTypeOf<CostBudgetRailOptions>();
    expectTypeOf<Root['costBudgetRail']>().returns.toEqualTypeOf<Rail>();
    expectTypeOf<Root['createCostMeter']>().parameter(0).toEqualTypeOf<CostMeterOptions>();
    expectTypeOf<Root['createCostMeter']>().returns.toEqualTypeOf<CostMeter>();
    expectTypeOf<Root['defineCostBudget']>().parameter(0).toEqualTypeOf<CostBudgetInput>();
    expectTypeOf<Root['defineCostBudget']>().returns.toEqualTypeOf<CostBudget>();
    expectTypeOf<Root['createCounterPruner']>().parameter(0).toEqualTypeOf<CounterPrunerOptions>();
    expectTypeOf<Root['createCounterPruner']>().returns.toEqualTypeOf<CounterPruner>();
    expectTypeOf<Root['createMemoryCounterStore']>().returns.toEqualTypeOf<MemoryCounterStore>();
    expectTypeOf<Root['defineRateLimit']>().parameter(0).toEqualTypeOf<RateLimitInput>();
    expectTypeOf<Root['defineRateLimit']>().returns.toEqualTypeOf<RateLimit>();
    expectTypeOf<Root['rateLimitRail']>().parameter(0).toEqualTypeOf<RateLimitRailOptions>();
    expectTypeOf<Root['defineSlo']>().parameter(0).toEqualTypeOf<SloInput>();
    expectTypeOf<Root['defineSlo']>().returns.toEqualTypeOf<Slo>();
    expectTypeOf<Root['sloRail']>().parameter(0).toEqualTypeOf<SloRailOptions>();
    expectTypeOf<Root['createSloTracker']>().parameter(0).toEqualTypeOf<SloTrackerOptions>();
    expectTypeOf<Root['createSloTracker']>().returns.toEqualTypeOf<SloTracker>();
    expectTypeOf<Root['createAutonomyDial']>().parameter(0).toEqualTypeOf<AutonomyDialOptions>();
    expectTypeOf<Root['createAutonomyDial']>().returns.toEqualTypeOf<AutonomyDial>();
    expectTypeOf<Root['defaultBurnRateAlerts']>().toEqualTypeOf<readonly BurnRateAlertInput[]>();
  });

  it('names what the store, meter, tracker and dial take and give', () => {
    expectTypeOf<CounterStore['buckets']>().returns.resolves.toEqualTypeOf<CounterBucket[]>();
    expectTypeOf<CounterStore['incrementIfWithin']>()
      .parameter(3)
      .toEqualTypeOf<CounterWindowLimit>();
    expectTypeOf<
      CounterStore['incrementIfWithin']
    >().returns.resolves.toEqualTypeOf<ConditionalIncrementResult>();
    expectTypeOf<Parameters<CounterStore['prune']>[1]>().toEqualTypeOf<
      CounterStoreCallOptions | undefined
    >();
    expectTypeOf<Parameters<CounterStore['pruneExpired']>[1]>().toEqualTypeOf<
      CounterStoreCallOptions | undefined
    >();
    expectTypeOf<Parameters<CounterStore['increment']>[3]>().toEqualTypeOf<
      CounterWriteOptions | undefined
    >();
    expectTypeOf<Parameters<CounterStore['incrementIfWithin']>[4]>().toEqualTypeOf<
      CounterWriteOptions | undefined
    >();
    expectTypeOf<CostMeter['charge']>().parameters.toEqualTypeOf<
      [RailContext, (CounterStoreCallOptions | undefined)?]
    >();
    expectTypeOf<CostMeter['charge']>().returns.resolves.toEqualTypeOf<CostCharge>();
    expectTypeOf<CostMeter['usage']>().returns.resolves.toEqualTypeOf<CostLine[]>();
    expectTypeOf<SloTracker['record']>().parameter(1).toEqualTypeOf<SloEventInput>();
    expectTypeOf<SloTracker['status']>().parameter(1).toEqualTypeOf<SloCallOptions | undefined>();
    expectTypeOf<SloTracker['status']>().returns.resolves.toEqualTypeOf<SloStatus>();
    expectTypeOf<AutonomyDial['read']>().returns.resolves.toEqualTypeOf<AutonomyReading>();
    expectTypeOf<AutonomyReading['level']>().toEqualTypeOf<AutonomyLevel>();
    expectTypeOf<CostBudgetInput['period']>().toEqualTypeOf<WindowInput | undefined>();
  });

  it('keeps the plumbing of stores and windows on ./internal, off the root', () => {
    // The store argument validator is public: a store written outside this repo calls it too.
    expectTypeOf<Root>().toHaveProperty('parseCounterStoreArguments');
    expectTypeOf<Internal>().not.toHaveProperty('parseCounterStoreArguments');
    expectTypeOf<Root>().not.toHaveProperty('counterStoreArgumentSchemas');
    expectTypeOf<Internal>().toHaveProperty('counterStoreArgumentSchemas');
    expectTypeOf<Root>().not.toHaveProperty('counterOverflowError');
    expectTypeOf<Internal>().toHaveProperty('counterOverflowError');
    expectTypeOf<Root>().not.toHaveProperty('isWithinCounterRange');
    expectTypeOf<Internal>().toHaveProperty('isWithinCounterRange');
    expectTypeOf<Root>().not.toHaveProperty('scopeOf');
    expectTypeOf<Internal>().toHaveProperty('scopeOf');
    expectTypeOf<Root>().not.toHaveProperty('bucketStartOf');
    expectTypeOf<Internal>().toHaveProperty('bucketStartOf');
    expectTypeOf<Root>().not.toHaveProperty('trailingRange');
    expectTypeOf<Internal>().toHaveProperty('trailingRange');
    expectTypeOf<Root>().not.toHaveProperty('periodRange');
    expectTypeOf<Internal>().toHaveProperty('periodRange');
    expectTypeOf<Root>().not.toHaveProperty('bucketMsForWindow');
    expectTypeOf<Internal>().toHaveProperty('bucketMsForWindow');
    expectTypeOf<Root>().not.toHaveProperty('sloBucketSizesMs');
    expectTypeOf<Internal>().toHaveProperty('sloBucketSizesMs');
    expectTypeOf<Root>().not.toHaveProperty('parseWindow');
    expectTypeOf<Internal>().toHaveProperty('parseWindow');
    expectTypeOf<Root>().not.toHaveProperty('formatWindow');
    expectTypeOf<Internal>().toHaveProperty('formatWindow');
    expectTypeOf<Root>().not.toHaveProperty('burnRate');
    expectTypeOf<Internal>().toHaveProperty('burnRate');
    expectTypeOf<Root>().not.toHaveProperty('burnRateForBudgetConsumed');
    expectTypeOf<Internal>().toHaveProperty('burnRateForBudgetConsumed');
    expectTypeOf<Root>().not.toHaveProperty('budgetConsumedByBurn');
    expectTypeOf<Internal>().toHaveProperty('budgetConsumedByBurn');
    expectTypeOf<Root>().toHaveProperty('maxCounterAmount');
    expectTypeOf<Root>().toHaveProperty('maxCounterKeyBytes');
  });

  it('takes one options object in the contract suite', () => {
    expectTypeOf<typeof contract.runCounterStoreContract>()
      .parameter(0)
      .toEqualTypeOf<contract.CounterStoreContractOptions>();
    expectTypeOf<contract.CounterStoreContractOptions['createStore']>().returns.toEqualTypeOf<
      CounterStore | Promise<CounterStore>
    >();
  });
});
