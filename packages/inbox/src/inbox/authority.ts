import type { Actor } from '@guardloop/core';
import { ReviewerNotAuthorizedError } from '../errors/reviewer-not-authorized-error';
import type { InboxDecision, InboxItem, ProposedAction } from '../item/inbox-item';
import type { InboxRuntime } from './inbox-runtime';

type Refusal = { outcome: string; reason: string };

type Checked = Pick<ProposedAction, 'name' | 'resource'> | null;

/**
 * Who may take `kind` on the item: a human, never approving their own request, holding an RBAC
 * grant for `action` (and its resource) when a policy is configured. `action` is the proposed
 * one unless given (a rejecting reviewer's own action); without one (a signal escalated with
 * no action) nothing runs, so any human may decide.
 */
export function findRefusal(
  runtime: InboxRuntime,
  item: InboxItem,
  reviewer: Actor,
  kind: InboxDecision['kind'],
  action: Checked = item.action,
): Refusal | undefined {
  if (reviewer.type !== 'human')
    return { outcome: 'not_human', reason: 'only human reviewers decide escalations' };
  if (kind !== 'reject' && item.requestedBy?.id === reviewer.id)
    return { outcome: 'self_approval', reason: 'nobody approves their own request' };
  if (runtime.policy === undefined || action === null) return undefined;
  const check = runtime.policy.check({
    actor: reviewer,
    action: action.name,
    ...(action.resource === null ? {} : { resource: action.resource }),
  });
  return check.allowed ? undefined : { outcome: check.outcome, reason: check.reason };
}

/** Throws `reviewer_not_authorized` after recording the refused attempt in the history. */
export async function assertAuthority(
  runtime: InboxRuntime,
  item: InboxItem,
  reviewer: Actor,
  kind: InboxDecision['kind'],
  action: Checked = item.action,
): Promise<void> {
  const refusal = findRefusal(runtime, item, reviewer, kind, action);
  if (refusal === undefined) return;
  await runtime.store.append(item.id, [
    {
      type: 'authority_denied',
      at: runtime.clock.now(),
      actor: reviewer,
      details: {
        decision: kind,
        outcome: refusal.outcome,
        reason: refusal.reason,
        ...(action !== item.action && action !== null ? { humanAction: action.name } : {}),
      },
    },
  ]);
  throw new ReviewerNotAuthorizedError({
    escalationId: item.id,
    reviewerId: reviewer.id,
    ...refusal,
  });
}
