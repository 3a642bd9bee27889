import { GuardloopError } from '@guardloop/core';
import { aiSdkErrorCodes } from './ai-sdk-error-codes';

const code = aiSdkErrorCodes.approvalUnverified;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/**
 * The conversation holds an approval, but nothing on the server vouched for it: `verifyApproval`
 * refused or threw, or none is configured (client approvals are not trusted by default).
 * The action was not run.
 */
export class ApprovalUnverifiedError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly toolName: string;
  readonly approvalId: string;
  readonly reason: string;

  constructor({
    toolName,
    approvalId,
    reason,
    cause,
  }: { toolName: string; approvalId: string; reason: string; cause?: unknown }) {
    super(code, {
      message: `The approval '${approvalId}' of tool '${toolName}' was not verified: ${reason}`,
      cause,
    });
    this.name = 'ApprovalUnverifiedError';
    this.toolName = toolName;
    this.approvalId = approvalId;
    this.reason = reason;
  }

  static override isInstance(error: unknown): error is ApprovalUnverifiedError {
    return GuardloopError.hasMarker(error, marker);
  }
}
