import { GuardloopError } from '@guardloop/core';
import { deterministicErrorCodes } from './deterministic-error-codes';

const code = deterministicErrorCodes.unknownRole;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** A role inherits from a role that the RBAC policy does not define. */
export class UnknownRoleError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly role: string;
  readonly referencedBy: string;

  constructor({
    role,
    referencedBy,
    definedRoles,
  }: { role: string; referencedBy: string; definedRoles: readonly string[] }) {
    super(code, {
      message:
        `Role '${referencedBy}' inherits from '${role}', which the RBAC policy does not define. ` +
        `Defined roles: ${definedRoles.join(', ') || 'none'}.`,
    });
    this.name = 'UnknownRoleError';
    this.role = role;
    this.referencedBy = referencedBy;
  }

  static override isInstance(error: unknown): error is UnknownRoleError {
    return GuardloopError.hasMarker(error, marker);
  }
}
