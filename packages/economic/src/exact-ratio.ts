/**
 * An exact fraction. Budgets and burn rates are decided on these, not on floating point:
 * `1 - 0.99` is 0.010000000000000009 in doubles, which put 99 good / 1 bad events just inside
 * a 99% objective instead of exactly at it.
 */
export interface Ratio {
  readonly numerator: bigint;
  /** Always positive. */
  readonly denominator: bigint;
}

const decimal = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/;

/**
 * The number as the decimal it is written as (its shortest round-trip form), exactly:
 * `0.99` is 99/100, `1e-7` is 1/10^7, `3` is 3/1. This is what a person writing `0.999`
 * means, where the double nearest to it is a little off.
 */
export function decimalRatio(value: number): Ratio {
  // Event counts, the common case, are integers: skip the string.
  if (Number.isSafeInteger(value)) return { numerator: BigInt(value), denominator: 1n };
  const match = decimal.exec(String(value));
  if (!match) throw new RangeError(`Not a finite number: ${value}.`);
  const [, sign = '', whole = '0', fraction = '', exponent = '0'] = match;
  let numerator = BigInt(whole + fraction);
  let denominator = 10n ** BigInt(fraction.length);
  const power = Number(exponent);
  if (power >= 0) numerator *= 10n ** BigInt(power);
  else denominator *= 10n ** BigInt(-power);
  return { numerator: sign ? -numerator : numerator, denominator };
}

export const ratio = (numerator: bigint, denominator: bigint): Ratio =>
  denominator < 0n
    ? { numerator: -numerator, denominator: -denominator }
    : { numerator, denominator };

export const multiplyRatios = (left: Ratio, right: Ratio): Ratio =>
  ratio(left.numerator * right.numerator, left.denominator * right.denominator);

export const divideRatios = (left: Ratio, right: Ratio): Ratio =>
  ratio(left.numerator * right.denominator, left.denominator * right.numerator);

export const addRatios = (left: Ratio, right: Ratio): Ratio =>
  ratio(
    left.numerator * right.denominator + right.numerator * left.denominator,
    left.denominator * right.denominator,
  );

export const subtractRatios = (left: Ratio, right: Ratio): Ratio =>
  addRatios(left, { numerator: -right.numerator, denominator: right.denominator });

/** -1, 0 or 1 as `left` is below, equal to or above `right`. */
export function compareRatios(left: Ratio, right: Ratio): -1 | 0 | 1 {
  // A zero (no burn, the common reading) has the opposite sign of the other side: denominators
  // are positive. No bigint products for it.
  if (left.numerator === 0n) return right.numerator > 0n ? -1 : right.numerator < 0n ? 1 : 0;
  const difference = left.numerator * right.denominator - right.numerator * left.denominator;
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

const exactLimit = BigInt(Number.MAX_SAFE_INTEGER);
const bitLength = (value: bigint) => (value < 0n ? -value : value).toString(2).length;

/** The nearest double, for reports (`1` for 9 bad in 10 against 0.9, not 1.0000000000000002). */
export function ratioToNumber({ numerator, denominator }: Ratio): number {
  const magnitude = numerator < 0n ? -numerator : numerator;
  // Both exact as doubles: one IEEE division rounds correctly.
  if (magnitude <= exactLimit && denominator <= exactLimit) {
    return Number(numerator) / Number(denominator);
  }
  // Otherwise keep 64 significant bits of the quotient: far more than a double holds.
  const shift = 64 - (bitLength(numerator) - bitLength(denominator));
  const scaled =
    shift >= 0
      ? (numerator << BigInt(shift)) / denominator
      : numerator / (denominator << BigInt(-shift));
  return Number(scaled) * 2 ** -shift;
}
