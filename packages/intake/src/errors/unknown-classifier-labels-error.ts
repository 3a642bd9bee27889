import { GuardloopError } from '@guardloop/core';
import { intakeErrorCodes } from './intake-error-codes';

const code = intakeErrorCodes.unknownClassifierLabels;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** A classifier can answer labels that are not categories of the taxonomy. */
export class UnknownClassifierLabelsError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly unknownLabels: readonly string[];

  constructor({ unknownLabels }: { unknownLabels: readonly string[] }) {
    const shown = unknownLabels.slice(0, 10).map((label) => `'${label}'`);
    const more = unknownLabels.length > 10 ? ` (and ${unknownLabels.length - 10} more)` : '';
    super(code, {
      message: `Classifier labels outside the taxonomy: ${shown.join(', ')}${more}.`,
    });
    this.name = 'UnknownClassifierLabelsError';
    this.unknownLabels = unknownLabels;
  }

  static override isInstance(error: unknown): error is UnknownClassifierLabelsError {
    return GuardloopError.hasMarker(error, marker);
  }
}
