import { parseInput } from '@guardloop/core';
import { type ApprovalToken, hashActionInput, type VerifyApproval } from '@guardloop/undo-log';
import { z } from 'zod';
import type { InboxStore } from '../store/inbox-store';
import { validatedStore } from '../store/validated-store';

export interface InboxApprovalVerifierOptions {
  store: InboxStore;
  /** Extra check, e.g. a signature scheme of the host's own. */
  verify?: VerifyApproval;
}

const prefix = 'inbox:';
const isFunction = (value: unknown) => typeof value === 'function';
const optionsSchema = z.object({
  store: z.custom<InboxStore>(
    (value) => isFunction((value as InboxStore | null)?.get),
    'Expected an InboxStore',
  ),
  verify: z.custom<VerifyApproval>(isFunction, 'Expected a function').optional(),
});

/**
 * A `verifyApproval` for the undo log that trusts only approvals the inbox holds: the token's
 * idempotency key names an item being approved, by the token's reviewer, for this action, and
 * the run's input hashes to the approved input hash. Anything else is refused, so a token
 * written by a client (or replayed for another input) cannot run an irreversible action.
 */
export function createInboxApprovalVerifier(options: InboxApprovalVerifierOptions): VerifyApproval {
  parseInput(optionsSchema, options, 'inbox approval verifier options');
  const { verify } = options;
  const store = validatedStore(options.store);
  return async (token: ApprovalToken, request) => {
    if (token.idempotencyKey !== request.idempotencyKey) return false;
    if (!token.idempotencyKey.startsWith(prefix)) return false;
    const item = await store.get(token.idempotencyKey.slice(prefix.length));
    const decision = item?.decision;
    if (item === undefined || item.status !== 'approving' || !decision) return false;
    if (decision.kind === 'reject' || decision.reviewer.id !== token.approvedBy) return false;
    if (item.action.name !== request.actionName || token.actionName !== request.actionName)
      return false;
    if (decision.inputHash === undefined || token.signature !== decision.inputHash) return false;
    let actual: string;
    try {
      actual = hashActionInput(request.input);
    } catch {
      return false;
    }
    if (actual !== decision.inputHash) return false;
    return verify ? await verify(token, request) : true;
  };
}
