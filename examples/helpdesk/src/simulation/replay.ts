import type { PGlite } from '@electric-sql/pglite';
import { createSeededRandom } from '@guardloop/feedback';
import { createPgliteClient } from '@guardloop/postgres';
import { createPostgresLearningScheduleStore } from '@guardloop/postgres/learning';
import type { IntentClassifierOptions } from '../app/classifier';
import { createHelpdeskLearning } from '../app/learning';
import { createHelpdeskPipeline } from '../app/pipeline';
import type { DemoTelemetry } from '../telemetry/demo-telemetry';
import { createHelpdesk, type Helpdesk } from './create-helpdesk';
import { hourMs, queueCandidates } from './customer-behaviour';
import { createLearningReviewers } from './learning-reviewers';
import { createOutcomesSimulator } from './outcomes-simulator';
import type { TicketCase } from './simulation-context';
import { createTicketCases } from './ticket-cases';
import { createCustomerDirectory } from './tickets/customer-directory';
import { generateTicketStream } from './tickets/generate-ticket-stream';
import type { TicketEvent } from './tickets/ticket-event';

export interface ReplayOptions {
  database: PGlite;
  seed?: number;
  days?: number;
  ticketsPerDay?: number;
  outageDay?: number;
  outageReports?: number;
  fraudDay?: number;
  /** Days before learning is switched on: the baseline phase. */
  baselineDays?: number;
  memoryCounters?: boolean;
  classifier?: IntentClassifierOptions;
  tokensPerTenantDay?: number;
  trickyShare?: number;
  onProgress?: (done: number, total: number) => void;
  /** Records the run as OpenTelemetry spans (the report draws one ticket's waterfall). */
  telemetry?: DemoTelemetry;
}

export interface ReplayResult {
  helpdesk: Helpdesk;
  tickets: TicketEvent[];
  start: number;
  days: number;
  baselineDays: number;
  /** Wall-clock time of the replay (ms), classifier training included. */
  elapsedMs: number;
  telemetry?: DemoTelemetry | undefined;
}

const dayMs = 24 * hourMs;

/**
 * Replays the ticket stream through the help desk on a manual clock: every ticket through the
 * loop, every consequence through the outcome simulator (escalations through the inbox),
 * learning each night once the baseline phase is over, and each hour a reading of the autonomy
 * dial for the report and a round of the inbox's SLA monitor.
 */
