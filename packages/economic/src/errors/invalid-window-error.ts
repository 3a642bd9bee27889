import { GuardloopError } from '@guardloop/core';
import { EconomicConfigurationError } from './economic-configuration-error';
import { economicErrorCodes } from './economic-error-codes';

const code = economicErrorCodes.invalidWindow;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** A window or period is not a positive duration: `'7x'`, `'0m'`, `-5`, `'1.5.h'`... */
export class InvalidWindowError extends EconomicConfigurationError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  /** The rejected value, as given. */
  readonly window: unknown;

  /** `subject` says where the window was given, e.g. `slo 'checkout'.alerts.0.longWindow`. */
  constructor({ window, subject, reason }: { window: unknown; subject: string; reason: string }) {
    const shown = typeof window === 'string' ? `'${window}'` : String(window);
    super(code, {
      subject,
      issues: [{ path: '', message: `${shown} ${reason}` }],
      message: `Invalid window for ${subject}: ${shown} ${reason}. Use a positive number of milliseconds or a duration such as '500ms', '30s', '5m', '1h', '30d' or '2w'.`,
    });
    this.name = 'InvalidWindowError';
    this.window = window;
  }

  static override isInstance(error: unknown): error is InvalidWindowError {
    return GuardloopError.hasMarker(error, marker);
  }
}
