import { parseInput } from '@guardloop/core';
import { abortOptionsSchema } from '@guardloop/core/internal';
import { z } from 'zod';
import { NoCandidateQueuesError } from '../errors/no-candidate-queues-error';
import { dayMs, dayOf } from '../schemas/time-range';
import {
  type OutcomeRouter,
  type OutcomeRouterOptions,
  type RouteSuggestion,
  routeRequestSchema,
  routerOptionsSchema,
  routeSuggestionSchema,
  text,
} from './outcome-router-types';
import {
  probabilityBetter,
  type QueuePosterior,
  queuePosteriors,
  thompsonChoice,
} from './queue-posteriors';

const confirmOptionsSchema = z.looseObject({ by: text });
const overrideOptionsSchema = z.looseObject({ queue: text, by: text, reason: text.optional() });

/**
 * Outcome-based routing: per category, Thompson sampling on first contact resolution and on
 * reviewers' decisions (`approved` a success, `approved_with_edits` or `rejected` a failure).
 */
export function createOutcomeRouter(options: OutcomeRouterOptions): OutcomeRouter {
  const config = parseInput(routerOptionsSchema, options, 'outcome router options');
  const { recorder, random = Math.random, prior = { alpha: 1, beta: 1 } } = config;
  const { rerouteThreshold = 0.95, rerouteDraws = 2000 } = config;

  const posteriors = async (
    category: string,
    extraQueue: string | undefined,
    abortSignal?: AbortSignal,
  ) => {
    const candidates = config.queues[category] ?? config.defaultQueues;
    if (!candidates) throw new NoCandidateQueuesError({ category });
    const queues =
      extraQueue && !candidates.includes(extraQueue) ? [...candidates, extraQueue] : candidates;
    const since =
      config.windowDays && dayOf(recorder.clock.now()) - (config.windowDays - 1) * dayMs;
    const rows = await recorder.store.queryAggregates(
      { segment: { category }, ...(since ? { fromDay: since } : {}) },
      { abortSignal },
    );
    return { candidates, all: queuePosteriors(rows, queues, prior) };
  };

  const record = async (
    suggestion: RouteSuggestion,
    decision: { queue: string; by: string; reason?: string | undefined },
    options: unknown,
  ) => {
    const parsed = parseInput(routeSuggestionSchema, suggestion, 'route suggestion');
    const { abortSignal } = parseInput(abortOptionsSchema, options, 'route options') ?? {};
    return recorder.record(
      {
        type: 'routed',
        traceId: parsed.traceId,
        category: parsed.category,
        ...(parsed.ticketId ? { ticketId: parsed.ticketId } : {}),
        ...(parsed.channel ? { channel: parsed.channel } : {}),
        queue: decision.queue,
        suggestedQueue: parsed.queue,
        overridden: decision.queue !== parsed.queue,
        decidedBy: decision.by,
        ...(decision.reason ? { reason: decision.reason } : {}),
      },
      { abortSignal },
    );
  };

  return {
    async suggest(request, suggestOptions) {
      const parsed = parseInput(routeRequestSchema, request, 'route request');
      const { abortSignal } = parseInput(abortOptionsSchema, suggestOptions, 'route options') ?? {};
      const { candidates, all } = await posteriors(
        parsed.category,
        parsed.currentQueue,
        abortSignal,
      );
      const ofCandidates = all.filter((posterior) => candidates.includes(posterior.queue));
      const current = all.find((posterior) => posterior.queue === parsed.currentQueue);
      if (!current)
        return {
          ...parsed,
          queue: thompsonChoice(ofCandidates, random).queue,
          reroute: false,
          posteriors: all,
        };
      // Moving a ticket is costly: only on strong evidence, never on one exploratory draw.
      const others = ofCandidates.filter((posterior) => posterior !== current);
      const best = others.reduce<QueuePosterior | undefined>(
        (a, b) => (!a || b.mean > a.mean ? b : a),
        undefined,
      );
      const probability = best ? probabilityBetter(best, current, rerouteDraws, random) : 0;
      const reroute = best !== undefined && probability >= rerouteThreshold;
      const queue = reroute && best ? best.queue : current.queue;
      return { ...parsed, queue, reroute, probabilityBetter: probability, posteriors: all };
    },
    async confirm(suggestion, confirmOptions) {
      const { by } = parseInput(confirmOptionsSchema, confirmOptions, 'confirm options');
      return record(suggestion, { queue: suggestion?.queue, by }, confirmOptions);
    },
    async override(suggestion, overrideOptions) {
      const decision = parseInput(overrideOptionsSchema, overrideOptions, 'override options');
      return record(suggestion, decision, overrideOptions);
    },
    async posteriors(category, posteriorOptions) {
      const { abortSignal } =
        parseInput(abortOptionsSchema, posteriorOptions, 'route options') ?? {};
      return (await posteriors(parseInput(text, category, 'category'), undefined, abortSignal)).all;
    },
  };
}
