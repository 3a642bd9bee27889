/** Stable error codes thrown by `@guardloop/economic`. Match on these, not on messages. */
export const economicErrorCodes = {
  invalidSlo: 'invalid_slo',
  invalidBudget: 'invalid_budget',
  invalidWindow: 'invalid_window',
  invalidRateLimit: 'invalid_rate_limit',
} as const;

export type EconomicErrorCode = (typeof economicErrorCodes)[keyof typeof economicErrorCodes];
