import type { CommitResult, OutcomeCommit } from '@guardloop/feedback';
import type { SqlClient } from '../client/sql-client';
import type { aggregateBuckets } from './aggregate-buckets';
import type { outcomeLog } from './outcome-log';
import type { traceStates } from './trace-states';

export interface CommitTables {
  outcomes: ReturnType<typeof outcomeLog>;
  traces: ReturnType<typeof traceStates>;
  aggregates: ReturnType<typeof aggregateBuckets>;
}

/** Thrown inside the transaction to roll the outcome insert back when the trace moved on. */
class TraceRevisionMoved extends Error {}

/**
 * `FeedbackStore.commitOutcome` as one READ COMMITTED transaction (the client sets the level
 * whatever the server's default): insert the outcome (its UNIQUE id makes a resend a
 * `duplicate`), compare-and-set the trace on its revision (a `conflict` rolls the outcome back,
 * so nothing is written), rewrite the flags a re-fold changed, then add the aggregate deltas.
 * The `UPDATE ... WHERE revision = $n` takes the trace's row lock: a concurrent writer of the
 * same trace waits for it, re-reads the committed row and finds the revision moved. Under READ
 * COMMITTED every statement sees what committed before it, so the duplicate's row is found
 * after ON CONFLICT waited for it. Locks are taken in one order by every commit (outcome id,
 * trace, the trace's own outcomes, buckets sorted), so commits never deadlock.
 */
export async function commitOutcome(
  client: SqlClient,
  { outcomes, traces, aggregates }: CommitTables,
  commit: OutcomeCommit,
): Promise<CommitResult> {
  try {
    return await client.transaction(async (transaction): Promise<CommitResult> => {
      const sequence = await outcomes.insert(transaction, commit.outcome);
      if (sequence === undefined) {
        // ON CONFLICT waited for the other writer to commit, so its row is visible now.
        const stored = await outcomes.get(transaction, commit.outcome.id);
        if (!stored) throw new Error(`Outcome ${commit.outcome.id} conflicted but was not found.`);
        return { status: 'duplicate', outcome: stored };
      }
      if (!(await traces.write(transaction, commit.trace, commit.expectedTraceRevision))) {
        throw new TraceRevisionMoved();
      }
      await outcomes.reflag(transaction, commit.trace.traceId, commit.reflagged);
      await aggregates.add(transaction, commit.aggregateDeltas);
      return { status: 'recorded', outcome: { ...commit.outcome, sequence } };
    });
  } catch (error) {
    if (error instanceof TraceRevisionMoved) return { status: 'conflict' };
    throw error;
  }
}
