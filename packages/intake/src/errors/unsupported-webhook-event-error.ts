import { GuardloopError } from '@guardloop/core';
import { intakeErrorCodes } from './intake-error-codes';

const code = intakeErrorCodes.unsupportedWebhookEvent;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/**
 * A well-formed webhook of an event type or payload version the mapper does not handle. A host
 * usually answers 2xx (so the help desk does not retry) and logs it.
 */
export class UnsupportedWebhookEventError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly vendor: string;
  readonly eventType: string;
  readonly version: string | undefined;

  constructor({
    vendor,
    eventType,
    version,
  }: { vendor: string; eventType: string; version?: string | undefined }) {
    const at = version === undefined ? '' : ` (version '${version}')`;
    super(code, { message: `Unsupported ${vendor} webhook event '${eventType}'${at}.` });
    this.name = 'UnsupportedWebhookEventError';
    this.vendor = vendor;
    this.eventType = eventType;
    this.version = version;
  }

  static override isInstance(error: unknown): error is UnsupportedWebhookEventError {
    return GuardloopError.hasMarker(error, marker);
  }
}
