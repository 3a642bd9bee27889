/** Stable error codes thrown by `@guardloop/intake`. Match on these, never on messages. */
export const intakeErrorCodes = {
  // email (helper intake-email)
  // fields: taxonomy, priority, form, webhooks, csat (helper intake-fields)
  // sla (helper intake-sla)
} as const;

export type IntakeErrorCode = (typeof intakeErrorCodes)[keyof typeof intakeErrorCodes];
