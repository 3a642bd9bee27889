import { GuardloopError } from '@guardloop/core';
import { describeThrown } from '@guardloop/core/internal';
import { undoLogErrorCodes } from './undo-log-error-codes';

export interface SagaStepFailure {
  actionId: string;
  actionName: string;
  reason: 'irreversible' | 'undo_failed';
  error?: unknown;
}

const code = undoLogErrorCodes.sagaFailed;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** A saga step failed; the completed steps before it were rolled back in reverse order. */
export class SagaFailedError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  /** Index of the step that failed. */
  readonly failedStep: number;
  readonly failedActionName: string;
  /** Action ids undone by the rollback, newest first. */
  readonly rolledBack: readonly string[];
  /** Completed steps the rollback could not undo. */
  readonly notRolledBack: readonly SagaStepFailure[];

  constructor(details: {
    failedStep: number;
    failedActionName: string;
    cause: unknown;
    rolledBack: readonly string[];
    notRolledBack: readonly SagaStepFailure[];
  }) {
    const incomplete = details.notRolledBack.length;
    super(code, {
      message: `Saga step ${details.failedStep} ('${details.failedActionName}') failed: ${describeThrown(details.cause)}. Rolled back ${details.rolledBack.length} step(s)${incomplete > 0 ? `; ${incomplete} could not be rolled back` : ''}.`,
      cause: details.cause,
    });
    this.name = 'SagaFailedError';
    this.failedStep = details.failedStep;
    this.failedActionName = details.failedActionName;
    this.rolledBack = details.rolledBack;
    this.notRolledBack = details.notRolledBack;
  }

  static override isInstance(error: unknown): error is SagaFailedError {
    return GuardloopError.hasMarker(error, marker);
  }
}
