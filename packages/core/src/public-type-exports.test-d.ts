import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import {
  type ActionCatalog,
  type ActionDescription,
  type ActionRequest,
  type ActionRequestInput,
  type Actor,
  type ActorInput,
  type ApprovalSubject,
  type actionRequestSchema,
  type actorSchema,
  allow,
  type Clock,
  type Confirmation,
  type ConfirmationInput,
  type ConfirmerType,
  type CoreErrorCode,
  type CreateSignalOptions,
  type CriterionResult,
  type confirmationInputSchema,
  createLoop,
  createManualClock,
  createSequentialIdGenerator,
  createSignal,
  createSignalDeduplicator,
  createTicket,
  createTicketActor,
  createTicketLifecycle,
  type Decision,
  type DeduplicationResult,
  type decisionSchema,
  deny,
  type EvaluateRailsOptions,
  type Evidence,
  escalate,
  evaluateRails,
  evaluateResolutionCriteria,
  type GuardloopError,
  type GuardloopErrorOptions,
  type HandleOptions,
  type Hypothesis,
  type HypothesisInput,
  type hypothesisSchema,
  type IdGenerator,
  type InputIssue,
  type Intent,
  type IntentInput,
  type InvalidInputError,
  type intentSchema,
  type Loop,
  type LoopConfig,
  type LoopEvent,
  type LoopResult,
  type LoopSteps,
  type ManualClock,
  type NeedsHumanApprovalOptions,
  needsHumanApproval,
  type Rail,
  type RailContext,
  type RailEvaluateOptions,
  type RailKind,
  type RailResult,
  type RailVerdict,
  type ResolutionCriterion,
  type railResultSchema,
  type railVerdictSchema,
  randomIdGenerator,
  type SendTicketEventOptions,
  type Signal,
  type SignalDeduplicator,
  type SignalDeduplicatorOptions,
  type SignalInput,
  type StepOptions,
  type StoreUnavailableError,
  sendTicketEvent,
  type signalSchema,
  systemClock,
  type Ticket,
  type TicketActor,
  type TicketEventInput,
  type TicketFields,
  type TicketFieldsInput,
  type TicketInput,
  type TicketLifecycle,
  type TicketLifecycleOptions,
  type TicketStatus,
  type TicketTransition,
  type TransitionOptions,
  type TransitionResult,
  type ticketFieldsSchema,
  type ticketSchema,
  type Verdict,
} from './index';

