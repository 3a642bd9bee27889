import type { Hypothesis, Intent, LoopResult, ManualClock } from '@guardloop/core';
import type {
  ArtifactRegistry,
  OutcomeRecorder,
  OutcomeRouter,
  ProblemTracker,
  RouteSuggestion,
} from '@guardloop/feedback';
import type { Inbox } from '@guardloop/inbox';
import type { LocalClassifier } from '@guardloop/semantic';
import type { HelpdeskIntent } from '@guardloop/semantic/data';
import type { UndoLog } from '@guardloop/undo-log';
import type { HelpdeskStore } from '../app/helpdesk-store';
import type { EconomicRails } from '../app/rails/economic-rails';
import type { TicketDesk } from '../app/ticket-desk';
import type { TicketFacts } from '../app/ticket-facts';
import type { HelpdeskIntake } from '../intake/helpdesk-intake';
import type { RunLog } from '../report/run-log';
import type { SimulationScheduler } from './simulation-scheduler';
import type { TicketEvent } from './tickets/ticket-event';

/** Everything the simulated people (customers, agents, finance, SREs) act on. */
export interface SimulationContext {
  clock: ManualClock;
  scheduler: SimulationScheduler;
  random: () => number;
  recorder: OutcomeRecorder;
  router: OutcomeRouter;
  problems: ProblemTracker;
  artifacts: ArtifactRegistry;
  desk: TicketDesk;
  /** The front door: replies by mail and CSAT answers come in through it. */
  intake: HelpdeskIntake;
  store: HelpdeskStore;
  undoLog: UndoLog;
  /** Where escalated tickets wait for an agent's decision. */
  inbox: Inbox;
  /** Finishes the loop's run of an escalation once it is decided (`loop.resume`). */
  resume: (escalationId: string) => Promise<LoopResult>;
  economic: EconomicRails;
  local: LocalClassifier<HelpdeskIntent>;
  runLog: RunLog;
  /** False during the baseline phase: no floor calibration, no proposals, no model corrections. */
  learningEnabled: () => boolean;
}

/** One ticket as the simulation follows it after the loop handled it. */
export interface TicketCase {
  ticket: TicketEvent;
  traceId: string;
  /** The category the KPIs file it under: the AI's intent, or `unclassified`. */
  category: string;
  /** The text the classifier saw (personal data redacted). */
  redactedText: string;
  intent?: Intent | undefined;
  hypothesis?: Hypothesis | undefined;
  facts?: TicketFacts | undefined;
  /** The undo-log record of the action the AI took on its own. */
  aiActionId?: string | undefined;
  /** The human queue (or engineering queue) the ticket was routed to. */
  queue?: string | undefined;
  suggestion?: RouteSuggestion | undefined;
}
