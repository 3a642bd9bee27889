import { allow, deny, escalate, type Rail } from '@guardloop/core';
import { takeForVerdict } from '../dropped-verdict';
import { parseCostContext } from './cost-input';
import type { CostCharge, CostLine } from './cost-line';
import type { CostMeter } from './cost-meter';

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
 * carries the charge: give it back with `meter.refund`. Called directly, the rail adds no listener
 * to the caller's signal: its later abort gives nothing back.
 */
export function costBudgetRail({
  meter,
  name = 'cost-budget',
  onExceeded = 'escalate',
  onRefundError = () => {},
}: CostBudgetRailOptions): Rail {
  return {
    name,
    kind: 'economic',
    async evaluate(input, options) {
      const context = parseCostContext(input, `${name} rail context`);
      const cost = context.action?.cost;
      if (!cost || (cost.tokens === 0 && cost.usd === 0)) {
        return allow('No cost declared for this decision: nothing to charge.');
      }
      const charge = await takeForVerdict({
        railOptions: options,
        take: (takeSignal) => meter.charge(context, { abortSignal: takeSignal }),
        applied: (taken) => taken.applied,
        giveBack: (taken) => meter.refund(taken),
        onGiveBackError: onRefundError,
      });
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
    },
  };
}
