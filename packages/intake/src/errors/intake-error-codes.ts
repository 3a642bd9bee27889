/** Stable error codes thrown by `@guardloop/intake`. Match on these, never on messages. */
export const intakeErrorCodes = {
  // email (helper intake-email)
  emailTooLarge: 'email_too_large',
  malformedEmail: 'malformed_email',
  // fields: taxonomy, priority, form, webhooks, csat (helper intake-fields)
  invalidTaxonomy: 'invalid_taxonomy',
  unknownClassifierLabels: 'unknown_classifier_labels',
  invalidPriorityConfig: 'invalid_priority_config',
  invalidWebhookPayload: 'invalid_webhook_payload',
  unsupportedWebhookEvent: 'unsupported_webhook_event',
  ticketTraceNotFound: 'ticket_trace_not_found',
  // sla (helper intake-sla)
  invalidSlaPolicy: 'invalid_sla_policy',
  invalidSlaEvent: 'invalid_sla_event',
  malformedTicketSlaState: 'malformed_ticket_sla_state',
} as const;

export type IntakeErrorCode = (typeof intakeErrorCodes)[keyof typeof intakeErrorCodes];