export async function runReplay(options: ReplayOptions): Promise<ReplayResult> {
  const startedAt = performance.now();
  const { seed = 7, days = 14, ticketsPerDay = 26, baselineDays = 4 } = options;
  const start = Date.UTC(2030, 2, 4);
  const customers = createCustomerDirectory(createSeededRandom(seed));
  const tickets = generateTicketStream({
    seed,
    start,
    days,
    ticketsPerDay,
    customers,
    ...(options.outageDay ? { outageDay: options.outageDay } : {}),
    ...(options.outageReports ? { outageReports: options.outageReports } : {}),
    ...(options.fraudDay ? { fraudDay: options.fraudDay } : {}),
    ...(options.trickyShare === undefined ? {} : { trickyShare: options.trickyShare }),
  });
  const helpdesk = await createHelpdesk({
    start,
    seed,
    customers,
    database: options.database,
    ...(options.memoryCounters ? { memoryCounters: true } : {}),
    ...(options.classifier ? { classifier: options.classifier } : {}),
    ...(options.tokensPerTenantDay ? { tokensPerTenantDay: options.tokensPerTenantDay } : {}),
    ...(options.telemetry ? { telemetry: options.telemetry.attach } : {}),
  });
  const { clock, scheduler, runLog, desk, problems, rails } = helpdesk;
  const cases = createTicketCases(helpdesk.store);
  const { classifier } = helpdesk.intent;
  const pipeline = createHelpdeskPipeline({
    ...helpdesk,
    // Audited: the test checks that no personal data ever reaches the classifier.
    classifier: {
      ...classifier,
      classify(text, classifyOptions) {
        runLog.classifierInputs.push(text);
        return classifier.classify(text, classifyOptions);
      },
    },
    router: cases.observe(helpdesk.router),
    rails: rails.rails,
    listeners: [runLog.onEvent, cases.onEvent],
  });
  const context = {
    ...helpdesk,
    economic: rails.economic,
    local: helpdesk.intent.local,
    learningEnabled: () => clock.now() >= start + baselineDays * dayMs,
    resume: pipeline.resume,
  };
  const simulator = createOutcomesSimulator(context);
  // Driven by the scheduler each hour rather than its own timer: rounds stay in simulated order.
  const slaMonitor = helpdesk.inbox.startSlaMonitor({
    intervalMs: 2 ** 31 - 1,
    monitorId: 'helpdesk-sla',
    onEvent: (event) => runLog.slaEvent(event),
    onError: (error) => runLog.failures.push({ ticketId: 'sla-monitor', error: String(error) }),
  });
  await slaMonitor.runRound();
  // The learning jobs on their cadences, runs claimed and recorded in the demo's PGlite
  // (migrated by createHelpdesk), on the simulated clock.
  const learning = createHelpdeskLearning({
    store: helpdesk.feedbackStore,
    artifacts: helpdesk.artifacts,
    router: helpdesk.router,
    routedCategories: Object.keys(queueCandidates),
    semantic: rails.semantic,
    learningStore: createPostgresLearningScheduleStore({
      client: createPgliteClient(options.database),
    }),
    clock,
    journal: runLog,
    minimumFloor: runLog.floors[0]?.floor ?? 0,
  });
  const reviewers = createLearningReviewers({
    artifacts: helpdesk.artifacts,
    journal: runLog,
    now: clock.now,
  });
  // Four more days for the last tickets to be decided and resolved.
  for (let hour = 0; hour < (days + 4) * 24; hour++) {
    scheduler.at(start + hour * hourMs, async () => {
      if (hour < days * 24) {
        const reading = await rails.economic.dial.read();
        const budgetRemaining = reading.statuses[0]?.budgetRemaining ?? 1;
        runLog.autonomy.push({ at: clock.now(), level: reading.level, budgetRemaining });
      }
      await slaMonitor.runRound();
      await helpdesk.ticketSla.round();
    });
  }
  for (let day = baselineDays; day < days; day++) {
    // Each night, once the baseline phase is over: the jobs due run, reviewers see proposals.
    scheduler.at(start + day * dayMs - hourMs / 2, async () => {
      const results = await learning.tick();
      runLog.learningRuns(results);
      await reviewers(results);
    });
  }
  let incident: { problemId: string; firstCase?: TicketCase } | undefined;
  const trackIncident = async (traceId: string, ticket: TicketEvent, fingerprint: string) => {
    const tracked = await problems.track({
      traceId,
      ticketId: ticket.id,
      fingerprint,
      category: 'outage_report',
    });
    if (tracked.becameProblem) {
      runLog.milestone(
        clock.now(),
        `Problem ${tracked.problem.id} opened: ${tracked.problem.incidentCount} reports of one outage`,
      );
    }
    incident ??= { problemId: tracked.problem.id };
    return incident;
  };

  for (const [index, ticket] of tickets.entries()) {
    await scheduler.runUntil(ticket.at);
    // Through the front door first: rendered as mail, webhook or form and read back.
    const admitted = await helpdesk.intake.admit(ticket);
    if (!admitted) {
      runLog.failures.push({ ticketId: ticket.id, error: 'Rejected at intake' });
      continue;
    }
    const result = await pipeline.handle(admitted.ticket, admitted.fields);
    runLog.recordResult(result, ticket.id);
    const ticketCase = cases.take(ticket, result);
    if (result.status === 'duplicate') {
      desk.update(ticket.id, { duplicateOf: result.duplicateOf });
      if (ticket.truth.incident)
        await trackIncident(result.traceId, ticket, result.signal.fingerprint);
    } else if (result.status === 'acted') {
      await simulator.afterActed(ticketCase);
    } else if (result.status === 'escalated' || result.status === 'rejected') {
      await simulator.afterEscalated(ticketCase, result);
    }
    if (ticket.truth.incident && result.status !== 'duplicate') {
      const tracked = await trackIncident(result.traceId, ticket, result.signal.fingerprint);
      tracked.firstCase = ticketCase;
      const end = ticket.at + 3.6 * hourMs;
      runLog.milestone(
        clock.now(),
        `Outage: '${ticket.subject}' reported; later reports are duplicates`,
      );
      simulator.resolveIncident(ticketCase, end);
      scheduler.at(end, async () => {
        const rootCause = 'Expired TLS certificate on the dashboard load balancer';
        const problem = await problems.resolve(tracked.problemId, { by: 'sre-on-call', rootCause });
        runLog.milestone(
          clock.now(),
          `Problem ${problem.id} resolved after ${problem.incidentCount} reports: ${rootCause}`,
        );
      });
    }
    options.onProgress?.(index + 1, tickets.length);
  }
  // Let the last days' customers answer and agents finish, then stop.
  await scheduler.runUntil(start + (days + 4) * dayMs);
  await slaMonitor.stop();
  await helpdesk.ticketSla.round();
  return {
    helpdesk,
    tickets,
    start,
    days,
    baselineDays,
    elapsedMs: performance.now() - startedAt,
    telemetry: options.telemetry,
  };
}
