// Errors

export { CustomerConfirmationRequiredError } from './errors/customer-confirmation-required-error';
export { type CoreErrorCode, coreErrorCodes } from './errors/error-codes';
export { GuardloopError, type GuardloopErrorOptions } from './errors/guardloop-error';
export { type InputIssue, InvalidInputError, toInputIssues } from './errors/invalid-input-error';
export { InvalidRailError } from './errors/invalid-rail-error';
export { InvalidTransitionError } from './errors/invalid-transition-error';
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
  createLoop,
  type HandleOptions,
  type Loop,
  type LoopConfig,
  type LoopResult,
  type LoopSteps,
  type StepOptions,
} from './loop/create-loop';
export type { LoopEscalationInput, LoopEscalationSink } from './loop/loop-escalation-sink';
// Loop
export { type LoopContext, type LoopMachineInput, loopMachine } from './loop/loop-machine';
export type {
  Escalation,
  LoopEvent,
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
export { type Outcome, type OutcomeInput, outcomeKinds, outcomeSchema } from './schemas/outcome';
export {
  type RailKind,
  type RailResult,
  type RailVerdict,
  railKindSchema,
  railKinds,
  railResultSchema,
  railStatuses,
  railVerdictSchema,
  type Verdict,
  verdictSchema,
  verdicts,
} from './schemas/rail-verdict';
export {
  type Signal,
  type SignalInput,
  signalInputSchema,
  signalKinds,
  signalSchema,
} from './schemas/signal';
export {
  type ConfirmerType,
  confirmerTypeSchema,
  confirmerTypes,
  type Ticket,
  type TicketInput,
  type TicketStatus,
  ticketSchema,
  ticketStatuses,
  ticketStatusSchema,
  ticketTransitionRecordSchema,
} from './schemas/ticket';
export { raceAbort, throwIfAborted } from './utils/abort';
// Utilities
export { type Clock, createManualClock, type ManualClock, systemClock } from './utils/clock';
export { fingerprint } from './utils/fingerprint';
export {
  createSequentialIdGenerator,
  type IdGenerator,
  randomIdGenerator,
} from './utils/id-generator';
export { maxJsonDepth } from './utils/json-value';
export { maxTimeoutMs } from './utils/option-schemas';
export { parseInput } from './utils/parse-input';
