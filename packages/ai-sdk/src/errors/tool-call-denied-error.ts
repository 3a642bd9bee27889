import { type Decision, GuardloopError } from '@guardloop/core';
import { aiSdkErrorCodes } from './ai-sdk-error-codes';

/** A rail denied the tool call; the action was not run. The model sees the reason. */
export class ToolCallDeniedError extends GuardloopError {
  readonly toolName: string;
  readonly decision: Decision;

  constructor({ toolName, decision }: { toolName: string; decision: Decision }) {
    super(aiSdkErrorCodes.toolCallDenied, {
      message: `Tool '${toolName}' was denied: ${decision.reason}`,
    });
    this.name = 'ToolCallDeniedError';
    this.toolName = toolName;
    this.decision = decision;
  }

  static override isInstance(error: unknown): error is ToolCallDeniedError {
    return GuardloopError.hasCode(error, aiSdkErrorCodes.toolCallDenied);
  }
}
