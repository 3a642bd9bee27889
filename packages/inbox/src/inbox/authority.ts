import type { Actor } from '@guardloop/core';
import { ReviewerNotAuthorizedError } from '../errors/reviewer-not-authorized-error';
import type { InboxDecision, InboxItem } from '../item/inbox-item';
import type { InboxRuntime } from './inbox-runtime';

type Refusal = { outcome: string; reason: string };

/**
 * Who may take `kind` on the item: a human, never approving their own request, holding an RBAC
 * grant for the proposed action (and its resource) when a policy is configured.
 */
export function findRefusal(
  runtime: InboxRuntime,
  item: InboxItem,
  reviewer: Actor,
  kind: InboxDecision['kind'],
): Refusal | undefined {
  if (reviewer.type !== 'human')
    return { outcome: 'not_human', reason: 'only human reviewers decide escalations' };
  if (kind !== 'reject' && item.requestedBy?.id === reviewer.id)
    return { outcome: 'self_approval', reason: 'nobody approves their own request' };
  if (runtime.policy === undefined) return undefined;
  const check = runtime.policy.check({
    actor: reviewer,
    action: item.action.name,
    ...(item.action.resource === null ? {} : { resource: item.action.resource }),
  });
  return check.allowed ? undefined : { outcome: check.outcome, reason: check.reason };
}

/** Throws `reviewer_not_authorized` after recording the refused attempt in the history. */
export async function assertAuthority(
  runtime: InboxRuntime,
  item: InboxItem,
  reviewer: Actor,
  kind: InboxDecision['kind'],
): Promise<void> {
  const refusal = findRefusal(runtime, item, reviewer, kind);
  if (refusal === undefined) return;
  await runtime.store.append(item.id, [
    {
      type: 'authority_denied',
      at: runtime.clock.now(),
      actor: reviewer,
      details: { decision: kind, outcome: refusal.outcome, reason: refusal.reason },
    },
  ]);
  throw new ReviewerNotAuthorizedError({
    escalationId: item.id,
    reviewerId: reviewer.id,
    ...refusal,
  });
}
