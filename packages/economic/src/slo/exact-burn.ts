import { addRatios, decimalRatio, divideRatios, type Ratio, subtractRatios } from '../exact-ratio';

const one: Ratio = { numerator: 1n, denominator: 1n };
const objectives = new Map<number, Ratio>();
const noBurn: Ratio = Object.freeze({ numerator: 0n, denominator: 1n });

/** `1 - objective`, exactly, from the objective as written: 0.999 allows 1/1000. */
export function allowedErrorRatio(objective: number): Ratio {
  let allowed = objectives.get(objective);
  if (!allowed) {
    allowed = subtractRatios(one, decimalRatio(objective));
    if (objectives.size < 1000) objectives.set(objective, allowed);
  }
  return allowed;
}

/**
 * Burn rate of `bad` events out of `good + bad`, exactly: the error ratio over the ratio the
 * objective allows. 0 without events.
 */
export function exactBurnRate({
  good,
  bad,
  objective,
}: {
  good: number;
  bad: number;
  objective: number;
}): Ratio {
  // No bad events (nearly every reading): the burn is exactly zero, without bigint arithmetic.
  if (bad === 0 && Number.isSafeInteger(good)) return noBurn;
  const badEvents = decimalRatio(bad);
  const total = addRatios(decimalRatio(good), badEvents);
  if (total.numerator === 0n) return { numerator: 0n, denominator: 1n };
  return divideRatios(divideRatios(badEvents, total), allowedErrorRatio(objective));
}

const wholeBudget: Ratio = Object.freeze({ numerator: 1n, denominator: 1n });

/** Share of the error budget left once burning at `burn` over the whole SLO window: `1 - burn`. */
export const budgetLeft = (burn: Ratio): Ratio =>
  // Nothing burnt (nearly every reading): the whole budget, without bigint arithmetic.
  burn.numerator === 0n ? wholeBudget : subtractRatios(one, burn);
