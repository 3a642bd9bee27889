import { GuardloopError } from '@guardloop/core';
import { deterministicErrorCodes } from './deterministic-error-codes';

/** A role inherits from a role that the RBAC policy does not define. */
export class UnknownRoleError extends GuardloopError {
  readonly role: string;
  readonly referencedBy: string;

  constructor({
    role,
    referencedBy,
    definedRoles,
  }: { role: string; referencedBy: string; definedRoles: readonly string[] }) {
    super(deterministicErrorCodes.unknownRole, {
      message:
        `Role '${referencedBy}' inherits from '${role}', which the RBAC policy does not define. ` +
        `Defined roles: ${definedRoles.join(', ') || 'none'}.`,
    });
    this.name = 'UnknownRoleError';
    this.role = role;
    this.referencedBy = referencedBy;
  }
}
