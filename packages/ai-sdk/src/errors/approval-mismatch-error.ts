import { GuardloopError } from '@guardloop/core';
import type { ApprovalBinding } from '../approval/approval-binding';
import { aiSdkErrorCodes } from './ai-sdk-error-codes';

const code = aiSdkErrorCodes.approvalMismatch;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/**
 * The approval was given for another call than the one about to run: another actor, action,
 * tool call or input (e.g. the client edited the tool call's input after the human approved).
 * The action was not run.
 */
export class ApprovalMismatchError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly toolName: string;
  readonly approvalId: string;
  /** The bound fields that differ, e.g. `['inputHash']`. */
  readonly fields: readonly (keyof ApprovalBinding)[];

  constructor({
    toolName,
    approvalId,
    fields,
  }: { toolName: string; approvalId: string; fields: readonly (keyof ApprovalBinding)[] }) {
    super(code, {
      message: `The approval '${approvalId}' of tool '${toolName}' was given for another call (${fields.join(', ')} differ): nothing ran.`,
    });
    this.name = 'ApprovalMismatchError';
    this.toolName = toolName;
    this.approvalId = approvalId;
    this.fields = fields;
  }

  static override isInstance(error: unknown): error is ApprovalMismatchError {
    return GuardloopError.hasMarker(error, marker);
  }
}
