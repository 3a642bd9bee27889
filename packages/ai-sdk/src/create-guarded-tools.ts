import {
  type ActionRequest,
  actorSchema,
  type Decision,
  evaluateRails,
  GuardloopError,
  InvalidInputError,
  parseInput,
  type Rail,
  randomIdGenerator,
  systemClock,
  validateRails,
} from '@guardloop/core';
import { timeoutMsSchema } from '@guardloop/core/internal';
import type { AnyActionDefinition } from '@guardloop/undo-log';
import { asSchema, jsonSchema, type ModelMessage, type Tool, tool } from 'ai';
import { z } from 'zod';
import type { ApprovalBinding } from './approval/approval-binding';
import { hashToolInput } from './approval/hash-tool-input';
import { createBoundedMap } from './bounded-map';
import { ToolCallDeniedError } from './errors/tool-call-denied-error';
import { ToolCallEscalatedError } from './errors/tool-call-escalated-error';
import type { GuardedToolDefinition } from './guarded-tool-definition';
import type {
  GuardedToolSet,
  GuardedTools,
  GuardedToolsOptions,
  ToolCallLike,
} from './guarded-tools-options';
import {
  escalateCall,
  type InboxCall,
  type InboxOutcome,
  inboxReason,
  requireInboxApproval,
} from './inbox/inbox-approval';
import { mergeDecisions } from './merge-decisions';
import { humanReason, needsHuman, requireApproval } from './require-approval';
import { toActionRequest } from './to-action-request';
import { toolActionCatalog } from './tool-action-catalog';

const defaultMaxCachedDecisions = 1000;

const behaviourSchema = z.object({
  verifyApproval: z.function().optional(),
  unsafeTrustClientApprovals: z.boolean().optional(),
  maxCachedDecisions: z.number().int().positive().optional(),
  // Past 2^31 - 1 ms timers fire at once: every call would then fail inside evaluateRails.
  railTimeoutMs: timeoutMsSchema.int().optional(),
  traceId: z.string().min(1).optional(),
  inbox: z
    .custom<object>(
      (value) =>
        typeof (value as { escalate?: unknown } | null)?.escalate === 'function' &&
        typeof (value as { get?: unknown }).get === 'function',
      'Expected an Inbox (createInbox from @guardloop/inbox)',
    )
    .optional(),
});

/**
 * Wraps undo-log actions as AI SDK tools whose every call passes the rails and runs through the
 * undo log (idempotency key: trace id + tool call id). Escalations surface as tool approvals,
 * which count only once verified on the server and only for the exact input approved; with an
 * `inbox`, they become inbox items and count only when the inbox holds their approval.
 * Economic rails (budgets, rate limits) run once per call, when it runs.
 * @throws InvalidInputError / InvalidRailError for malformed options
 */
