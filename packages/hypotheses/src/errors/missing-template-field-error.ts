import { GuardloopError } from '@guardloop/core';
import { hypothesesErrorCodes } from './hypotheses-error-codes';

const code = hypothesesErrorCodes.missingTemplateField;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/**
 * A candidate's input template refers to a signal field the signal does not have (or, inside a
 * longer string, one that is not text, a number or a boolean). Thrown when hypotheses are
 * proposed: the signal is only known then.
 */
export class MissingTemplateFieldError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  /** The signal field, e.g. `payload.accountId`. */
  readonly field: string;
  /** Where the template sits in the playbook, e.g. `entries.0.candidates.1.action.input.accountId`. */
  readonly path: string;
  readonly candidateId: string;

  constructor({ field, path, candidateId }: { field: string; path: string; candidateId: string }) {
    super(code, {
      message: `Candidate '${candidateId}' needs signal field '${field}' (template at ${path}), which the signal does not provide.`,
    });
    this.name = 'MissingTemplateFieldError';
    this.field = field;
    this.path = path;
    this.candidateId = candidateId;
  }

  static override isInstance(error: unknown): error is MissingTemplateFieldError {
    return GuardloopError.hasMarker(error, marker);
  }
}
