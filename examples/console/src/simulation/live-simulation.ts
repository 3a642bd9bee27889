import { type Actor, type Decision, evaluateRails, type Signal } from '@guardloop/core';
import { createSeededRandom } from '@guardloop/feedback';
import { SagaFailedError } from '@guardloop/undo-log';
import { autonomySlo, type ConsoleServices } from '../app/console-services';
import { createHealthHistory } from './health-history';
import { createLoopTracing } from './loop-tracing';
import { drawTicketCase, proposeFor, type Ticket, type TicketCase } from './ticket-cases';
import { caseFromForm, intakeTicket, submittedForm } from './ticket-intake';
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
  const { clock, undoLog, inbox, feedback, tracker, rails, desk, idGenerator, ticketSla } =
    services;
  const random = createSeededRandom(options.seed ?? 7);
  const tickets = createTicketRegistry();
  const health = createHealthHistory(services);
  const tracing = createLoopTracing(services.telemetry.telemetry, clock);
  let sequence = 0;
  // A breached ticket nobody is on goes to the inbox (one item per trace: an escalated ticket
  // keeps the item it has).
  ticketSla.onBreach(async (ticketId, target) => {
    const record = tickets.get(ticketId);
    if (!record || record.escalationId !== undefined) return;
    const item = await inbox.escalate({
      traceId: ticketId,
      reason: `The ticket's ${target} SLA is breached: a person takes over`,
      rail: 'ticket-sla',
      requestedBy: assistant,
      priority: 'urgent',
      queue: record.ticket.category,
    });
    tickets.add({ ...record, escalationId: item.id });
  });
  const nextId = () => `T-${options.runTag ?? ''}${String(sequence + 1).padStart(4, '0')}`;

  /** The ticket's signal through intake: the stream's tickets are forms the customer filled. */
  function signalFor(id: string, ticketCase: TicketCase): Signal {
    const result = intakeTicket(id, submittedForm(ticketCase.ticket), {
      channel: ticketCase.ticket.channel,
      clock,
    });
    if (!result.ok) throw new Error(`The simulated ticket ${id} failed intake`);
    return result.signal;
  }

  async function submit(ticketCase: TicketCase, intakeSignal?: Signal) {
    const id = nextId();
    sequence += 1;
    const ticket: Ticket = { ...ticketCase.ticket, id, receivedAt: clock.now() };
    const signal = intakeSignal ?? signalFor(id, ticketCase);
    const proposal = proposeFor(ticket, ticketCase);
    const segment = { category: ticket.category, channel: ticket.channel, queue: 'support' };
    const traceId = ticket.id;
    tracing.received(signal, assistant);
    await ticketSla.opened(id, ticket.receivedAt, {
      priority: proposal.kind === 'saga' ? 'normal' : proposal.priority,
      category: ticket.category,
      channel: ticket.channel,
    });
    if (proposal.kind === 'saga') {
      if (ticketCase.courierOutage) desk.courierOutages.add(ticket.id);
      const record = { ticket, proposal, decision: null, route: 'saga' as const };
      // Every step is reversible and the saga undoes them on failure: no rail to ask.
      const decision: Decision = {
        id: `${traceId}:decision`,
        traceId,
        verdict: 'allow',
        reason: 'A return saga of reversible steps',
        rails: [],
        decidedAt: clock.now(),
        durationMs: 0,
      };
      tracing.proposed(traceId, { name: 'return_saga', input: {} });
      tracing.decided(decision);
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
        await ticketSla.resolved(id);
      } catch (error) {
        if (!SagaFailedError.isInstance(error)) throw error;
        // The customer hears that the pickup failed; the ticket stays open.
        await ticketSla.replied(id);
        tickets.add({
          ...record,
          saga: {
            status: 'rolled_back',
            failedAction: error.failedActionName,
            rolledBack: [...error.rolledBack],
          },
        });
      }
      tracing.acted(decision);
      return tickets.get(id);
    }
    tracing.proposed(traceId, { name: proposal.name, input: proposal.input });
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
    tracing.decided(decision);
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
      tracing.acted(decision);
      await ticketSla.resolved(id);
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
        signal,
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
      tracing.escalated(decision, item.id);
    } else {
      tickets.add({ ticket, proposal, decision, route: 'denied' });
      tracing.rejected(decision);
      await ticketSla.resolved(id);
    }
    return tickets.get(id);
  }

  return {
    tickets,
    health,
    /** One ticket from the seeded stream, then a health sample. */
    async tick() {
      const record = await submit(drawTicketCase(random));
      await ticketSla.tick();
      await health.sample();
      return record;
    },
    submit,
    /**
     * A ticket from the console's web form: intake validates it (field errors for the
     * customer), then it goes through the loop like any other.
     */
    async receiveForm(submitted: unknown) {
      const result = intakeTicket(nextId(), submitted, { channel: 'form', clock });
      if (!result.ok) return result;
      const record = await submit(caseFromForm(result.signal, result.form), result.signal);
      return { ok: true as const, record };
    },
  };
}

export type LiveSimulation = ReturnType<typeof createLiveSimulation>;
