import type { ParsedOutcomeInput } from '../schemas/outcome-input';
import type { OutcomeRecorder, RecordResult } from './create-outcome-recorder';

/** Outcomes the caller validated already (with `parseOutcomeInput`), each with its id. */
export type ParsedBatch = readonly (ParsedOutcomeInput & { id: string })[];

type RecordParsed = (
  batch: ParsedBatch,
  abortSignal: AbortSignal | undefined,
) => Promise<RecordResult[]>;

// `recordMany` of each recorder `createOutcomeRecorder` made, minus the parse of its inputs: the
// buffered recorder validated every outcome when it was queued, so a flush need not again. The
// store still validates every commit it writes.
const parsedBatches = new WeakMap<OutcomeRecorder, RecordParsed>();

export function registerParsedBatches(recorder: OutcomeRecorder, record: RecordParsed): void {
  parsedBatches.set(recorder, record);
}

/** The recorder's `recordMany` for parsed outcomes, or `undefined` for another implementation. */
export function parsedBatchesOf(recorder: OutcomeRecorder): RecordParsed | undefined {
  return parsedBatches.get(recorder);
}
