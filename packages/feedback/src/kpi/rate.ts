export interface Rate {
  /** `numerator / denominator`, or null when nothing was counted. */
  value: number | null;
  numerator: number;
  denominator: number;
}

export const rate = (numerator: number, denominator: number): Rate => ({
  value: denominator > 0 ? numerator / denominator : null,
  numerator,
  denominator,
});
