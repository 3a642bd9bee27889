import type { InboxItem } from '@guardloop/inbox';
import { html } from 'hono/html';

/** Warn this long before a deadline. */
export const slaWarnBeforeMs = 5 * 60_000;

export type SlaState = 'due' | 'warning' | 'breached' | 'none';

/** The next deadline that matters: acknowledge-by until claimed, then decide-by. */
export function slaDeadline(item: InboxItem): number | null {
  if (item.acknowledgedAt === null && item.acknowledgeBy !== null)
    return Math.min(item.acknowledgeBy, item.decideBy ?? Number.POSITIVE_INFINITY);
  return item.decideBy;
}

export function slaState(item: InboxItem, now: number): SlaState {
  const deadline = slaDeadline(item);
  if (deadline === null || item.status !== 'pending') return 'none';
  if (now >= deadline) return 'breached';
  return deadline - now <= slaWarnBeforeMs ? 'warning' : 'due';
}

export function slaBadge(item: InboxItem, now: number) {
  const state = slaState(item, now);
  const deadline = slaDeadline(item);
  if (state === 'none' || deadline === null) return '';
  const minutes = Math.round(Math.abs(deadline - now) / 60_000);
  const text = state === 'breached' ? `breached ${minutes} min ago` : `due in ${minutes} min`;
  return html`<span class="badge sla-${state}" data-sla="${state}">${text}</span>`;
}
