import type { Actor, LoopResult } from '@guardloop/core';
import { type InboxItem, type InboxPriority, ReviewerNotAuthorizedError } from '@guardloop/inbox';
import { redactPii } from '@guardloop/semantic';
import { draftReply } from '../app/macros';
import { delay, odds } from './customer-behaviour';
import type { AgentAction, HumanAgent } from './human-agent';
import type { createReversals } from './reversals';
import type { SimulationContext, TicketCase } from './simulation-context';

const tierOne = ['agent-ana', 'agent-ben', 'agent-chloe'];
const tierTwo = ['agent-dev'];
/** Hours until an agent claims an escalation, by priority: abuse first, then money. */
const pickupHours: Record<InboxPriority, [number, number]> = {
  urgent: [0.1, 0.8],
  high: [0.2, 2.5],
  normal: [0.3, 4],
  low: [1, 8],
};
const reviewer = (id: string): Actor => ({
  id,
  type: 'human',
  roles: [tierTwo.includes(id) ? 'tier-2' : 'tier-1'],
});

/** How a reviewer's decision ended: who decided, and the undo-log id of what ran. */
export interface InboxReview {
  item: InboxItem;
  result: LoopResult;
  by: string;
  actionId?: string | undefined;
  /** False when the reply that went out misses the SSO macro's step. */
  complete: boolean;
}

/**
 * Agents working the inbox: one claims an escalated ticket after a while, reads the proposal
 * and decides it, on the simulated clock: approve when the AI was right, approve with edits
 * (a partial refund, a reply without personal data, the SSO macro's missing step), or reject
 * it with the action the agent takes instead. A tier-1 agent without the authority hands the
 * item to tier 2. The decision resumes the loop.
 */
export function createInboxReviewer(
  context: SimulationContext,
  agent: HumanAgent,
  later: ReturnType<typeof createReversals>['later'],
) {
  const { inbox, random, recorder, artifacts } = context;
  const pick = (pool: readonly string[]) => pool[Math.floor(random() * pool.length)] as string;

  /** The edited input of a right proposal, or undefined to approve it as it is. */
  // Whether the last decided reply was complete (set by `editMacro`).
  let complete = true;
  const edits = async (ticketCase: TicketCase, item: InboxItem) => {
    const action = item.action as NonNullable<InboxItem['action']>;
    const input = { ...(action.input as Record<string, unknown>) };
    if (item.rail === 'pii-outbound' && typeof input.reply === 'string') {
      return { input: { ...input, reply: redactPii(input.reply) }, note: 'Removed personal data' };
    }
    if (action.name === 'issue_refund' && typeof input.amount === 'number') {
      if (item.rail === 'brand-safety') {
        // The double-charge macro promises too much: the plain refund macro instead.
        const customer = context.store.customer(ticketCase.ticket.customerId);
        const macro = await artifacts.getActive('macro-refund-issued');
        const name = customer?.name.split(' ')[0] ?? 'there';
        const values = {
          name,
          subject: ticketCase.ticket.subject,
          invoice: String(input.invoiceId),
          amount: input.amount.toFixed(2),
        };
        return { input: { ...input, reply: draftReply(macro.content, values) }, note: 'Macro' };
      }
      if (random() < odds.partialRefund) {
        const amount = Math.round(input.amount * 50) / 100;
        return { input: { ...input, amount }, note: 'Partial refund: half was used' };
      }
      return undefined;
    }
    if (action.name !== 'send_macro_reply') return undefined;
    const edited: AgentAction = { name: action.name, input };
    complete = await agent.editMacro(ticketCase, edited);
    return edited.input.reply === (action.input as Record<string, unknown>).reply
      ? undefined
      : { input: edited.input, note: 'Added the missing step' };
  };

  const decide = async (ticketCase: TicketCase, id: string, by: string) => {
    const item = await inbox.get(id);
    const who = reviewer(by);
    complete = true;
    if (!item.action) return inbox.approve(id, { reviewer: who, note: 'Taking it from here' });
    const { truth } = ticketCase.ticket;
    const actual = truth.fraud ? 'fraud' : truth.intent;
    if (ticketCase.intent?.label !== actual) {
      const own = await agent.rightAction(ticketCase, ticketCase.queue ?? 'tier1-general');
      if (own) complete = await agent.editMacro(ticketCase, own);
      return inbox.reject(id, {
        reviewer: who,
        reason: `Wrong intent: the customer meant ${actual}`,
        ...(own
          ? {
              humanAction: {
                name: own.name,
                input: own.input as never,
                ...(own.resource ? { resource: own.resource } : {}),
              },
            }
          : {}),
      });
    }
    const edit = await edits(ticketCase, item);
    return edit
      ? inbox.approveWithEdits(id, { reviewer: who, input: edit.input, note: edit.note })
      : inbox.approve(id, { reviewer: who });
  };

  return {
    /** Claims the escalation after a while, decides it, resumes the loop, then `onDecided`. */
    async review(
      ticketCase: TicketCase,
      escalationId: string,
      onDecided: (review: InboxReview) => Promise<void>,
    ) {
      const { ticket, traceId } = ticketCase;
      const decideLater = (by: string, hours: [number, number]) =>
        later(delay(random, ...hours), ticket.id, async () => {
          let item: InboxItem;
          try {
            item = await decide(ticketCase, escalationId, by);
          } catch (error) {
            if (!ReviewerNotAuthorizedError.isInstance(error)) throw error;
            // Not theirs to decide: a tier-2 agent gets it, with the claim.
            const senior = pick(tierTwo);
            await inbox.reassign(escalationId, {
              by: reviewer(by),
              to: reviewer(senior),
              queue: 'tier-2',
              note: 'Over my approval limit',
            });
            decideLater(senior, [0.5, 3]);
            return;
          }
          const result = await context.resume(escalationId);
          const completed = item.history.findLast((entry) => entry.type === 'action_completed');
          const details = completed?.details as { actionId?: unknown } | undefined;
          const actionId = details?.actionId;
          await onDecided({
            item,
            result,
            by,
            actionId: typeof actionId === 'string' ? actionId : undefined,
            complete,
          });
        });
      const { priority } = await inbox.get(escalationId);
      later(delay(random, ...pickupHours[priority]), ticket.id, async () => {
        const item = await inbox.get(escalationId);
        const by = pick(item.queue === 'tier-2' ? tierTwo : [...tierOne, ...tierTwo]);
        await inbox.claim(escalationId, { reviewer: reviewer(by), leaseMs: 4 * 3_600_000 });
        await recorder.record({ type: 'first_response', traceId, ticketId: ticket.id });
        decideLater(by, [0.1, 2]);
      });
    },
  };
}

export type InboxReviewer = ReturnType<typeof createInboxReviewer>;
