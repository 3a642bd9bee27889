import { type Decision, GuardloopError } from '@guardloop/core';
import { aiSdkErrorCodes } from './ai-sdk-error-codes';

const code = aiSdkErrorCodes.toolCallEscalated;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/**
 * The tool call needs a human, and no approval was found: the host did not pass `toolApproval`
 * to the AI SDK, or the approval was denied. The action was not run.
 */
export class ToolCallEscalatedError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly toolName: string;
  readonly decision: Decision | undefined;
  readonly reason: string;

  constructor({
    toolName,
    reason,
    decision,
  }: { toolName: string; reason: string; decision?: Decision }) {
    super(code, {
      message: `Tool '${toolName}' needs a human approval: ${reason}`,
    });
    this.name = 'ToolCallEscalatedError';
    this.toolName = toolName;
    this.reason = reason;
    this.decision = decision;
  }

  static override isInstance(error: unknown): error is ToolCallEscalatedError {
    return GuardloopError.hasMarker(error, marker);
  }
}