// Every type a host meets in a public signature can be named from the root: nothing reaches for
// a deep import or `ReturnType<...>` to type a variable, a parameter or a mock.
describe('public type exports of @guardloop/core', () => {
  it('names the types of the schemas', () => {
    expectTypeOf<z.output<typeof signalSchema>>().toEqualTypeOf<Signal>();
    expectTypeOf<z.output<typeof actorSchema>>().toEqualTypeOf<Actor>();
    expectTypeOf<z.input<typeof actorSchema>>().toEqualTypeOf<ActorInput>();
    expectTypeOf<z.output<typeof actionRequestSchema>>().toEqualTypeOf<ActionRequest>();
    expectTypeOf<z.input<typeof actionRequestSchema>>().toEqualTypeOf<ActionRequestInput>();
    expectTypeOf<z.output<typeof decisionSchema>>().toEqualTypeOf<Decision>();
    expectTypeOf<z.output<typeof hypothesisSchema>>().toEqualTypeOf<Hypothesis>();
    expectTypeOf<z.input<typeof hypothesisSchema>>().toEqualTypeOf<HypothesisInput>();
    expectTypeOf<Hypothesis['evidence'][number]>().toEqualTypeOf<Evidence>();
    expectTypeOf<z.output<typeof intentSchema>>().toEqualTypeOf<Intent>();
    expectTypeOf<z.input<typeof intentSchema>>().toEqualTypeOf<IntentInput>();
    expectTypeOf<z.output<typeof railResultSchema>>().toEqualTypeOf<RailResult>();
    expectTypeOf<z.output<typeof railVerdictSchema>>().toEqualTypeOf<RailVerdict>();
    expectTypeOf<RailResult['kind']>().toEqualTypeOf<RailKind>();
    expectTypeOf<Decision['verdict']>().toEqualTypeOf<Verdict>();
    expectTypeOf<z.output<typeof ticketSchema>>().toEqualTypeOf<Ticket>();
    expectTypeOf<z.output<typeof confirmationInputSchema>>().toEqualTypeOf<Confirmation>();
    expectTypeOf<Ticket['status']>().toEqualTypeOf<TicketStatus>();
    expectTypeOf<z.output<typeof ticketFieldsSchema>>().toEqualTypeOf<TicketFields>();
    expectTypeOf<z.input<typeof ticketFieldsSchema>>().toEqualTypeOf<TicketFieldsInput>();
    expectTypeOf<NonNullable<Signal['fields']>>().toEqualTypeOf<TicketFields>();
  });

  it('names the parameters and results of the loop', () => {
    expectTypeOf(createLoop).parameter(0).toEqualTypeOf<LoopConfig>();
    expectTypeOf(createLoop).returns.toEqualTypeOf<Loop>();
    expectTypeOf<LoopConfig['steps']>().toEqualTypeOf<LoopSteps>();
    expectTypeOf<Loop['handle']>().parameter(0).toEqualTypeOf<SignalInput | Signal>();
    expectTypeOf<Loop['handle']>().parameter(1).toEqualTypeOf<HandleOptions>();
    expectTypeOf<Loop['handle']>().returns.resolves.toEqualTypeOf<LoopResult>();
    expectTypeOf<LoopSteps['act']>().parameter(1).toEqualTypeOf<StepOptions>();
    expectTypeOf<NonNullable<LoopConfig['onEvent']>>().parameter(0).toEqualTypeOf<LoopEvent>();
  });

  it('names the parameters and results of the rails', () => {
    expectTypeOf(evaluateRails<RailContext>)
      .parameter(0)
      .toEqualTypeOf<readonly Rail<RailContext>[]>();
    expectTypeOf(evaluateRails<RailContext>)
      .parameter(2)
      .toEqualTypeOf<EvaluateRailsOptions | undefined>();
    expectTypeOf(evaluateRails<RailContext>).returns.resolves.toEqualTypeOf<Decision>();
    expectTypeOf<Rail['evaluate']>().parameter(1).toEqualTypeOf<RailEvaluateOptions>();
    expectTypeOf(allow).returns.toEqualTypeOf<RailVerdict>();
    expectTypeOf(deny).returns.toEqualTypeOf<RailVerdict>();
    expectTypeOf(escalate).returns.toEqualTypeOf<RailVerdict>();
  });

  it('names the parameters and results of the approval decision', () => {
    expectTypeOf(needsHumanApproval).parameter(0).toEqualTypeOf<ApprovalSubject>();
    expectTypeOf(needsHumanApproval)
      .parameter(1)
      .toEqualTypeOf<NeedsHumanApprovalOptions | undefined>();
    expectTypeOf<ReturnType<ActionCatalog['describeAction']>>().toEqualTypeOf<
      ActionDescription | undefined
    >();
  });

  it('names the parameters and results of intake', () => {
    expectTypeOf(createSignal).parameter(1).toEqualTypeOf<CreateSignalOptions | undefined>();
    expectTypeOf(createSignal).returns.toEqualTypeOf<Signal>();
    expectTypeOf(createSignalDeduplicator)
      .parameter(0)
      .toEqualTypeOf<SignalDeduplicatorOptions | undefined>();
    expectTypeOf(createSignalDeduplicator).returns.toEqualTypeOf<SignalDeduplicator>();
    expectTypeOf<ReturnType<SignalDeduplicator['check']>>().toEqualTypeOf<DeduplicationResult>();
  });

  it('names the parameters and results of the ticket lifecycle', () => {
    expectTypeOf(createTicket).parameter(0).toEqualTypeOf<Partial<TicketInput> | undefined>();
    expectTypeOf(createTicket).returns.toEqualTypeOf<Ticket>();
    expectTypeOf(createTicketLifecycle)
      .parameter(0)
      .toEqualTypeOf<TicketLifecycleOptions | undefined>();
    expectTypeOf(createTicketLifecycle).returns.toEqualTypeOf<TicketLifecycle>();
    expectTypeOf<TicketLifecycle['transition']>()
      .parameter(2)
      .toEqualTypeOf<TransitionOptions | undefined>();
    expectTypeOf<
      TicketLifecycle['transition']
    >().returns.resolves.toEqualTypeOf<TransitionResult>();
    expectTypeOf<TicketLifecycle['confirm']>().parameter(1).toEqualTypeOf<ConfirmationInput>();
    expectTypeOf<NonNullable<Ticket['customerConfirmation']>['byType']>().toEqualTypeOf<
      ConfirmerType | undefined
    >();
    expectTypeOf<TransitionResult['transition']>().toEqualTypeOf<TicketTransition>();
    expectTypeOf(evaluateResolutionCriteria)
      .parameter(1)
      .toEqualTypeOf<readonly ResolutionCriterion[]>();
    expectTypeOf(evaluateResolutionCriteria).returns.resolves.toEqualTypeOf<CriterionResult[]>();
    expectTypeOf(createTicketActor).returns.toEqualTypeOf<TicketActor>();
    expectTypeOf(sendTicketEvent).parameter(1).toEqualTypeOf<TicketEventInput>();
    expectTypeOf(sendTicketEvent).parameter(2).toEqualTypeOf<SendTicketEventOptions | undefined>();
  });

  it('names the clock and id generator types', () => {
    expectTypeOf(systemClock).toEqualTypeOf<Clock>();
    expectTypeOf(createManualClock).returns.toEqualTypeOf<ManualClock>();
    expectTypeOf(randomIdGenerator).toEqualTypeOf<IdGenerator>();
    expectTypeOf(createSequentialIdGenerator).returns.toEqualTypeOf<IdGenerator>();
  });

  it('types error codes as literals', () => {
    expectTypeOf<InvalidInputError['code']>().toEqualTypeOf<'invalid_input'>();
    expectTypeOf<StoreUnavailableError['code']>().toEqualTypeOf<'store_unavailable'>();
    expectTypeOf<InvalidInputError['issues'][number]>().toEqualTypeOf<InputIssue>();
    expectTypeOf<InvalidInputError['code']>().toExtend<CoreErrorCode>();
    expectTypeOf<
      ConstructorParameters<typeof GuardloopError>[1]
    >().toEqualTypeOf<GuardloopErrorOptions>();
  });
});
