import { type Actor, createSignal, evaluateRails } from '@guardloop/core';
import { createSeededRandom } from '@guardloop/feedback';
import { SagaFailedError } from '@guardloop/undo-log';
import { autonomySlo, type ConsoleServices } from '../app/console-services';
import { createHealthHistory } from './health-history';
import { drawTicketCase, proposeFor, type Ticket, type TicketCase } from './ticket-cases';
import { createTicketRegistry } from './ticket-registry';

export const assistant: Actor = { id: 'assistant', type: 'ai', roles: ['agent'] };

export interface LiveSimulationOptions {
  seed?: number;
  /** Prefix of ticket ids, so runs on one persistent database do not collide. */
  runTag?: string;
}

/**
 * The help desk, live: each ticket's proposal goes through the rails; allowed actions run
 * through the undo log, escalations go to the inbox, and every step is an outcome.
 */
export function createLiveSimulation(
  services: ConsoleServices,
  options: LiveSimulationOptions = {},
) {
  const { clock, undoLog, inbox, feedback, tracker, rails, desk, idGenerator } = services;
  const random = createSeededRandom(options.seed ?? 7);
  const tickets = createTicketRegistry();
  const health = createHealthHistory(services);
  let sequence = 0;

  async function submit(ticketCase: TicketCase) {
    sequence += 1;
    const id = `T-${options.runTag ?? ''}${String(sequence).padStart(4, '0')}`;
    const ticket: Ticket = { ...ticketCase.ticket, id, receivedAt: clock.now() };
    const proposal = proposeFor(ticket, ticketCase);
    const segment = { category: ticket.category, channel: ticket.channel, queue: 'support' };
    const traceId = ticket.id;
    if (proposal.kind === 'saga') {
      if (ticketCase.courierOutage) desk.courierOutages.add(ticket.id);
      const record = { ticket, proposal, decision: null, route: 'saga' as const };
      await feedback.record({
        id: `${traceId}:decision`,
        traceId,
        type: 'decision',
        verdict: 'allow',
        at: clock.now(),
        proposedAction: 'return_saga',
        ...segment,
      });
      try {
        await undoLog.runSaga(
          proposal.steps.map((step) => ({ action: step.name, input: step.input })),
          { traceId, actor: assistant, idempotencyKey: `saga:${traceId}` },
        );
        tickets.add({ ...record, saga: { status: 'done', rolledBack: [] } });
      } catch (error) {
        if (!SagaFailedError.isInstance(error)) throw error;
        tickets.add({
          ...record,
          saga: {
            status: 'rolled_back',
            failedAction: error.failedActionName,
            rolledBack: [...error.rolledBack],
          },
        });
      }
      return tickets.get(id);
    }
    const reversible = undoLog.describeAction(proposal.name)?.reversible ?? false;
    const decision = await evaluateRails(
      rails,
      {
        traceId,
        actor: assistant,
        action: { name: proposal.name, input: proposal.input, reversible, dryRun: false },
        attributes: { ticket },
      },
      { clock, idGenerator },
    );
    await feedback.record({
      id: `${traceId}:decision`,
      traceId,
      type: 'decision',
      verdict: decision.verdict,
      at: clock.now(),
      proposedAction: proposal.name,
      ...(decision.decidedBy ? { decidedBy: decision.decidedBy } : {}),
      ...segment,
    });
    if (decision.verdict === 'allow') {
      await undoLog.run(proposal.name, proposal.input, {
        idempotencyKey: `auto:${traceId}`,
        traceId,
        actor: assistant,
      });
      await tracker.record(autonomySlo, { good: 1, actionType: proposal.name });
      tickets.add({ ticket, proposal, decision, route: 'autonomous' });
      health.count('autonomous');
    } else if (decision.verdict === 'escalate') {
      const deciding = decision.rails.find((rail) => rail.rail === decision.decidedBy);
      await feedback.record({
        id: `${traceId}:escalated`,
        traceId,
        type: 'escalated',
        at: clock.now(),
        reason: decision.reason,
        ...(decision.decidedBy ? { rail: decision.decidedBy } : {}),
      });
      const item = await inbox.escalate({
        traceId,
        signal: createSignal(
          {
            id: `signal:${traceId}`,
            traceId,
            source: 'helpdesk',
            kind: 'ticket',
            payload: { ...ticket },
          },
          { clock, idGenerator },
        ),
        action: {
          name: proposal.name,
          input: proposal.input,
          resource: `account:${ticket.accountId}`,
        },
        requestedBy: assistant,
        ...(decision.decidedBy ? { rail: decision.decidedBy } : {}),
        reason: decision.reason,
        evidence: (deciding?.evidence ?? null) as never,
        verdicts: decision.rails,
        priority: proposal.priority,
        queue: ticket.category,
      });
      tickets.add({ ticket, proposal, decision, route: 'escalated', escalationId: item.id });
      health.count('escalated');
    } else {
      tickets.add({ ticket, proposal, decision, route: 'denied' });
    }
    return tickets.get(id);
  }

  return {
    tickets,
    health,
    /** One ticket from the seeded stream, then a health sample. */
    async tick() {
      const record = await submit(drawTicketCase(random));
      await health.sample();
      return record;
    },
    submit,
  };
}

export type LiveSimulation = ReturnType<typeof createLiveSimulation>;
