import { type Clock, InvalidInputError, type RailContext, systemClock } from '@guardloop/core';
import { throwIfAborted } from '@guardloop/core/internal';
import type {
  ConditionalIncrementResult,
  CounterStore,
  CounterStoreCallOptions,
} from '../counter-store';
import { maxCounterAmount } from '../counter-store-arguments';
import { InvalidBudgetError } from '../errors/invalid-budget-error';
import { type SynchronousCounters, synchronousCountersOf } from '../synchronous-counters';
import { parseCostCharge, parseCostContext } from './cost-input';
import {
  type CostCharge,
  type CostLine,
  costLines,
  costToCounterUnits,
  fromCounterUnits,
  toCounterUnits,
} from './cost-line';
import { type CostBudget, type CostBudgetInput, defineCostBudget } from './define-cost-budget';

export interface CostMeter {
  readonly budgets: readonly CostBudget[];
  /**
   * Charges the action's declared cost to every budget it falls under, all or nothing. Rejects
   * with `InvalidInputError` (`invalid_input`) for a negative, NaN or infinite cost. When it
   * rejects (an abort included) nothing stays charged, unless taking back what it had charged
   * failed: it then rejects with that failure. When it resolves, its lines are charged.
   */
  charge(context: RailContext, options?: CounterStoreCallOptions): Promise<CostCharge>;
  /**
   * Gives back an applied charge, e.g. when the decision was denied by another rail. The signal
   * is checked before it starts only. Giving back the same charge object twice gives once.
   */
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
  // Lines already given back, so that a repeated or retried refund never gives twice.
  const refunded = new WeakSet<CostLine>();
  // A period's counter is read during the period only; one more period of retention covers
  // clocks a little apart and refunds that land just after the period ended.
  const retainMs = (line: CostLine) => 2 * (line.periodEnd - line.periodStart);
  const giveBack = (line: CostLine) =>
    store.increment(line.key, line.periodStart, -costToCounterUnits(line, line.cost), {
      retainMs: retainMs(line),
    });

  // The lines a decision is charged, checked before anything is written.
  const linesToCharge = (input: RailContext): CostLine[] => {
    const context = parseCostContext(input, 'cost meter decision');
    const lines = slots(context).filter((line) => line.cost > 0);
    for (const line of lines) {
      if (costToCounterUnits(line, line.cost) > maxCounterAmount) {
        throw new InvalidInputError({
          subject: 'cost meter decision',
          issues: [
            {
              path: `action.cost.${line.dimension}`,
              message: `is more than a counter can hold (${fromCounterUnits(line, maxCounterAmount)})`,
            },
          ],
        });
      }
    }
    return lines;
  };
  const windowOf = (slot: CostLine) => ({
    from: slot.periodStart,
    to: slot.periodEnd,
    // A limit too large for counter units (1e303 USD) is no limit, not an error.
    limit: Math.min(toCounterUnits(slot, slot.limit), Number.MAX_VALUE),
  });
  /** Records a line's write; false when it was refused. */
  const wrote = (slot: CostLine, result: ConditionalIncrementResult) => {
    slot.used = fromCounterUnits(slot, result.total);
    return result.applied;
  };

  // A store that answers at once is charged at once, all or nothing as below: nothing can come
  // in between its writes, nor abort them.
  const chargeNow = (counters: SynchronousCounters, input: RailContext): CostCharge => {
    const lines = linesToCharge(input);
    const applied: CostLine[] = [];
    const rollback = () => {
      for (const line of applied) {
        counters.increment(line.key, line.periodStart, -costToCounterUnits(line, line.cost), {
          retainMs: retainMs(line),
        });
      }
    };
    try {
      for (const slot of lines) {
        const result = counters.incrementIfWithin(
          slot.key,
          slot.periodStart,
          costToCounterUnits(slot, slot.cost),
          windowOf(slot),
          { retainMs: retainMs(slot) },
        );
        if (!wrote(slot, result)) {
          rollback();
          return { applied: false, lines: [], exceeded: slot };
        }
        applied.push(slot);
      }
    } catch (error) {
      rollback();
      throw error;
    }
    return { applied: true, lines: applied, exceeded: undefined };
  };

  const meter: CostMeter = {
    budgets,
    async charge(input, options = {}) {
      const { abortSignal } = options;
      const lines = linesToCharge(input);
      throwIfAborted(abortSignal);
      const applied: CostLine[] = [];
      // All or nothing: on a refusal, an error or an abort, take back what this decision already
      // charged. The store rejects an aborted write only when it did not apply, so `applied` is
      // exactly what is on the counters. The compensation ignores the abort signal: it must
      // finish to leave the counters right.
      const rollback = () => Promise.all(applied.map(giveBack));
      try {
        for (const slot of lines) {
          const result = await store.incrementIfWithin(
            slot.key,
            slot.periodStart,
            costToCounterUnits(slot, slot.cost),
            windowOf(slot),
            { ...options, retainMs: retainMs(slot) },
          );
          if (!wrote(slot, result)) {
            await rollback();
            return { applied: false, lines: [], exceeded: slot };
          }
          applied.push(slot);
        }
        // Aborted while the last write was on its way: the caller has given up on this charge.
        throwIfAborted(abortSignal);
      } catch (error) {
        await rollback();
        throw error;
      }
      return { applied: true, lines: applied, exceeded: undefined };
    },
    async refund(input, options = {}) {
      const charge = parseCostCharge(input, 'cost meter refund');
      throwIfAborted(options.abortSignal);
      if (!charge.applied) return;
      // Once started a refund runs to its end (a half-refunded charge would be worse), and
      // lines refunded by an earlier call are skipped: retrying after a failure is safe.
      const results = await Promise.allSettled(
        charge.lines
          .filter((line) => !refunded.has(line))
          .map(async (line) => {
            refunded.add(line);
            try {
              await giveBack(line);
            } catch (error) {
              refunded.delete(line);
              throw error;
            }
          }),
      );
      const failure = results.find((result) => result.status === 'rejected');
      if (failure) throw failure.reason;
    },
    async usage(input, options = {}) {
      const context = parseCostContext(input, 'cost meter decision');
      throwIfAborted(options.abortSignal);
      return Promise.all(
        slots(context).map(async (slot) => {
          const total = await store.sum(slot.key, slot.periodStart, slot.periodEnd, options);
          return { ...slot, used: fromCounterUnits(slot, total) };
        }),
      );
    },
  };
  synchronousCharges.set(meter, {
    charge: meter.charge,
    now: (context) => {
      const counters = synchronousCountersOf(store);
      return counters ? chargeNow(counters, context) : undefined;
    },
  });
  return meter;
}

// What `chargeAtOnce` answers from, per meter made by `createCostMeter`.
const synchronousCharges = new WeakMap<
  CostMeter,
  { charge: CostMeter['charge']; now: (context: RailContext) => CostCharge | undefined }
>();

/**
 * Charges at once when the meter's store answers at once (`synchronousCountersOf`): the charge,
 * or undefined when the meter must be charged through `charge` (a host's store or meter, or a
 * meter whose `charge` was replaced). Throws what `charge` rejects with.
 */
export function chargeAtOnce(meter: CostMeter, context: RailContext): CostCharge | undefined {
  const entry = synchronousCharges.get(meter);
  if (entry === undefined || meter.charge !== entry.charge) return undefined;
  return entry.now(context);
}
