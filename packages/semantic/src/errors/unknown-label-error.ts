import { GuardloopError } from '@guardloop/core';
import { semanticErrorCodes } from './semantic-error-codes';

const code = semanticErrorCodes.unknownLabel;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** A label that is not in the classifier's label set (training example, rail config...). */
export class UnknownLabelError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly label: string;
  readonly labels: readonly string[];

  constructor({ label, labels }: { label: string; labels: readonly string[] }) {
    super(code, {
      message: `Unknown label '${label}'. Known labels: ${labels.join(', ')}.`,
    });
    this.name = 'UnknownLabelError';
    this.label = label;
    this.labels = labels;
  }

  static override isInstance(error: unknown): error is UnknownLabelError {
    return GuardloopError.hasMarker(error, marker);
  }
}
