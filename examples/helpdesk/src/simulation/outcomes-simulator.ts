import type { LoopResult } from '@guardloop/core';
import { ssoMissingStep } from '../app/macros';
import { customerReopens } from '../intake/customer-reopens';
import { csatScore, delay, odds, reopenChance, reopenReason } from './customer-behaviour';
import { createHumanAgent } from './human-agent';
import { createInboxReviewer, type InboxReview } from './inbox-reviewer';
import { createReversals } from './reversals';
import type { SimulationContext, TicketCase } from './simulation-context';

type Experience = Parameters<typeof csatScore>[0];

/**
 * Plays everyone after the loop: customers confirm, reopen or rate; agents decide escalations
 * in the inbox and override wrong proposals of denied ones; finance reverses fraudulent refunds; the on-call engineer ends the
 * outage. Every consequence is recorded with @guardloop/feedback against the decision's trace,
 * and every reverted or overridden autonomous action burns the error budget.
 */
export function createOutcomesSimulator(context: SimulationContext) {
  const { random, recorder, desk, runLog, artifacts } = context;
  const agent = createHumanAgent(context);
  const { later, undo, recordGood, fraudSweep } = createReversals(context);
  const reviewer = createInboxReviewer(context, agent, later);

  /** The customer's answer to a resolution: reopen, confirm (and maybe rate), or silence. */
  const afterResolved = (ticketCase: TicketCase, experience: Experience, complete: boolean) => {
    const { ticket } = ticketCase;
    later(delay(random, 1, 12), ticket.id, async () => {
      if (desk.get(ticket.id).status !== 'resolved') return;
      if (random() < reopenChance(ticket.truth.intent, complete)) {
        const reason = reopenReason(ticket.truth.intent, random);
        await customerReopens(context, ticketCase, reason, 'customer');
        later(delay(random, 0.5, 4), ticket.id, () =>
          agent.handle(ticketCase, {
            judgeProposal: false,
            onResolved: (result) => afterResolved(ticketCase, 'slow', result.complete),
          }),
        );
        return;
      }
      if (random() >= odds.confirm) return;
      // A confirmed autonomous answer is a labelled example too.
      const { intent } = ticket.truth;
      const right = ticketCase.intent?.label === intent && intent !== 'out_of_scope';
      if (context.learningEnabled() && ticketCase.aiActionId && right) {
        context.local.learn({ text: ticketCase.redactedText, label: intent });
      }
      desk.confirm(ticket.id, ticket.customerId);
      await desk.move(ticket.id, 'closed', ticket.customerId, 'The customer confirmed the fix');
      if (random() < odds.csat) {
        const score = csatScore(experience, ticket.truth.abusive, random);
        // The survey tool posts the answer to the CSAT webhook (idempotent on its id).
        await context.intake.csat.handle({
          responseId: `survey-${ticket.id}`,
          ticketId: ticket.id,
          score,
        });
      }
    });
  };

  /** After the inbox decision: the reviewer resolves the ticket, or works it when nothing ran. */
  const afterDecided = async (ticketCase: TicketCase, review: InboxReview) => {
    const { item, result, by, actionId, complete } = review;
    if (result.status === 'failed') {
      runLog.failures.push({
        ticketId: ticketCase.ticket.id,
        error: `Inbox decision failed: ${item.error?.message ?? 'unknown'}`,
      });
    }
    const ran = actionId !== undefined && item.action?.name !== 'assign_queue';
    await agent.handle(ticketCase, {
      judgeProposal: false,
      ...(ran ? { decided: { by, actionId, complete } } : {}),
      onResolved: ({ firstContact, complete }) =>
        afterResolved(ticketCase, firstContact ? 'good' : 'slow', complete),
    });
  };

  const workEscalation = (ticketCase: TicketCase, wait: number) =>
    later(wait, ticketCase.ticket.id, async () => {
      await recorder.record({
        type: 'first_response',
        traceId: ticketCase.traceId,
        ticketId: ticketCase.ticket.id,
      });
      await agent.handle(ticketCase, {
        judgeProposal: true,
        onResolved: ({ firstContact, complete }) =>
          afterResolved(ticketCase, firstContact ? 'good' : 'slow', complete),
      });
    });

  return {
    /** The AI acted on its own: the ticket is resolved now, or by the queue it was sent to. */
    async afterActed(ticketCase: TicketCase) {
      const { ticket, traceId, hypothesis, intent } = ticketCase;
      await desk.advance(ticket.id, ['triaged', 'in_progress'], 'helpdesk-ai');
      desk.update(ticket.id, { actionId: ticketCase.aiActionId, handledBy: 'helpdesk-ai' });
      await recorder.record({ type: 'first_response', traceId, ticketId: ticket.id });
      if (ticketCase.suggestion) {
        await context.router.confirm(ticketCase.suggestion, { by: 'helpdesk-ai' });
        const { category, queue } = ticketCase.suggestion;
        runLog.routing.push({ day: runLog.dayOf(context.clock.now()), category, queue });
      }
      const action = hypothesis?.action?.name ?? '';
      // Counted good now; a revert or an override later adds a bad event for the same action.
      await recordGood(action);
      const right = intent?.label === ticket.truth.intent && !ticket.truth.fraud;
      if (right && action === 'assign_queue') {
        // The engineering or incident queue works it; the AI's routing stands.
        if (ticket.truth.incident) return;
        workQueue(ticketCase);
        return;
      }
      if (!(await desk.advance(ticket.id, ['resolved'], 'helpdesk-ai'))) return;
      await recorder.record({ type: 'resolved', traceId, ticketId: ticket.id, firstContact: true });
      if (ticket.truth.fraud) {
        fraudSweep(ticketCase);
        return;
      }
      if (!right) {
        later(delay(random, 1, 5), ticket.id, async () => {
          const reason = reopenReason('wrong_intent', random);
          await customerReopens(context, ticketCase, reason, ticket.customerId);
          await undo(
            ticketCase,
            'agent-on-duty',
            `Wrong intent: the customer meant ${ticket.truth.intent}`,
          );
          await agent.override(ticketCase, 'agent-on-duty', 'the right action');
          await agent.handle(ticketCase, {
            judgeProposal: false,
            onResolved: ({ complete }) => afterResolved(ticketCase, 'wrong', complete),
          });
        });
        return;
      }
      const macro = hypothesis?.action?.input.macroId;
      const complete =
        macro !== 'macro-sso-troubleshooting' ||
        (await artifacts.getActive(macro)).content.includes(ssoMissingStep);
      afterResolved(ticketCase, 'fast', complete);
    },
    /** Rails escalated (or denied): the ticket is routed to a human queue and worked there. */
    async afterEscalated(ticketCase: TicketCase, result: LoopResult) {
      const { ticket, traceId } = ticketCase;
      if (result.status === 'rejected' && result.decision) {
        const { decidedBy, reason } = result.decision;
        await recorder.record({
          type: 'escalated',
          traceId,
          ticketId: ticket.id,
          reason: reason || 'Denied by a rail',
          ...(decidedBy ? { rail: decidedBy } : {}),
        });
      }
      await desk.advance(ticket.id, ['triaged'], 'triage-bot');
      const suggestion = await context.router.suggest({
        traceId,
        category: ticketCase.category,
        ticketId: ticket.id,
      });
      await context.router.confirm(suggestion, { by: 'triage-bot' });
      ticketCase.queue = suggestion.queue;
      runLog.routing.push({
        day: runLog.dayOf(context.clock.now()),
        category: ticketCase.category,
        queue: suggestion.queue,
      });
      // Escalations wait in the inbox for a reviewer's decision; denials go straight to an agent.
      if (result.escalationId) {
        await reviewer.review(ticketCase, result.escalationId, (review) =>
          afterDecided(ticketCase, review),
        );
      } else workEscalation(ticketCase, delay(random, 0.3, 5));
    },
    /** The incident is over: its first ticket is resolved; duplicates were linked to it. */
    resolveIncident(ticketCase: TicketCase, at: number) {
      later(at - context.clock.now(), ticketCase.ticket.id, async () => {
        // Only when the AI's routing to the incident queue stands; a human took the others.
        if (!ticketCase.aiActionId || desk.get(ticketCase.ticket.id).status !== 'in_progress')
          return;
        await agent.handle(ticketCase, {
          judgeProposal: false,
          runAction: false,
          firstContact: true,
          onResolved: () => afterResolved(ticketCase, 'good', true),
        });
      });
    },
  };

  function workQueue(ticketCase: TicketCase) {
    later(delay(random, 2, 20), ticketCase.ticket.id, () =>
      agent.handle(ticketCase, {
        judgeProposal: false,
        runAction: false,
        onResolved: ({ firstContact }) =>
          afterResolved(ticketCase, firstContact ? 'good' : 'slow', true),
      }),
    );
  }
}

export type OutcomesSimulator = ReturnType<typeof createOutcomesSimulator>;
