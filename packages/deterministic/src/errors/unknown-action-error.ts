import { GuardloopError } from '@guardloop/core';
import { deterministicErrorCodes } from './deterministic-error-codes';

/** A permission names an action that is missing from the RBAC policy's `actions` list. */
export class UnknownActionError extends GuardloopError {
  readonly action: string;
  readonly role: string;

  constructor({
    action,
    role,
    effect,
    declaredActions,
  }: {
    action: string;
    role: string;
    effect: 'allow' | 'deny';
    declaredActions: readonly string[];
  }) {
    super(deterministicErrorCodes.unknownAction, {
      message:
        `Role '${role}' has a '${effect}' permission on action '${action}', which is not in the ` +
        `policy's actions (${declaredActions.join(', ')}). Declare it in 'actions' or fix the name.`,
    });
    this.name = 'UnknownActionError';
    this.action = action;
    this.role = role;
  }
}
