import { type Clock, type RailContext, systemClock, throwIfAborted } from '@guardloop/core';
import type { CounterStore, CounterStoreCallOptions } from '../counter-store';
import { InvalidBudgetError } from '../errors/invalid-budget-error';
import {
  type CostCharge,
  type CostLine,
  costLines,
  fromCounterUnits,
  toCounterUnits,
} from './cost-line';
import { type CostBudget, type CostBudgetInput, defineCostBudget } from './define-cost-budget';

export interface CostMeter {
  readonly budgets: readonly CostBudget[];
  /** Charges the action's declared cost to every budget it falls under, all or nothing. */
  charge(context: RailContext, options?: CounterStoreCallOptions): Promise<CostCharge>;
  /** Gives back an applied charge, e.g. when the decision was denied by another rail. */
  refund(charge: CostCharge, options?: CounterStoreCallOptions): Promise<void>;
  /** What the decision's scopes have spent in the current period, without charging. */
  usage(context: RailContext, options?: CounterStoreCallOptions): Promise<CostLine[]>;
}

export interface CostMeterOptions {
  store: CounterStore;
  budgets: readonly CostBudgetInput[];
  clock?: Clock;
  keyPrefix?: string;
}

/**
 * Token and money budgets per scope and period, charged atomically through
 * `CounterStore.incrementIfWithin` so that several processes sharing a store never overspend.
 * Throws `InvalidBudgetError` / `InvalidWindowError` for bad budgets and duplicate names.
 */
export function createCostMeter({
  store,
  budgets: inputs,
  clock = systemClock,
  keyPrefix = '',
}: CostMeterOptions): CostMeter {
  const budgets = inputs.map(defineCostBudget);
  const names = budgets.map((budget) => budget.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) {
    throw new InvalidBudgetError({
      budget: duplicate,
      issues: [{ path: 'name', message: 'is used by two budgets' }],
    });
  }

  const slots = (context: RailContext) =>
    costLines(budgets, context, { now: clock.now(), keyPrefix });

  return {
    budgets,
    async charge(context, options = {}) {
      throwIfAborted(options.abortSignal);
      const applied: CostLine[] = [];
      // All or nothing: on a refusal or an error, take back what this decision already charged.
      // The compensation ignores the abort signal: it must finish to leave the counters right.
      const rollback = () =>
        Promise.all(
          applied.map((done) =>
            store.increment(done.key, done.periodStart, -toCounterUnits(done, done.cost)),
          ),
        );
      try {
        for (const slot of slots(context)) {
          // Nothing to spend in this dimension: no write, and no refusal of a free action.
          if (slot.cost === 0) continue;
          const result = await store.incrementIfWithin(
            slot.key,
            slot.periodStart,
            toCounterUnits(slot, slot.cost),
            { from: slot.periodStart, to: slot.periodEnd, limit: toCounterUnits(slot, slot.limit) },
            options,
          );
          slot.used = fromCounterUnits(slot, result.total);
          if (!result.applied) {
            await rollback();
            return { applied: false, lines: [], exceeded: slot };
          }
          applied.push(slot);
        }
      } catch (error) {
        await rollback();
        throw error;
      }
      return { applied: true, lines: applied, exceeded: undefined };
    },
    async refund(charge, options = {}) {
      throwIfAborted(options.abortSignal);
      if (!charge.applied) return;
      await Promise.all(
        charge.lines.map((charged) =>
          store.increment(
            charged.key,
            charged.periodStart,
            -toCounterUnits(charged, charged.cost),
            options,
          ),
        ),
      );
    },
    async usage(context, options = {}) {
      throwIfAborted(options.abortSignal);
      return Promise.all(
        slots(context).map(async (slot) => {
          const total = await store.sum(slot.key, slot.periodStart, slot.periodEnd, options);
          return { ...slot, used: fromCounterUnits(slot, total) };
        }),
      );
    },
  };
}
