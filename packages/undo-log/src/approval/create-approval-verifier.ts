import type { ApprovalRequest, ApprovalToken, VerifyApproval } from './approval-token';

export interface ApprovalVerifierOptions {
  /** Tokens older than this are refused. Default: 24 hours. */
  maxAgeMs?: number;
  /** Extra check, e.g. a signature or that `approvedBy` is a human with the right role. */
  verify?: VerifyApproval;
}

const defaultMaxAgeMs = 24 * 60 * 60 * 1000;

/**
 * The default `verifyApproval`: the token must name this action and idempotency key, must
 * not come from the future and must be fresh. It cannot prove that a human signed it: pass
 * `verify` to check a signature in production.
 */
export function createApprovalVerifier(options: ApprovalVerifierOptions = {}): VerifyApproval {
  const maxAgeMs = options.maxAgeMs ?? defaultMaxAgeMs;
  return async (token: ApprovalToken, request: ApprovalRequest) => {
    if (token.actionName !== request.actionName) return false;
    if (token.idempotencyKey !== request.idempotencyKey) return false;
    if (token.approvedAt > request.now || request.now - token.approvedAt > maxAgeMs) return false;
    return options.verify ? await options.verify(token, request) : true;
  };
}
