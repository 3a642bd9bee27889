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
const humanSuffix = ':human-action';
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
 * idempotency key names an item being approved (or rejected with the reviewer's own action),
 * by the token's reviewer, for this action, and the run's input hashes to the decided hash. Anything else is refused, so a token
 * written by a client (or replayed for another input) cannot run an irreversible action.
 */
export function createInboxApprovalVerifier(options: InboxApprovalVerifierOptions): VerifyApproval {
  parseInput(optionsSchema, options, 'inbox approval verifier options');
  const { verify } = options;
  const store = validatedStore(options.store);
  /** Whether `itemId`'s decision approved exactly this run (`humanAction`: the reviewer's own). */
  async function approves(
    itemId: string,
    humanAction: boolean,
    token: ApprovalToken,
    request: Parameters<VerifyApproval>[1],
  ): Promise<boolean> {
    const item = await store.get(itemId);
    const decision = item?.decision;
    if (item === undefined || item.status !== 'approving' || !decision) return false;
    const actionName = humanAction ? decision.humanAction?.name : item.action?.name;
    if ((decision.kind === 'reject') !== humanAction || actionName === undefined) return false;
    if (decision.reviewer.id !== token.approvedBy) return false;
    if (actionName !== request.actionName || token.actionName !== request.actionName) return false;
    if (decision.inputHash === undefined || token.signature !== decision.inputHash) return false;
    let actual: string;
    try {
      actual = hashActionInput(request.input);
    } catch {
      return false;
    }
    return actual === decision.inputHash;
  }

  return async (token: ApprovalToken, request) => {
    if (token.idempotencyKey !== request.idempotencyKey) return false;
    if (!token.idempotencyKey.startsWith(prefix)) return false;
    const rest = token.idempotencyKey.slice(prefix.length);
    // `inbox:<id>` runs the item's action; `inbox:<id>:human-action` a rejecting reviewer's own.
    // An id may itself end in the suffix, so both readings are tried; each must match fully.
    let approved = await approves(rest, false, token, request);
    if (!approved && rest.endsWith(humanSuffix))
      approved = await approves(rest.slice(0, -humanSuffix.length), true, token, request);
    if (!approved) return false;
    return verify ? await verify(token, request) : true;
  };
}
