import { z } from 'zod';
import type { OutcomeRecorder, RecordResult } from '../recorder/create-outcome-recorder';
import { randomSchema } from '../schemas/dependency-schemas';
import type { FeedbackCallOptions } from '../store/feedback-store';
import type { BetaPrior, QueuePosterior } from './queue-posteriors';

export const text = z.string().min(1);
const queueList = z.array(text).min(1);

export const routerOptionsSchema = z.object({
  recorder: z.custom<OutcomeRecorder>(
    (value) => typeof (value as OutcomeRecorder | undefined)?.record === 'function',
    'Expected an OutcomeRecorder (createOutcomeRecorder())',
  ),
  queues: z.record(text, queueList),
  defaultQueues: queueList.optional(),
  random: randomSchema.optional(),
  prior: z.object({ alpha: z.number().positive(), beta: z.number().positive() }).optional(),
  windowDays: z.number().int().positive().optional(),
  rerouteThreshold: z.number().gt(0.5).max(1).optional(),
  rerouteDraws: z.number().int().positive().max(100_000).optional(),
});

export const routeRequestSchema = z.object({
  traceId: text,
  category: text,
  currentQueue: text.optional(),
  ticketId: text.optional(),
  channel: text.optional(),
});

export const routeSuggestionSchema = routeRequestSchema.extend({ queue: text });

export interface OutcomeRouterOptions {
  /** Where routing decisions are recorded; the router learns from its store's aggregates. */
  recorder: OutcomeRecorder;
  /** Candidate queues per category. */
  queues: Record<string, readonly string[]>;
  /** Candidates for categories not in `queues`. */
  defaultQueues?: readonly string[];
  /** Uniform [0, 1) source; inject `createSeededRandom(seed)` for reproducible runs. */
  random?: () => number;
  /** Beta prior of every queue. Default { alpha: 1, beta: 1 } (uniform). */
  prior?: BetaPrior;
  /** Learn only from traces that started in the last N days (drift). Default: all. */
  windowDays?: number;
  /** A reroute is suggested when P(better queue beats current) reaches this. Default 0.95. */
  rerouteThreshold?: number;
  /** Monte Carlo draws for that probability. Default 2000. */
  rerouteDraws?: number;
}

export type RouteRequest = z.input<typeof routeRequestSchema>;

export interface RouteSuggestion extends RouteRequest {
  /** The suggested queue: a Thompson-sampling choice, or for a reroute the best posterior mean. */
  queue: string;
  /** True when `currentQueue` was given and moving to `queue` is suggested. */
  reroute: boolean;
  /** P(`queue` resolves better than `currentQueue`), when a reroute was considered. */
  probabilityBetter?: number;
  posteriors: QueuePosterior[];
}

export interface OutcomeRouter {
  /**
   * A soft suggestion: nothing is recorded until `confirm` or `override`.
   * @throws InvalidInputError (`invalid_input`); NoCandidateQueuesError (`no_candidate_queues`)
   */
  suggest(request: RouteRequest, options?: FeedbackCallOptions): Promise<RouteSuggestion>;
  /** Records the suggested queue as the routing decision. @throws InvalidInputError */
  confirm(
    suggestion: RouteSuggestion,
    options: { by: string } & FeedbackCallOptions,
  ): Promise<RecordResult>;
  /** Records the human's different choice: itself an outcome (`routed` with `overridden`). @throws InvalidInputError */
  override(
    suggestion: RouteSuggestion,
    options: { queue: string; by: string; reason?: string } & FeedbackCallOptions,
  ): Promise<RecordResult>;
  /** The current posteriors of a category's candidates. @throws InvalidInputError, NoCandidateQueuesError */
  posteriors(category: string, options?: FeedbackCallOptions): Promise<QueuePosterior[]>;
}
