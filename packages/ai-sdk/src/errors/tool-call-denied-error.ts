import { type Decision, GuardloopError } from '@guardloop/core';
import { aiSdkErrorCodes } from './ai-sdk-error-codes';

const code = aiSdkErrorCodes.toolCallDenied;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** A rail denied the tool call; the action was not run. The model sees the reason. */
export class ToolCallDeniedError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly toolName: string;
  readonly decision: Decision;

  constructor({ toolName, decision }: { toolName: string; decision: Decision }) {
    super(code, {
      message: `Tool '${toolName}' was denied: ${decision.reason}`,
    });
    this.name = 'ToolCallDeniedError';
    this.toolName = toolName;
    this.decision = decision;
  }

  static override isInstance(error: unknown): error is ToolCallDeniedError {
    return GuardloopError.hasMarker(error, marker);
  }
}
