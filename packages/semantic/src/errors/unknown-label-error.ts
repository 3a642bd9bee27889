import { GuardloopError } from '@guardloop/core';
import { semanticErrorCodes } from './semantic-error-codes';

/** A label that is not in the classifier's label set (training example, rail config...). */
export class UnknownLabelError extends GuardloopError {
  readonly label: string;
  readonly labels: readonly string[];

  constructor({ label, labels }: { label: string; labels: readonly string[] }) {
    super(semanticErrorCodes.unknownLabel, {
      message: `Unknown label '${label}'. Known labels: ${labels.join(', ')}.`,
    });
    this.name = 'UnknownLabelError';
    this.label = label;
    this.labels = labels;
  }

  static override isInstance(error: unknown): error is UnknownLabelError {
    return GuardloopError.hasCode(error, semanticErrorCodes.unknownLabel);
  }
}
