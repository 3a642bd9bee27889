/** Stable error codes thrown by `@guardloop/core`. Other packages keep their own maps. */
export const coreErrorCodes = {
  invalidInput: 'invalid_input',
  invalidTransition: 'invalid_transition',
  resolutionCriteriaUnmet: 'resolution_criteria_unmet',
  customerConfirmationRequired: 'customer_confirmation_required',
  stepNotProvided: 'step_not_provided',
  invalidRail: 'invalid_rail',
  storeUnavailable: 'store_unavailable',
  loopResumeUnavailable: 'loop_resume_unavailable',
} as const;

export type CoreErrorCode = (typeof coreErrorCodes)[keyof typeof coreErrorCodes];
