import { isDeepStrictEqual } from 'node:util';
import type { Clock } from '@guardloop/core';
import { diffChars } from 'diff';
import type { OutcomeEvent } from '../schemas/outcome-event';
import type { ParsedOutcomeInput } from '../schemas/outcome-input';
import { segmentFields, unknownSegmentValue } from '../schemas/segment';
import type { TraceState } from '../schemas/trace-state';

/** Characters added plus characters removed between a macro and what was sent. */
export function editDistance(originalText: string, finalText: string): number {
  let distance = 0;
  for (const change of diffChars(originalText, finalText)) {
    if (change.added || change.removed) distance += change.value.length;
  }
  return distance;
}

/** Fills what the host left out: time, segment (inherited from the trace) and edit distance. */
export function completeOutcome(
  input: ParsedOutcomeInput & { id: string },
  trace: TraceState | undefined,
  clock: Clock,
): OutcomeEvent {
  const now = clock.now();
  const segment = Object.fromEntries(
    segmentFields.map((field) => [field, input[field] ?? trace?.[field] ?? unknownSegmentValue]),
  ) as Record<(typeof segmentFields)[number], string>;
  const inherited = segmentFields.filter((field) => input[field] === undefined);
  const event = {
    ...input,
    at: input.at ?? now,
    ...segment,
    ...(inherited.length > 0 ? { inherited } : {}),
    recordedAt: now,
    flags: [],
  };
  if (event.type === 'macro_used') {
    return {
      ...event,
      editDistance:
        event.editDistance ?? editDistance(event.originalText ?? '', event.finalText ?? ''),
    };
  }
  return event;
}

/** Fields the host gave explicitly that differ from the stored outcome with the same id. */
export function conflictingFields(stored: OutcomeEvent, input: ParsedOutcomeInput): string[] {
  return Object.entries(input)
    .filter(([, value]) => value !== undefined)
    .filter(
      ([field, value]) => !isDeepStrictEqual((stored as Record<string, unknown>)[field], value),
    )
    .map(([field]) => field);
}
