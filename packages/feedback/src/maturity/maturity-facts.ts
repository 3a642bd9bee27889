import {
  type CalibrationErrorKind,
  calibrateConfidenceFloor,
} from '../learning/calibrate-confidence-floor';
import type { ConfidenceFloorResult } from '../learning/compute-confidence-floor';
import { dayBounds, type TimeRange } from '../schemas/time-range';
import type { FeedbackStore } from '../store/feedback-store';
import { readAllPages } from '../store/page';

export interface QueueFacts {
  queue: string;
  traces: number;
  resolved: number;
  firstContactResolved: number;
  /** Traces in the earlier and the later half of the days seen. */
  early: number;
  late: number;
}

/** What the recorded outcomes of a window show, as far as the maturity grades read them. */
export interface MaturityFacts {
  resolved: number;
  macroUses: number;
  macroEdits: number;
  articleVotes: number;
  deflected: number;
  /** Per category with at least two queues. */
  routing: { category: string; queues: QueueFacts[] }[];
  artifacts: Record<'macro' | 'article', { items: number; proposed: number; promoted: number }>;
  calibration: ConfidenceFloorResult;
}

const unknownQueue = 'unknown';

export async function gatherMaturityFacts(input: {
  store: FeedbackStore;
  range: TimeRange | undefined;
  targetErrorRate: number;
  errorWhen: CalibrationErrorKind[];
  abortSignal: AbortSignal | undefined;
}): Promise<MaturityFacts> {
  const { store, range, abortSignal } = input;
  const options = abortSignal ? { abortSignal } : {};
  const rows = await store.queryAggregates(range ? dayBounds(range) : {}, options);
  const days = [...new Set(rows.map((row) => row.day))].sort((a, b) => a - b);
  const middle = days[Math.floor(days.length / 2)] ?? 0;
  const facts: MaturityFacts = {
    resolved: 0,
    macroUses: 0,
    macroEdits: 0,
    articleVotes: 0,
    deflected: 0,
    routing: [],
    artifacts: {
      macro: { items: 0, proposed: 0, promoted: 0 },
      article: { items: 0, proposed: 0, promoted: 0 },
    },
    calibration: await calibrateConfidenceFloor({
      store,
      targetErrorRate: input.targetErrorRate,
      errorWhen: input.errorWhen,
      ...(range ? { range } : {}),
      ...options,
    }),
  };
  const categories = new Map<string, Map<string, QueueFacts>>();
  for (const { counters, category, queue, day } of rows) {
    facts.resolved += counters.resolved;
    facts.macroUses += counters.macroUses;
    facts.macroEdits += counters.macroEdits;
    facts.articleVotes += counters.articleHelpful + counters.articleUnhelpful;
    facts.deflected += counters.deflected;
    if (queue === unknownQueue) continue;
    const queues = categories.get(category) ?? new Map<string, QueueFacts>();
    categories.set(category, queues);
    const item = queues.get(queue) ?? {
      queue,
      traces: 0,
      resolved: 0,
      firstContactResolved: 0,
      early: 0,
      late: 0,
    };
    queues.set(queue, item);
    item.traces += counters.traces;
    item.resolved += counters.resolved;
    item.firstContactResolved += counters.firstContactResolved;
    if (day < middle) item.early += counters.traces;
    else item.late += counters.traces;
  }
  for (const [category, queues] of [...categories].sort(([a], [b]) => (a < b ? -1 : 1)))
    if (queues.size >= 2) facts.routing.push({ category, queues: [...queues.values()] });

  const artifacts = await readAllPages((cursor) =>
    store.listArtifacts({ ...(cursor === undefined ? {} : { cursor }), limit: 1000 }, options),
  );
  for (const artifact of artifacts) {
    if (artifact.kind === 'prompt') continue;
    const counts = facts.artifacts[artifact.kind];
    counts.items += 1;
    for (const version of artifact.versions) {
      if (version.origin !== 'proposal') continue;
      // The registry as it stood at the end of the window: what was proposed up to then.
      if (range && version.createdAt >= range.to) continue;
      counts.proposed += 1;
      if (version.status === 'active' || version.status === 'superseded') counts.promoted += 1;
    }
  }
  return facts;
}
