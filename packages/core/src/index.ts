// Actions
export {
  type ActionCatalog,
  type ActionDescription,
  actionCatalogSchema,
} from './actions/action-catalog';
export {
  type ApprovalSubject,
  type NeedsHumanApprovalOptions,
  needsHumanApproval,
} from './actions/needs-human-approval';
// Calendars
export {
  type BusinessCalendar,
  type BusinessCalendarOptions,
  createBusinessCalendar,
} from './calendar/create-business-calendar';
// Errors

export { CustomerConfirmationRequiredError } from './errors/customer-confirmation-required-error';
export { type CoreErrorCode, coreErrorCodes } from './errors/error-codes';
export { GuardloopError, type GuardloopErrorOptions } from './errors/guardloop-error';
export { type InputIssue, InvalidInputError } from './errors/invalid-input-error';
export { InvalidRailError } from './errors/invalid-rail-error';
export { InvalidTransitionError } from './errors/invalid-transition-error';
export { LoopResumeUnavailableError } from './errors/loop-resume-unavailable-error';
export { ResolutionCriteriaUnmetError } from './errors/resolution-criteria-unmet-error';
export { StepNotProvidedError } from './errors/step-not-provided-error';
export { StoreUnavailableError } from './errors/store-unavailable-error';
// Intake
export { type CreateSignalOptions, createSignal } from './intake/create-signal';
export {
  createSignalDeduplicator,
  type DeduplicationResult,
  type SignalDeduplicator,
  type SignalDeduplicatorOptions,
} from './intake/signal-deduplicator';
export { createTicket } from './lifecycle/create-ticket';
export {
  type Confirmation,
  type ConfirmationInput,
  confirmationInputSchema,
} from './lifecycle/customer-confirmation';
export {
  type CriterionResult,
  evaluateResolutionCriteria,
  type ResolutionCriterion,
} from './lifecycle/resolution-criteria';
export {
  createTicketLifecycle,
  type TicketLifecycle,
  type TicketLifecycleOptions,
  type TransitionOptions,
  type TransitionResult,
} from './lifecycle/ticket-lifecycle';
export {
  createTicketActor,
  type SendTicketEventOptions,
  sendTicketEvent,
  type TicketActor,
  type TicketEventInput,
  type TicketMachineEvent,
  ticketEventInputSchema,
  ticketMachine,
} from './lifecycle/ticket-machine';
// Ticket lifecycle
export {
  allowedTransitions,
  canTransition,
  findTransition,
  type TicketEventType,
  type TicketTransition,
  ticketTransitions,
} from './lifecycle/ticket-transitions';
export {
  type Awaitable,
  createLoop,
  type HandleOptions,
  type Loop,
  type LoopConfig,
  type LoopResult,
  type LoopSteps,
  type ResumeOptions,
  type StepOptions,
} from './loop/create-loop';
export {
  type HumanDecidedEvent,
  type HumanDecision,
  humanDecisionKinds,
  humanDecisionSchema,
} from './loop/human-decision';
export type {
  LoopEscalationInput,
  LoopEscalationItem,
  LoopEscalationSink,
} from './loop/loop-escalation-sink';
// Loop
export { type LoopContext, type LoopMachineInput, loopMachine } from './loop/loop-machine';
export type { DecideInput, EscalateStepInput } from './loop/loop-states';
export type {
  Escalation,
  LoopEvent,
  LoopEventBase,
  LoopEventType,
  LoopStatus,
  LoopStepInput,
  LoopStepName,
} from './loop/loop-types';
export { type EvaluateRailsOptions, evaluateRails } from './rails/evaluate-rails';
// Rails
export {
  allow,
  deny,
  escalate,
  type Rail,
  type RailContext,
  type RailEvaluateOptions,
} from './rails/rail';
export { validateRails } from './rails/validate-rails';
export {
  type ActionRequest,
  type ActionRequestInput,
  actionRequestSchema,
} from './schemas/action-request';
// Domain model
export { type Actor, type ActorInput, actorSchema } from './schemas/actor';
export { type Decision, decisionSchema } from './schemas/decision';
export {
  type Evidence,
  evidenceSchema,
  type Hypothesis,
  type HypothesisInput,
  hypothesisSchema,
} from './schemas/hypothesis';
export { type Intent, type IntentInput, intentSchema } from './schemas/intent';
export {
  type RailKind,
  type RailResult,
  type RailVerdict,
  railKindSchema,
  railResultSchema,
  railVerdictSchema,
  type Verdict,
  verdictSchema,
} from './schemas/rail-verdict';
export {
  type Signal,
  type SignalInput,
  signalInputSchema,
  signalSchema,
} from './schemas/signal';
export {
  type ConfirmerType,
  confirmerTypeSchema,
  type Ticket,
  type TicketInput,
  type TicketStatus,
  ticketSchema,
  ticketStatusSchema,
  ticketTransitionRecordSchema,
} from './schemas/ticket';
export {
  type TicketFields,
  type TicketFieldsInput,
  ticketFieldsSchema,
} from './schemas/ticket-fields';
// Utilities
export { type Clock, createManualClock, type ManualClock, systemClock } from './utils/clock';
export { fingerprint } from './utils/fingerprint';
export {
  createSequentialIdGenerator,
  type IdGenerator,
  randomIdGenerator,
} from './utils/id-generator';
export { parseInput } from './utils/parse-input';
