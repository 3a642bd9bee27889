// Public root of @guardloop/intake: email, form and webhook intake, taxonomy, priority, ticket SLA, CSAT.

export {
  type CsatHandler,
  type CsatHandlerOptions,
  type CsatResponse,
  type CsatResult,
  type CsatTraceResolver,
  createCsatHandler,
  csatResponseSchema,
} from './csat/create-csat-handler';

export {
  createEmailIntake,
  type EmailIntake,
  type EmailIntakeOptions,
} from './email/create-email-intake';
export type {
  EmailIntakeCallOptions,
  EmailIntakeFeedbackRecorder,
  EmailIntakeTickets,
  EmailReopenedOutcome,
} from './email/email-intake-dependencies';
export type {
  EmailIntakeResult,
  EmailIntakeResultKind,
  EmailRejectionReason,
} from './email/email-intake-result';
export {
  type EmailThread,
  type EmailThreadCallOptions,
  type EmailThreadLink,
  type EmailThreadStore,
  emailThreadSchema,
  parseEmailThreadStoreArguments,
} from './email/email-thread-store';
export {
  createMemoryEmailThreadStore,
  type MemoryEmailThreadStoreOptions,
} from './email/memory-email-thread-store';
export {
  defaultMaxEmailBytes,
  type ParseEmailOptions,
  parseEmail,
  type RawEmail,
} from './email/parse-email';
export {
  type EmailAddress,
  type EmailAttachment,
  type EmailWarning,
  emailWarningCodes,
  type ParsedEmail,
  parsedEmailSchema,
} from './email/parsed-email';
export { EmailTooLargeError } from './errors/email-too-large-error';
export { type IntakeErrorCode, intakeErrorCodes } from './errors/intake-error-codes';
export { InvalidPriorityConfigError } from './errors/invalid-priority-config-error';
export { InvalidSlaEventError } from './errors/invalid-sla-event-error';
export { InvalidSlaPolicyError } from './errors/invalid-sla-policy-error';
export { InvalidTaxonomyError } from './errors/invalid-taxonomy-error';
export { InvalidWebhookPayloadError } from './errors/invalid-webhook-payload-error';
export { MalformedEmailError, type MalformedEmailReason } from './errors/malformed-email-error';
export { MalformedTicketSlaStateError } from './errors/malformed-ticket-sla-state-error';
export { TicketTraceNotFoundError } from './errors/ticket-trace-not-found-error';
export { UnknownClassifierLabelsError } from './errors/unknown-classifier-labels-error';
export { UnsupportedWebhookEventError } from './errors/unsupported-webhook-event-error';
export {
  type HandleSupportFormOptions,
  handleSupportForm,
  type SupportFormResult,
} from './form/handle-support-form';
export {
  type SupportForm,
  type SupportFormAttachment,
  type SupportFormInput,
  supportFormSchema,
} from './form/support-form-schema';
export {
  createPriorityScorer,
  type PriorityFactor,
  type PriorityScore,
  type PriorityScorer,
} from './priority/create-priority-scorer';
export type { PriorityConfig, PriorityInput } from './priority/priority-config';
export {
  createTicketSlaMonitor,
  type TicketSlaCallOptions,
  type TicketSlaMonitor,
  type TicketSlaMonitorOptions,
} from './sla/create-ticket-sla-monitor';
export {
  createTicketSlaTracker,
  type TicketSlaTracker,
  type TicketSlaTrackerOptions,
} from './sla/create-ticket-sla-tracker';
export { type EvaluateTicketSlaOptions, evaluateTicketSla } from './sla/evaluate-ticket-sla';
export { createMemoryTicketSlaStore } from './sla/memory-ticket-sla-store';
export {
  type RecordTicketSlaOutcomesOptions,
  recordTicketSlaOutcomes,
  type TicketSlaOutcomeRecord,
} from './sla/record-ticket-sla-outcomes';
export type { SlaAlertKind } from './sla/sla-alerts';
export {
  defineSlaPolicies,
  type SlaFields,
  type SlaMetric,
  type SlaPolicies,
  type SlaPolicy,
  type SlaPolicyInput,
  type SlaTargets,
  slaMetrics,
} from './sla/sla-policies';
export {
  type TicketSlaEvent,
  type TicketSlaEventInput,
  type TicketSlaHistory,
  ticketSlaEventSchema,
} from './sla/ticket-sla-event';
export { type SlaClock, type TicketSlaState, ticketSlaStateSchema } from './sla/ticket-sla-state';
export type {
  AcknowledgeTicketSlaDelivery,
  ClaimDueTicketSlas,
  ClaimPendingTicketSlaDeliveries,
  LiveTicketSla,
  MarkTicketSlaEmitted,
  PendingTicketSlaDelivery,
  ReleaseTicketSla,
  RetryTicketSlaDelivery,
  SaveTicketSla,
  TicketSlaDeliveryLease,
  TicketSlaStore,
  TicketSlaStoreCallOptions,
} from './sla/ticket-sla-store';
export { parseTicketSlaStoreArguments } from './sla/ticket-sla-store-arguments';
export type {
  SlaMetricResult,
  SlaMetricStatus,
  TicketSlaEvaluation,
} from './sla/view-ticket-sla';
export type { TaxonomyValue } from './taxonomy/build-taxonomy-index';
export {
  type CheckClassifierLabelsOptions,
  type ClassifierLabelCheck,
  checkClassifierLabels,
} from './taxonomy/check-classifier-labels';
export {
  defineTaxonomy,
  type Taxonomy,
  type UnknownValueCount,
  type UnknownValueReport,
} from './taxonomy/define-taxonomy';
export type {
  TaxonomyCategory,
  TaxonomyDefinition,
  TaxonomyEntry,
  TaxonomyField,
} from './taxonomy/taxonomy-definition';
export type {
  HelpDeskVendor,
  HelpDeskWebhookResult,
} from './webhooks/help-desk-webhook-result';
export { type FreshdeskWebhook, mapFreshdeskWebhook } from './webhooks/map-freshdesk-webhook';
export {
  mapZendeskTicketEvent,
  type ZendeskTicketEvent,
  zendeskEventVersions,
} from './webhooks/map-zendesk-ticket-event';
export type { HelpDeskWebhookOptions } from './webhooks/webhook-options';
