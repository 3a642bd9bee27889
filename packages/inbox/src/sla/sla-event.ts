import type { InboxItem } from '../item/inbox-item';

/** What an SLA monitor emits: a deadline about to pass (`sla_warning`) or passed (`sla_breached`). */
export interface SlaEvent {
  /**
   * Stable per item, deadline and kind (`sla:<item id>:<deadline>:<warning|breached>`): delivery
   * is at least once, so a consumer that sees an id again has already handled it.
   */
  id: string;
  type: 'sla_warning' | 'sla_breached';
  deadline: 'acknowledge' | 'decide';
  dueAt: number;
  /** When the monitor's round saw it (the inbox clock). */
  at: number;
  /** 1 the first time; more when an earlier monitor claimed it and never completed it. */
  attempt: number;
  /** The item as it stood after the escalation path ran. */
  item: InboxItem;
  /** For breaches: what the priority's `onBreach` did. */
  escalation?: { movedToQueue: string | null; paged: boolean };
}

export const slaEventId = (itemId: string, deadline: SlaEvent['deadline'], kind: string) =>
  `sla:${itemId}:${deadline}:${kind}`;