export function createGuardedTools<Definitions extends Record<string, GuardedToolDefinition>>(
  options: GuardedToolsOptions<Definitions>,
): GuardedToolSet<Definitions> {
  const { tools: definitions, undoLog, rails = [], clock = systemClock } = options ?? {};
  const actor = parseInput(actorSchema, options?.actor, 'actor');
  validateRails(rails);
  const behaviour = parseInput(behaviourSchema, options, 'guarded tools options');
  const invalid = (path: string, message: string) =>
    new InvalidInputError({ subject: 'guarded tools options', issues: [{ path, message }] });
  const { inbox } = options;
  // The inbox is the only judge of approvals: a client-written one never counts with it.
  if (inbox && behaviour.unsafeTrustClientApprovals === true) {
    throw invalid(
      'unsafeTrustClientApprovals',
      'With an inbox, only approvals the inbox holds count: drop unsafeTrustClientApprovals',
    );
  }
  if (
    typeof undoLog?.run !== 'function' ||
    typeof undoLog.listTrace !== 'function' ||
    typeof undoLog.undoTrace !== 'function'
  ) {
    throw invalid('undoLog', 'Expected an UndoLog');
  }
  const entries = Object.entries(definitions ?? {});
  for (const [name, definition] of entries) {
    if (
      typeof definition?.action?.do !== 'function' ||
      typeof definition.action.name !== 'string'
    ) {
      throw invalid(`tools.${name}.action`, 'Expected an action from defineAction()');
    }
  }
  // The tools' action definitions decide which calls are irreversible, whatever a rail sees.
  const actions = toolActionCatalog(entries.map(([, definition]) => definition.action));
  const traceId = behaviour.traceId ?? randomIdGenerator();
  // Providers number tool calls per conversation (`call-1`...): scope the key to this trace.
  const idempotencyKeyOf = (toolCallId: string) => `${traceId}:${toolCallId}`;
  // Counting rails charge when they run: judge with them only when the call runs, once.
  const checkRails = rails.filter((rail) => rail.kind !== 'economic');
  const countingRails = rails.filter((rail) => rail.kind === 'economic');
  const maxEntries = behaviour.maxCachedDecisions ?? defaultMaxCachedDecisions;
  // toolApproval's decisions, for execute in the same process: keyed by call AND input.
  const decisions = createBoundedMap<Decision>(maxEntries);
  // The call each approval id was used for: one human answer approves one call, not a replay.
  const spent = createBoundedMap<ApprovalBinding>(maxEntries);
  // What this process asked a human to approve, per tool call: the first request stands.
  const requested = createBoundedMap<ApprovalBinding>(maxEntries);
  const definitionOf = (name: string): GuardedToolDefinition | undefined =>
    Object.hasOwn(definitions ?? {}, name) ? definitions[name] : undefined;

  // What the action will run on: the undo log parses the raw input once, so the rails, the
  // approval binding and `willRun` must see that same parse (transforms applied once).
  const parsedInputOf = (name: string, definition: GuardedToolDefinition, input: unknown) =>
    parseInput(definition.action.input, input, `input of tool '${name}'`);

  const bindingOf = (
    name: string,
    definition: GuardedToolDefinition,
    toolCallId: string,
    parsedInput: unknown,
  ): ApprovalBinding => ({
    traceId,
    toolCallId,
    toolName: name,
    actionName: definition.action.name,
    actorId: actor.id,
    // Equal to the undo log record's `inputHash`; refuses (typed) what no store could keep.
    inputHash: hashToolInput(parsedInput),
  });

  const judge = (
    railsToRun: readonly Rail[],
    name: string,
    toolCallId: string,
    action: ActionRequest,
    abortSignal?: AbortSignal,
  ) =>
    evaluateRails(
      railsToRun,
      { traceId, actor, action, attributes: { ...options.attributes, toolName: name, toolCallId } },
      {
        clock,
        ...(behaviour.railTimeoutMs ? { timeoutMs: behaviour.railTimeoutMs } : {}),
        ...(abortSignal ? { abortSignal } : {}),
      },
    );

  // Under a taken key the undo log replays, refuses (conflict, in progress) or re-runs a failed
  // call: only the last one runs, so only it and a fresh key are charged.
  const willRun = async (
    idempotencyKey: string,
    binding: ApprovalBinding,
    // The inbox runs an approved action under its escalation's trace.
    otherTraceId?: string,
  ) => {
    const traces = otherTraceId ? [traceId, otherTraceId] : [traceId];
    const records = (await Promise.all(traces.map((id) => undoLog.listTrace(id)))).flat();
    const existing = records.find((record) => record.idempotencyKey === idempotencyKey);
    if (!existing) return true;
    return (
      existing.status === 'failed' &&
      // An interrupted run waits for a person: the undo log refuses to run it again.
      existing.error?.code !== 'interrupted' &&
      existing.actionName === binding.actionName &&
      existing.inputHash === binding.inputHash
    );
  };

  const inboxCallOf = (
    name: string,
    definition: GuardedToolDefinition,
    request: ActionRequest,
    parsedInput: unknown,
    decision: Decision,
    binding: ApprovalBinding,
    abortSignal: AbortSignal | undefined,
  ): InboxCall | undefined =>
    inbox
      ? {
          inbox,
          toolName: name,
          action: definition.action,
          request,
          parsedInput,
          decision,
          binding,
          actor,
          escalationTraceId: idempotencyKeyOf(binding.toolCallId),
          abortSignal,
        }
      : undefined;

  const report = (name: string, toolCallId: string, action: ActionRequest, decision: Decision) =>
    options.onDecision?.({ traceId, toolCallId, toolName: name, action, decision });

  const execute =
    (name: string, definition: GuardedToolDefinition) =>
    async (
      input: unknown,
      {
        toolCallId,
        abortSignal,
        messages,
      }: { toolCallId: string; abortSignal?: AbortSignal; messages: ModelMessage[] },
    ) => {
      const idempotencyKey = idempotencyKeyOf(toolCallId);
      const parsed = parsedInputOf(name, definition, input);
      const binding = bindingOf(name, definition, toolCallId, parsed);
      const action = toActionRequest(name, definition, parsed, idempotencyKey);
      const cacheKey = `${toolCallId}\u0000${binding.inputHash}`;
      const cached = decisions.take(cacheKey);
      const checked = cached ?? (await judge(checkRails, name, toolCallId, action, abortSignal));
      if (!cached) report(name, toolCallId, action, checked);
      if (checked.verdict === 'deny') {
        throw new ToolCallDeniedError({ toolName: name, decision: checked });
      }
      // The approval comes before the counting rails: a call that never runs is never charged.
      const human = needsHuman(definition.action, checked, actions);
      const inboxCall = human
        ? inboxCallOf(name, definition, action, parsed, checked, binding, abortSignal)
        : undefined;
      let fromInbox: Extract<InboxOutcome, { kind: 'run' }> | undefined;
      if (inboxCall) {
        const outcome = await requireInboxApproval({
          ...inboxCall,
          messages,
          verifyApproval: options.verifyApproval,
        });
        requested.delete(toolCallId);
        // The inbox already ran it on approve: its result, never a second run.
        if (outcome.kind === 'recorded') return outcome.result;
        fromInbox = outcome;
      }
      const runKey = fromInbox?.idempotencyKey ?? idempotencyKey;
      const approval = fromInbox
        ? fromInbox.approval
        : human
          ? await requireApproval({
              toolName: name,
              input: parsed,
              action: definition.action,
              decision: checked,
              messages,
              idempotencyKey,
              clock,
              binding,
              requested: requested.get(toolCallId),
              spent,
              verifyApproval: options.verifyApproval,
              unsafeTrustClientApprovals: behaviour.unsafeTrustClientApprovals === true,
              abortSignal,
            })
          : undefined;
      requested.delete(toolCallId);
      if (
        countingRails.length > 0 &&
        (await willRun(runKey, binding, fromInbox?.escalationTraceId))
      ) {
        const counted = await judge(countingRails, name, toolCallId, action, abortSignal);
        const decision = mergeDecisions(checked, counted);
        report(name, toolCallId, action, decision);
        if (counted.verdict === 'deny') throw new ToolCallDeniedError({ toolName: name, decision });
        // The human approved the call before this limit was reached: they did not approve this.
        if (counted.verdict === 'escalate') {
          throw new ToolCallEscalatedError({ toolName: name, reason: counted.reason, decision });
        }
      }
      // The raw input: the undo log parses it (once) itself.
      const result = await undoLog.run(definition.action as AnyActionDefinition, input, {
        idempotencyKey: runKey,
        traceId,
        actor,
        ...(approval ? { approval } : {}),
        ...(abortSignal ? { abortSignal } : {}),
      });
      return result.status === 'dry_run' ? result.plan : result.result;
    };

  const tools = Object.fromEntries(
    entries.map(([name, definition]) => [
      name,
      tool({
        ...(definition.description ? { description: definition.description } : {}),
        inputSchema: validateOnly(definition.action),
        execute: execute(name, definition),
      } as Tool<unknown, unknown>),
    ]),
  ) as GuardedTools<Definitions>;

  const toolCallOf = (toolCall: ToolCallLike) => {
    const definition = definitionOf(toolCall?.toolName);
    if (!definition || typeof toolCall.toolCallId !== 'string' || toolCall.toolCallId === '') {
      throw new InvalidInputError({
        subject: 'tool call',
        issues: [{ path: '', message: 'Expected a call of a guarded tool with a toolCallId' }],
      });
    }
    return { ...toolCall, definition };
  };

  return {
    tools,
    traceId,
    async toolApproval(request) {
      const toolCall = request?.toolCall;
      const definition = definitionOf(toolCall?.toolName);
      if (!definition || typeof toolCall.toolCallId !== 'string') return 'not-applicable';
      const { toolName: name, toolCallId, input } = toolCall;
      let action: ActionRequest;
      let binding: ApprovalBinding;
      let parsed: unknown;
      try {
        parsed = parsedInputOf(name, definition, input);
        binding = bindingOf(name, definition, toolCallId, parsed);
        action = toActionRequest(name, definition, parsed, idempotencyKeyOf(toolCallId));
      } catch (error) {
        // execute builds the request again and fails with this typed error before anything runs.
        if (GuardloopError.isInstance(error)) return 'not-applicable';
        throw error;
      }
      const decision = await judge(checkRails, name, toolCallId, action);
      report(name, toolCallId, action, decision);
      if (decision.verdict === 'deny') return { type: 'denied', reason: decision.reason };
      decisions.set(`${toolCallId}\u0000${binding.inputHash}`, decision);
      if (needsHuman(definition.action, decision, actions)) {
        if (!requested.get(toolCallId)) requested.set(toolCallId, binding);
        const inboxCall = inboxCallOf(
          name,
          definition,
          action,
          parsed,
          decision,
          binding,
          undefined,
        );
        // Durable before anyone is asked; the reason tells the client where the item waits.
        if (inboxCall)
          return { type: 'user-approval', reason: inboxReason(await escalateCall(inboxCall)) };
        return { type: 'user-approval', reason: humanReason(definition.action, decision) };
      }
      return 'not-applicable';
    },
    approvalBindingOf(toolCall) {
      const { toolName, toolCallId, input, definition } = toolCallOf(toolCall);
      return bindingOf(
        toolName,
        definition,
        toolCallId,
        parsedInputOf(toolName, definition, input),
      );
    },
    undoAll: ({ by, reason, abortSignal }) =>
      undoLog.undoTrace(traceId, { by, reason, ...(abortSignal ? { abortSignal } : {}) }),
  };
}

/**
 * The tool's input schema for the AI SDK: the action's JSON schema, validated by the action's
 * schema, but handing `execute` the raw input. The undo log parses it again, and a transform
 * applied twice (dollars to cents...) would run another input than the one the model sent.
 */
function validateOnly(action: AnyActionDefinition) {
  return jsonSchema(() => asSchema(action.input).jsonSchema, {
    validate: (value) => {
      const parsed = action.input.safeParse(value);
      return parsed.success ? { success: true, value } : { success: false, error: parsed.error };
    },
  });
}
