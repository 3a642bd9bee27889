import {
  allow,
  deny,
  escalate,
  type Rail,
  type RailContext,
  type RailEvaluateOptions,
  type RailVerdict,
} from '@guardloop/core';
import { evaluateWith, throwIfRailAborted } from '@guardloop/core/internal';
import { type Holding, holdForVerdict, takeForVerdict } from '../dropped-verdict';
import { parseCostContext } from './cost-input';
import type { CostCharge, CostLine } from './cost-line';
import { type CostMeter, chargeAtOnce } from './cost-meter';

export interface CostBudgetRailOptions {
  meter: CostMeter;
  /** Default `'cost-budget'`. */
  name?: string;
  /** What a decision that would exceed a budget gets. Default `'escalate'`: a human may approve the spend. */
  onExceeded?: 'escalate' | 'deny';
  /**
   * Told when giving back the charge of a dropped verdict failed (the counter keeps it). What it
   * throws is ignored.
   */
  onRefundError?: (error: unknown, charge: CostCharge) => void;
}

const amount = (line: CostLine, value: number) =>
  line.dimension === 'usd' ? `$${value.toFixed(2)}` : `${value} tokens`;
const period = (line: CostLine) =>
  `${new Date(line.periodStart).toISOString()} to ${new Date(line.periodEnd).toISOString()}`;

/**
 * Charges each decision's declared `action.cost` (tokens and USD) to its budgets and lets it
 * through while they hold. A decision that would exceed a budget escalates or is denied, and is
 * not charged; a negative, NaN or infinite cost rejects with `InvalidInputError` (the engine
 * escalates it). The charge is made when the rail runs and held through `takeForVerdict`: when
 * the engine drops the rail's verdict (its signal aborts because another rail denied first, the
 * caller gave up, or the rail timed out) the rail gives the charge back itself. When another
 * rail denies after this one answered, the verdict is not dropped and the decision's evidence
 * carries the charge: give it back with `meter.refund` (rails that answer at once answer
 * together: a deny among them drops this verdict and gives the charge back). Called directly, the rail adds no listener
 * to the caller's signal: its later abort gives nothing back. On the in-memory counters the charge
 * and the verdict come at once (under the engine: no promise).
 */
export function costBudgetRail({
  meter,
  name = 'cost-budget',
  onExceeded = 'escalate',
  onRefundError = () => {},
}: CostBudgetRailOptions): Rail {
  const verdictOf = (charge: CostCharge): RailVerdict => {
    const { exceeded } = charge;
    if (exceeded) {
      const reason = `Cost budget '${exceeded.budget}' would be exceeded for ${exceeded.scope}: ${amount(exceeded, exceeded.used)} already spent + ${amount(exceeded, exceeded.cost)} > ${amount(exceeded, exceeded.limit)} limit (period ${period(exceeded)}).`;
      return onExceeded === 'deny' ? deny(reason, charge) : escalate(reason, charge);
    }
    if (charge.lines.length === 0) return allow('No cost budget applies to this decision.');
    const spent = charge.lines
      .map(
        (line) =>
          `'${line.budget}' ${amount(line, line.used)} of ${amount(line, line.limit)} for ${line.scope}`,
      )
      .join('; ');
    return allow(`Within cost budgets: ${spent}.`, charge);
  };
  const holding: Holding<CostCharge, undefined> = {
    applied: (taken) => taken.applied,
    giveBack: (taken: CostCharge) => meter.refund(taken),
    onGiveBackError: onRefundError,
  };
  const chargeLater = async (context: RailContext, options: RailEvaluateOptions) =>
    verdictOf(
      await takeForVerdict({
        railOptions: options,
        take: (takeSignal) => meter.charge(context, { abortSignal: takeSignal }),
        ...holding,
      }),
    );
  return {
    name,
    kind: 'economic',
    // A meter on the in-memory counters is charged at once: the verdict comes without a promise
    // (the charge is still given back if the engine drops the verdict, e.g. behind a wrapper).
    evaluate: evaluateWith((input, options) => {
      const context = parseCostContext(input, `${name} rail context`);
      const cost = context.action?.cost;
      if (!cost || (cost.tokens === 0 && cost.usd === 0)) {
        return allow('No cost declared for this decision: nothing to charge.');
      }
      throwIfRailAborted(options);
      const charged = chargeAtOnce(meter, context);
      if (charged === undefined) return chargeLater(context, options);
      return verdictOf(holdForVerdict(options, charged, holding, undefined));
    }),
  };
}
