import { InvalidInputError } from '../errors/invalid-input-error';
import type { Ticket } from '../schemas/ticket';
import { throwIfAborted } from '../utils/abort';
import { describeThrown } from '../utils/json-value';

/**
 * One checkable part of a ticket's definition of done, e.g. "the customer can log in again".
 * `check` may look things up (async); it receives an AbortSignal.
 */
export interface ResolutionCriterion {
  id: string;
  description: string;
  /** Limit the criterion to some tickets, e.g. one category. Default: every ticket. */
  appliesTo?: (ticket: Ticket) => boolean;
  check: (ticket: Ticket, options: { abortSignal: AbortSignal }) => boolean | Promise<boolean>;
}

export interface CriterionResult {
  id: string;
  description: string;
  met: boolean;
  /** Present when the check threw: a failing check counts as unmet. */
  error?: string;
}

/** Runs every applicable criterion and reports each as met or unmet. */
export async function evaluateResolutionCriteria(
  ticket: Ticket,
  criteria: readonly ResolutionCriterion[],
  options: { abortSignal?: AbortSignal } = {},
): Promise<CriterionResult[]> {
  const abortSignal = options?.abortSignal;
  throwIfAborted(abortSignal);
  const criterionSignal = abortSignal ?? new AbortController().signal;
  if (!Array.isArray(criteria)) {
    throw new InvalidInputError({
      subject: 'resolution criteria',
      issues: [{ path: '', message: 'Expected an array of criteria' }],
    });
  }
  const results = await Promise.all(
    criteria.map(async (criterion): Promise<CriterionResult | undefined> => {
      const base = { id: String(criterion?.id), description: String(criterion?.description) };
      try {
        // A scope check that throws keeps the criterion (as unmet): fail closed.
        if (criterion.appliesTo !== undefined && !criterion.appliesTo(ticket)) {
          return undefined;
        }
        return {
          ...base,
          met: (await criterion.check(ticket, { abortSignal: criterionSignal })) === true,
        };
      } catch (error) {
        // Whatever was thrown (a null-prototype object cannot even be String()ed).
        return { ...base, met: false, error: describeThrown(error) };
      }
    }),
  );
  throwIfAborted(abortSignal);
  return results.filter((result) => result !== undefined);
}
