import { GuardloopError, type InputIssue } from '@guardloop/core';
import { summarizeIssues } from '@guardloop/core/internal';
import { intakeErrorCodes } from './intake-error-codes';

const code = intakeErrorCodes.invalidWebhookPayload;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/**
 * A help-desk webhook payload lacks a field the mapper uses, or has it in the wrong shape.
 * `issues` name each path (e.g. `detail.id`); answer the help desk with a 4xx, never retry.
 */
export class InvalidWebhookPayloadError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly vendor: string;
  readonly issues: readonly InputIssue[];

  constructor({
    vendor,
    issues,
    cause,
  }: { vendor: string; issues: readonly InputIssue[]; cause?: unknown }) {
    super(code, {
      message: `Invalid ${vendor} webhook payload: ${summarizeIssues(issues)}`,
      cause,
    });
    this.name = 'InvalidWebhookPayloadError';
    this.vendor = vendor;
    this.issues = issues;
  }

  static override isInstance(error: unknown): error is InvalidWebhookPayloadError {
    return GuardloopError.hasMarker(error, marker);
  }
}
