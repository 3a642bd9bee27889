import { type ActorInput, signalSchema } from '@guardloop/core';
import { createSeededRandom } from '@guardloop/feedback';
import { createHelpdeskHypotheses } from '../app/hypotheses';
import { draftReply, type MacroId, ssoMissingStep } from '../app/macros';
import { autonomousIntents } from '../app/rails/semantic-rails';
import { readTicketFacts } from '../app/ticket-facts';
import { ticketSignal } from '../app/ticket-signal';
import { delay, firstContactChance, odds } from './customer-behaviour';
import type { SimulationContext, TicketCase } from './simulation-context';

const agents = ['agent-ana', 'agent-ben', 'agent-chloe', 'agent-dev'];
/** Who the playbook step sees proposing for the agent (the agent acts under their own name). */
const agentActor = { id: 'helpdesk-agent', type: 'human' as const, roles: ['agent'] };

export interface AgentAction {
  name: string;
  input: Record<string, unknown>;
  /** What RBAC checks the reviewer's grant on. */
  resource?: string | undefined;
}

/**
 * A support agent working a ticket: reads what the AI proposed, overrides it when it was wrong
 * (which teaches the classifier once learning is on), runs the right action through the undo
 * log under their own name, and resolves the ticket, on first contact or after a back-and-forth.
 */
