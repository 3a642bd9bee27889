import type { BusinessCalendar } from '@guardloop/core';
import type { TicketSlaState } from './ticket-sla-state';

/** How a policy measures time: wall time, or the open hours of a calendar. */
export interface SlaTimeline {
  elapsed(fromMs: number, toMs: number): number;
  add(fromMs: number, durationMs: number): number;
}

export const wallTime: SlaTimeline = {
  elapsed: (fromMs, toMs) => Math.max(0, toMs - fromMs),
  add: (fromMs, durationMs) => fromMs + durationMs,
};

export const businessTime = (calendar: BusinessCalendar): SlaTimeline => ({
  elapsed: (fromMs, toMs) => (toMs > fromMs ? calendar.businessTimeBetween(fromMs, toMs) : 0),
  add: (fromMs, durationMs) => calendar.addBusinessTime(fromMs, durationMs),
});

type Pauses = TicketSlaState['pauses'];

/** The spells from `startedAt` on during which clocks run (`end` null: still running). */
function* activeSpells(startedAt: number, pauses: Pauses): Generator<[number, number | null]> {
  let cursor = startedAt;
  for (const pause of pauses) {
    if (pause.to !== null && pause.to <= cursor) continue;
    if (pause.from > cursor) yield [cursor, pause.from];
    if (pause.to === null) return;
    cursor = Math.max(cursor, pause.to);
  }
  yield [cursor, null];
}

/** Running time between `startedAt` and `endMs`, pauses left out. */
export function activeTime(
  timeline: SlaTimeline,
  startedAt: number,
  endMs: number,
  pauses: Pauses,
): number {
  let total = 0;
  for (const [from, to] of activeSpells(startedAt, pauses)) {
    if (from >= endMs) break;
    total += timeline.elapsed(from, to === null ? endMs : Math.min(to, endMs));
  }
  return total;
}

/** The instant `targetMs` of running time has passed since `startedAt`; null while paused short of it. */
export function dueInstant(
  timeline: SlaTimeline,
  startedAt: number,
  targetMs: number,
  pauses: Pauses,
): number | null {
  let remaining = targetMs;
  for (const [from, to] of activeSpells(startedAt, pauses)) {
    if (to === null) return timeline.add(from, remaining);
    const length = timeline.elapsed(from, to);
    if (remaining <= length) return timeline.add(from, remaining);
    remaining -= length;
  }
  return null;
}
