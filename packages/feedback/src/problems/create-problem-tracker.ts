import { parseInput, randomIdGenerator, systemClock } from '@guardloop/core';
import { abortOptionsSchema } from '@guardloop/core/internal';
import { z } from 'zod';
import { ConcurrentUpdateError } from '../errors/concurrent-update-error';
import { ProblemNotFoundError } from '../errors/problem-not-found-error';
import { findProblemMatch, findResolvedProblem } from './find-problem-match';
import { addIncident, newProblem } from './problem-records';
import type { Problem } from './problem-schemas';
import {
  incidentInputSchema,
  type ProblemTracker,
  type ProblemTrackerOptions,
  resolveSchema,
  trackerOptionsSchema,
} from './problem-tracker-types';

const problemIdSchema = z.string().min(1);

const abortOf = (options: unknown) =>
  parseInput(abortOptionsSchema, options, 'options')?.abortSignal;

/** Problem management: recurring incidents with the same root cause become one problem record. */
export function createProblemTracker(options: ProblemTrackerOptions): ProblemTracker {
  const config = parseInput(trackerOptionsSchema, options, 'problem tracker options');
  const { store, clock = systemClock, idGenerator = randomIdGenerator, maxAttempts = 8 } = config;
  const settings = {
    minIncidents: config.minIncidents ?? 3,
    maxIncidentsKept: config.maxIncidentsKept ?? 100,
  };
  const windows = {
    fingerprintWindowMs: config.fingerprintWindowMs ?? 7 * 86_400_000,
    categoryWindowMs: config.categoryWindowMs ?? 3_600_000,
  };

  const load = async (problemId: unknown, abortSignal?: AbortSignal) => {
    const id = parseInput(problemIdSchema, problemId, 'problem id');
    const problem = await store.getProblem(id, { abortSignal });
    if (!problem) throw new ProblemNotFoundError({ problemId: id });
    return problem;
  };

  return {
    async track(input, trackOptions) {
      const abortSignal = abortOf(trackOptions);
      const parsed = parseInput(incidentInputSchema, input, 'incident');
      const incident = { ...parsed, at: parsed.at ?? clock.now() };
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        const match = await findProblemMatch(store, incident, windows, abortSignal);
        if (match.problem?.incidents.some((known) => known.traceId === incident.traceId)) {
          return {
            problem: match.problem,
            matchedBy: match.by,
            becameProblem: false,
            duplicate: true,
          };
        }
        const now = clock.now();
        if (match.problem) {
          const next = addIncident(match.problem, incident, match.by, now, settings);
          const written = await store.putProblem(next, {
            expectedRevision: match.problem.revision,
            abortSignal,
          });
          if (!written.ok) continue;
          const becameProblem = match.problem.status === 'candidate' && next.status === 'open';
          return { problem: written.record, matchedBy: match.by, becameProblem, duplicate: false };
        }
        const previous = await findResolvedProblem(store, incident.fingerprint, abortSignal);
        const created = newProblem(idGenerator(), incident, previous?.id, now, settings);
        const written = await store.putProblem(created, { expectedRevision: null, abortSignal });
        if (!written.ok) continue;
        return {
          problem: written.record,
          matchedBy: 'new',
          becameProblem: created.status === 'open',
          duplicate: false,
        };
      }
      throw new ConcurrentUpdateError({
        record: `problems of trace '${incident.traceId}'`,
        attempts: maxAttempts,
      });
    },
    async resolve(problemId, resolution) {
      const abortSignal = abortOf(resolution);
      const { by, rootCause } = parseInput(resolveSchema, resolution, 'resolution');
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        const current = await load(problemId, abortSignal);
        const now = clock.now();
        const next: Problem = {
          ...current,
          status: 'resolved',
          resolvedAt: now,
          resolvedBy: by,
          revision: current.revision + 1,
          updatedAt: now,
        };
        if (rootCause) next.rootCause = rootCause;
        const written = await store.putProblem(next, {
          expectedRevision: current.revision,
          abortSignal,
        });
        if (written.ok) return written.record;
      }
      throw new ConcurrentUpdateError({
        record: `problem '${String(problemId)}'`,
        attempts: maxAttempts,
      });
    },
    get: async (problemId, getOptions) => load(problemId, abortOf(getOptions)),
    list: async (query = {}, listOptions) =>
      store.listProblems(query, { abortSignal: abortOf(listOptions) }),
  };
}