export function createHumanAgent(context: SimulationContext) {
  const { random, recorder, desk, undoLog, artifacts, store, scheduler } = context;
  let runCount = 0;
  const macro = async (id: string) => {
    const active = await artifacts.getActive(id);
    return { text: active.content, version: active.version };
  };
  // The same playbook as the AI's; the agent knows the intent, so no ranking by outcomes, and
  // draws of its own that leave the simulation's random stream alone.
  const proposeHypotheses = createHelpdeskHypotheses({
    actions: undoLog,
    macro,
    random: createSeededRandom(1),
  });

  /** What the agent does: the action for the customer's real intent, or a plain reply. */
  const rightAction = async (
    ticketCase: TicketCase,
    queue: string,
  ): Promise<AgentAction | undefined> => {
    const { ticket } = ticketCase;
    const { truth } = ticket;
    const customer = store.customer(ticket.customerId);
    if (!customer) return undefined;
    const facts =
      ticketCase.facts ??
      readTicketFacts(
        { ticketId: ticket.id, subject: ticket.subject, body: ticket.body },
        customer,
      );
    // Nothing to change in the back office (or a fraudulent refund to refuse): just a reply.
    const replyOnly: MacroId | undefined = truth.fraud
      ? 'macro-refund-declined'
      : (autonomousIntents as readonly string[]).includes(truth.intent)
        ? undefined
        : 'macro-agent-answer';
    if (replyOnly) {
      const active = await macro(replyOnly);
      const name = customer.name.split(' ')[0] ?? customer.name;
      const reply = draftReply(active.text, { name, subject: ticket.subject });
      const input = {
        ticketId: ticket.id,
        macroId: replyOnly,
        macroVersion: active.version,
        reply,
      };
      return { name: 'send_macro_reply', input, resource: `ticket:${ticket.id}` };
    }
    const intent = { label: truth.intent, confidence: 1, abstained: false };
    const signal = signalSchema.parse({
      id: ticket.id,
      receivedAt: ticket.at,
      traceId: ticketCase.traceId,
      ...ticketSignal(ticket, facts),
    });
    const hypotheses = await proposeHypotheses(
      {
        traceId: ticketCase.traceId,
        signal,
        intent,
        actor: agentActor,
        attributes: {},
        hypotheses: [],
      },
      { suggestQueue: async () => queue },
    );
    const main = hypotheses.find((hypothesis) => hypothesis.action);
    if (!main?.action) return undefined;
    const { name, input, resource } = main.action;
    return { name, input: input ?? {}, resource };
  };

  /** The SSO macro misses a step; most agents add it by hand, and the edit is recorded. */
  const editMacro = async (ticketCase: TicketCase, action: AgentAction) => {
    const macroId = action.input.macroId;
    if (action.name !== 'send_macro_reply' || typeof macroId !== 'string') return true;
    const active = await artifacts.getActive(macroId);
    let finalText = active.content;
    if (macroId === 'macro-sso-troubleshooting' && !active.content.includes(ssoMissingStep)) {
      if (random() < odds.macroEdit) finalText = `${active.content} ${ssoMissingStep}`;
    }
    action.input.reply = String(action.input.reply).replace(active.content, finalText);
    await recorder.record({
      type: 'macro_used',
      traceId: ticketCase.traceId,
      macroId,
      macroVersion: active.version,
      originalText: active.content,
      finalText,
    });
    return finalText.includes(ssoMissingStep) || macroId !== 'macro-sso-troubleshooting';
  };

  /** Records that a human did something other than what the AI proposed. */
  const override = async (ticketCase: TicketCase, by: string, actualAction: string) => {
    const { truth } = ticketCase.ticket;
    const actualLabel = truth.fraud ? 'fraud' : truth.intent;
    // Right intent, right call: handing a disallowed intent over is what the AI should do.
    if (ticketCase.intent?.label === actualLabel) return;
    const proposed = `${ticketCase.intent?.label} -> ${ticketCase.hypothesis?.action?.name}`;
    const actual = `${actualLabel} -> ${actualAction}`;
    await recorder.record({
      type: 'override',
      traceId: ticketCase.traceId,
      proposed,
      actual,
      by,
      ...(ticketCase.intent ? { confidence: ticketCase.intent.confidence } : {}),
    });
  };

  return {
    override,
    rightAction,
    editMacro,
    /**
     * Works the ticket now; resolves it (possibly after a wait for the customer) and calls
     * `onResolved` with whether the reply was complete and whether it took one contact.
     */
    async handle(
      ticketCase: TicketCase,
      options: {
        /** First look at an escalated ticket: compare the AI's proposal with what is right. */
        judgeProposal: boolean;
        /** False when the action already taken stands and the agent only resolves. */
        runAction?: boolean;
        /** A reviewer decided the ticket in the inbox, which ran the action (`actionId`). */
        decided?: { by: string; actionId?: string | undefined; complete: boolean };
        firstContact?: boolean;
        onResolved: (result: { firstContact: boolean; complete: boolean }) => void;
      },
    ) {
      const by = options.decided?.by ?? (agents[Math.floor(random() * agents.length)] as string);
      const actor: ActorInput = { id: by, type: 'human', roles: ['agent'] };
      const queue = ticketCase.queue ?? 'tier1-general';
      const ticketId = ticketCase.ticket.id;
      await desk.advance(ticketId, ['triaged', 'in_progress'], by);
      const runs = options.runAction !== false && !options.decided;
      const action = runs ? await rightAction(ticketCase, queue) : undefined;
      if (options.decided?.actionId)
        desk.update(ticketId, { actionId: options.decided.actionId, handledBy: by });
      const { truth } = ticketCase.ticket;
      if (options.judgeProposal && ticketCase.hypothesis?.action) {
        await override(ticketCase, by, action?.name ?? 'reply');
      }
      // The agent now knows what the ticket is about: one more labelled example for the model.
      if (context.learningEnabled() && truth.intent !== 'out_of_scope' && ticketCase.redactedText) {
        context.local.learn({ text: ticketCase.redactedText, label: truth.intent });
      }
      let complete = options.decided?.complete ?? true;
      if (action) {
        complete = await editMacro(ticketCase, action);
        const run = await undoLog.run(action.name, action.input, {
          idempotencyKey: `${ticketId}:${action.name}:${by}:${++runCount}`,
          traceId: ticketCase.traceId,
          actor,
        });
        if (run.status === 'done') desk.update(ticketId, { actionId: run.actionId, handledBy: by });
      }
      const firstContact =
        options.firstContact ?? random() < firstContactChance(ticketCase.category, queue);
      const resolve = async () => {
        if (!(await desk.advance(ticketId, ['in_progress', 'resolved'], by))) return;
        await recorder.record({
          type: 'resolved',
          traceId: ticketCase.traceId,
          ticketId,
          firstContact,
        });
        options.onResolved({ firstContact, complete });
      };
      if (firstContact) return resolve();
      // Not solved on first contact: ask the customer for details and wait for the answer.
      await desk.move(ticketId, 'pending_customer', by, 'Asked the customer for details');
      scheduler.after(delay(random, 3, 20), resolve);
    },
  };
}

export type HumanAgent = ReturnType<typeof createHumanAgent>;
