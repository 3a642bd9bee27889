/** Standard normal CDF (Abramowitz & Stegun 7.1.26; absolute error below 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/**
 * Upper end of the Wilson score interval for a proportion: a cautious estimate of the true rate
 * from `successes` out of `trials`. `z` 1.645 is a one-sided 95% bound.
 */
export function wilsonUpperBound(successes: number, trials: number, z = 1.645): number {
  if (trials === 0) return 1;
  const p = successes / trials;
  const z2 = z * z;
  const centre = p + z2 / (2 * trials);
  const margin = z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return Math.min(1, (centre + margin) / (1 + z2 / trials));
}

/** Two-sided p-value of the pooled two-proportion z-test; undefined when either side is empty. */
export function twoProportionPValue(
  successesA: number,
  trialsA: number,
  successesB: number,
  trialsB: number,
): number | undefined {
  if (trialsA === 0 || trialsB === 0) return undefined;
  const pooled = (successesA + successesB) / (trialsA + trialsB);
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / trialsA + 1 / trialsB));
  if (standardError === 0) return 1;
  const z = (successesB / trialsB - successesA / trialsA) / standardError;
  return 2 * (1 - normalCdf(Math.abs(z)));
}
