import { GuardloopError } from '@guardloop/core';
import { deterministicErrorCodes } from './deterministic-error-codes';

const code = deterministicErrorCodes.unknownRbacAction;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/**
 * A permission of the RBAC policy names an action that is missing from the policy's `actions`
 * list (a typo, or an action not declared yet). Not the undo log's `unknown_action`.
 */
export class UnknownRbacActionError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
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
    super(code, {
      message:
        `Role '${role}' has a '${effect}' permission on action '${action}', which is not in the ` +
        `policy's actions (${declaredActions.join(', ')}). Declare it in 'actions' or fix the name.`,
    });
    this.name = 'UnknownRbacActionError';
    this.action = action;
    this.role = role;
  }

  static override isInstance(error: unknown): error is UnknownRbacActionError {
    return GuardloopError.hasMarker(error, marker);
  }
}
