import { type Decision, GuardloopError } from '@guardloop/core';
import { aiSdkErrorCodes } from './ai-sdk-error-codes';

/**
 * The tool call needs a human, and no approval was found: the host did not pass `toolApproval`
 * to the AI SDK, or the approval was denied. The action was not run.
 */
export class ToolCallEscalatedError extends GuardloopError {
  readonly toolName: string;
  readonly decision: Decision | undefined;
  readonly reason: string;

  constructor({
    toolName,
    reason,
    decision,
  }: { toolName: string; reason: string; decision?: Decision }) {
    super(aiSdkErrorCodes.toolCallEscalated, {
      message: `Tool '${toolName}' needs a human approval: ${reason}`,
    });
    this.name = 'ToolCallEscalatedError';
    this.toolName = toolName;
    this.reason = reason;
    this.decision = decision;
  }

  static override isInstance(error: unknown): error is ToolCallEscalatedError {
    return GuardloopError.hasCode(error, aiSdkErrorCodes.toolCallEscalated);
  }
}
