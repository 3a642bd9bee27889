import { type Awaitable, parseInput } from '@guardloop/core';
import {
  abortOptionsSchema,
  raceAbort,
  storableTextSchema,
  throwIfAborted,
} from '@guardloop/core/internal';
import type { OutcomeRecorder } from '@guardloop/feedback';
import { z } from 'zod';
import { TicketTraceNotFoundError } from '../errors/ticket-trace-not-found-error';

/** A survey answer as the survey tool posts it (unknown fields are ignored). */
export const csatResponseSchema = z.object({
  /** The survey tool's id of this answer: resending it is idempotent. */
  responseId: storableTextSchema({ label: 'responseId', maxBytes: 500 }),
  ticketId: storableTextSchema({ label: 'ticketId', maxBytes: 512 }),
  /** 1 (very unsatisfied) to 5 (very satisfied). */
  score: z.number().int().min(1).max(5),
  comment: z
    .string()
    .trim()
    .max(10_000)
    .optional()
    .transform((value) => (value === '' ? undefined : value)),
  /** When the customer answered (epoch ms); defaults to the recorder's clock. */
  respondedAt: z.number().int().nonnegative().optional(),
});

export type CsatResponse = z.input<typeof csatResponseSchema>;

export interface CsatTraceResolver {
  /** The trace of the ticket's latest decision, or undefined when none is known. */
  resolveTraceId(
    ticketId: string,
    options: { abortSignal?: AbortSignal | undefined },
  ): Awaitable<string | undefined>;
}

export interface CsatHandlerOptions {
  /** `createOutcomeRecorder(...)` of @guardloop/feedback. */
  feedback: OutcomeRecorder;
  traces: CsatTraceResolver;
}

export interface CsatResult {
  /** `duplicate`: this response id was recorded before with the same content. */
  status: 'recorded' | 'duplicate';
  /** `csat:<responseId>`. */
  outcomeId: string;
  traceId: string;
}

export interface CsatHandler {
  /**
   * Records the `csat` outcome of a survey response on the ticket's latest decision trace.
   * @throws InvalidInputError (`invalid_input`) for a malformed response or options
   * @throws TicketTraceNotFoundError (`ticket_trace_not_found`) when no trace is known for the ticket
   * @throws OutcomeConflictError (`outcome_conflict`, from @guardloop/feedback) when the response id
   * was recorded with another score, comment or trace
   * @throws the abort reason when aborted
   */
  handle(response: unknown, options?: { abortSignal?: AbortSignal }): Promise<CsatResult>;
}

const optionsSchema = z.object({
  feedback: z.custom<OutcomeRecorder>(
    (value) => typeof (value as OutcomeRecorder | null)?.record === 'function',
    { message: 'Expected an outcome recorder (createOutcomeRecorder from @guardloop/feedback)' },
  ),
  traces: z.custom<CsatTraceResolver>(
    (value) => typeof (value as CsatTraceResolver | null)?.resolveTraceId === 'function',
    { message: 'Expected { resolveTraceId(ticketId) }' },
  ),
});

/** Handles CSAT survey responses: validated, idempotent on the response id. */
export function createCsatHandler(options: CsatHandlerOptions): CsatHandler {
  const { feedback, traces } = parseInput(optionsSchema, options, 'createCsatHandler options');
  return {
    async handle(response, handleOptions) {
      const { abortSignal } =
        parseInput(abortOptionsSchema, handleOptions, 'csat handle options') ?? {};
      throwIfAborted(abortSignal);
      const parsed = parseInput(csatResponseSchema, response, 'csat response');
      const traceId = await raceAbort(
        Promise.resolve(traces.resolveTraceId(parsed.ticketId, { abortSignal })),
        abortSignal,
      );
      if (typeof traceId !== 'string' || traceId.length === 0) {
        throw new TicketTraceNotFoundError({ ticketId: parsed.ticketId });
      }
      // The response id is the outcome id, so the recorder's own idempotency dedupes resends.
      const outcomeId = `csat:${parsed.responseId}`;
      const result = await feedback.record(
        {
          id: outcomeId,
          type: 'csat',
          traceId,
          ticketId: parsed.ticketId,
          score: parsed.score,
          ...(parsed.comment === undefined ? {} : { comment: parsed.comment }),
          ...(parsed.respondedAt === undefined ? {} : { at: parsed.respondedAt }),
        },
        { abortSignal },
      );
      return { status: result.status, outcomeId, traceId };
    },
  };
}
