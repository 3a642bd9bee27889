import { InvalidInputError } from '@guardloop/core';
import {
  ActionNotRegisteredError,
  AlreadyDecidedError,
  EditRefusedError,
  EscalationNotFoundError,
  InputHashMismatchError,
  LeaseHeldError,
  ReviewerNotAuthorizedError,
} from '@guardloop/inbox';
import { ActionNotFoundError, IrreversibleActionError } from '@guardloop/undo-log';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { NotAutonomousActionError } from '../app/not-autonomous-action-error';

export interface FieldError {
  field: string;
  message: string;
}

/** A refusal the console shows as a page with a status code (and the field errors for 400). */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
  }
}

export const fieldErrorsOf = (error: z.ZodError): FieldError[] =>
  error.issues.map((issue) => ({
    field: issue.path.join('.') || '(form)',
    message: issue.message,
  }));

/** Maps guardloop's typed errors to HTTP: every refusal keeps its stable code in the message. */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (InvalidInputError.isInstance(error))
    return new HttpError(
      400,
      error.message,
      error.issues.map((issue) => ({ field: issue.path || '(input)', message: issue.message })),
    );
  if (ActionNotRegisteredError.isInstance(error)) return new HttpError(400, error.message);
  if (EscalationNotFoundError.isInstance(error) || ActionNotFoundError.isInstance(error))
    return new HttpError(404, error.message);
  if (ReviewerNotAuthorizedError.isInstance(error)) return new HttpError(403, error.message);
  if (
    AlreadyDecidedError.isInstance(error) ||
    LeaseHeldError.isInstance(error) ||
    InputHashMismatchError.isInstance(error) ||
    IrreversibleActionError.isInstance(error) ||
    NotAutonomousActionError.isInstance(error)
  )
    return new HttpError(409, error.message);
  if (EditRefusedError.isInstance(error)) return new HttpError(422, error.message);
  return new HttpError(500, 'Something went wrong; the decision was not changed.');
}
