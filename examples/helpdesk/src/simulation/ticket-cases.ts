import type { LoopEvent, LoopResult } from '@guardloop/core';
import type { OutcomeRouter, RouteSuggestion } from '@guardloop/feedback';
import { redactPii } from '@guardloop/semantic';
import type { HelpdeskStore } from '../app/helpdesk-store';
import { readTicketFacts } from '../app/ticket-facts';
import type { TicketCase } from './simulation-context';
import type { TicketEvent } from './tickets/ticket-event';

/**
 * What the simulated people need to know about each ticket the loop handled, gathered from the
 * loop's events rather than from inside the host's pipeline: the text the classifier saw, the
 * facts the hypotheses were grounded in, the undo-log id of the AI's action, and the routing
 * suggestion (heard on the router the pipeline is given).
 */
export function createTicketCases(store: HelpdeskStore) {
  const cases = new Map<string, Partial<TicketCase>>();
  const payloads = new Map<string, Record<string, unknown>>();
  const caseOf = (traceId: string) => {
    const known = cases.get(traceId) ?? {};
    cases.set(traceId, known);
    return known;
  };
  return {
    onEvent(event: LoopEvent) {
      if (event.type === 'signal.received') {
        const { payload } = event.signal;
        // The same redaction as the pipeline's: agents teach the classifier with this text.
        caseOf(event.traceId).redactedText = redactPii(`${payload.subject}\n${payload.body}`);
        payloads.set(event.traceId, payload);
      } else if (event.type === 'hypotheses.proposed') {
        // Read when the pipeline read them, before any action changed the account.
        const payload = payloads.get(event.traceId);
        const customer = payload && store.customer(String(payload.customerId));
        if (payload && customer) {
          const ticket = {
            ticketId: String(payload.ticketId),
            subject: String(payload.subject),
            body: String(payload.body),
          };
          caseOf(event.traceId).facts = readTicketFacts(ticket, customer);
        }
      } else if (event.type === 'action.completed') {
        const { actionId } = event.result as { actionId: string };
        caseOf(event.traceId).aiActionId = actionId;
      }
    },
    /** The router, with every suggestion it makes remembered for the ticket's case. */
    observe(router: OutcomeRouter): OutcomeRouter {
      return {
        ...router,
        async suggest(request, options) {
          const suggestion: RouteSuggestion = await router.suggest(request, options);
          caseOf(request.traceId).suggestion = suggestion;
          return suggestion;
        },
      };
    },
    /** The ticket's case once the loop is done with it; forgotten here afterwards. */
    take(ticket: TicketEvent, result: LoopResult): TicketCase {
      const known = cases.get(result.traceId) ?? {};
      cases.delete(result.traceId);
      payloads.delete(result.traceId);
      const { intent, hypothesis } = result;
      return {
        ...known,
        ticket,
        traceId: result.traceId,
        category: intent && !intent.abstained ? intent.label : 'unclassified',
        redactedText: known.redactedText ?? '',
        intent,
        hypothesis,
        queue: known.suggestion?.queue,
      };
    },
  };
}
