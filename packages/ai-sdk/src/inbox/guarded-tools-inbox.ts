import type { Actor, RailResult } from '@guardloop/core';

// Declared here, not imported from @guardloop/inbox: the inbox is an optional peer, and a
// declaration that imports it fails to compile (TS2307) for a consumer without it who checks
// library types. `guarded-tools-inbox.test-d.ts` keeps these in step with the real `Inbox`.

/** The escalation the guarded tools file for a call that needs a human (`Inbox.escalate` input). */
export interface GuardedToolsEscalation {
  /** `<traceId>:<toolCallId>`: one inbox item per tool call. */
  traceId: string;
  action: { name: string; input: unknown; resource?: string };
  requestedBy: Actor;
  /** The rail whose verdict escalated; absent for an irreversible action the rails allowed. */
  rail?: string;
  reason: string;
  evidence?: unknown;
  verdicts: RailResult[];
  abortSignal?: AbortSignal;
}

/** The part of an inbox item (`InboxItem` of `@guardloop/inbox`) the guarded tools read. */
export interface GuardedToolsInboxItem {
  id: string;
  traceId: string;
  /** Null for an escalation without a proposed action (never one the guarded tools filed). */
  action: { name: string } | null;
  /** SHA-256 of the canonical JSON of the escalated input; null without an action. */
  inputHash: string | null;
  reason: string;
  status: 'pending' | 'approving' | 'approved' | 'rejected' | 'failed';
  decision: {
    kind: 'approve' | 'approve_with_edits' | 'reject';
    reviewer: { id: string };
    at: number;
    /** What the approval binds: the hash of the input that runs. */
    inputHash?: string | undefined;
  } | null;
  /** The approved action's result, once the inbox ran it. */
  result: unknown;
  error: { code: string } | null;
  history: ReadonlyArray<{ type: string }>;
}

/** What the guarded tools need of an inbox: `createInbox` from `@guardloop/inbox` is one. */
export interface GuardedToolsInbox {
  /** Stores the escalation (idempotent per trace) and returns its item. */
  escalate(escalation: GuardedToolsEscalation): Promise<GuardedToolsInboxItem>;
  get(id: string, options?: { abortSignal?: AbortSignal }): Promise<GuardedToolsInboxItem>;
}
