import type { RailVerdict } from '@guardloop/core';

/** Builds a verdict of any kind, leaving out absent evidence and confidence. */
export function railVerdict(
  kind: RailVerdict['verdict'],
  reason: string,
  evidence?: unknown,
  confidence?: number,
): RailVerdict {
  return {
    verdict: kind,
    reason,
    ...(evidence === undefined ? {} : { evidence }),
    ...(confidence === undefined ? {} : { confidence }),
  };
}
