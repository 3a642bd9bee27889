import type { Hypothesis, Intent, Signal } from '@guardloop/core';

/** What the loop knows about a trace when one of its events is recorded. */
export interface LoopSegmentContext {
  signal: Signal;
  intent?: Intent;
  hypothesis?: Hypothesis;
}

export interface LoopSegment {
  category?: string;
  channel?: string;
  queue?: string;
  ticketId?: string;
}

const text = (value: unknown) =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

/**
 * channel = the signal's source; category = the intent label (unless the classifier abstained);
 * queue and ticketId = `payload.queue` / `payload.ticketId` when they are strings.
 */
export function defaultLoopSegment({ signal, intent }: LoopSegmentContext): LoopSegment {
  const segment: LoopSegment = { channel: signal.source };
  if (intent && !intent.abstained) segment.category = intent.label;
  const queue = text(signal.payload.queue);
  if (queue) segment.queue = queue;
  const ticketId = text(signal.payload.ticketId);
  if (ticketId) segment.ticketId = ticketId;
  return segment;
}
