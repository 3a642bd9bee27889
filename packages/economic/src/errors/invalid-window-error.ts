import { GuardloopError } from '@guardloop/core';
import { economicErrorCodes } from './economic-error-codes';

/** A window or period is not a positive duration: `'7x'`, `'0m'`, `-5`, `'1.5.h'`... */
export class InvalidWindowError extends GuardloopError {
  /** The rejected value, as given. */
  readonly window: unknown;
  /** Where it was given, e.g. `slo 'checkout'.alerts.0.longWindow`. */
  readonly subject: string;

  constructor({ window, subject, reason }: { window: unknown; subject: string; reason: string }) {
    const shown = typeof window === 'string' ? `'${window}'` : String(window);
    super(economicErrorCodes.invalidWindow, {
      message: `Invalid window for ${subject}: ${shown} ${reason}. Use a positive number of milliseconds or a duration such as '500ms', '30s', '5m', '1h', '30d' or '2w'.`,
    });
    this.name = 'InvalidWindowError';
    this.window = window;
    this.subject = subject;
  }
}
