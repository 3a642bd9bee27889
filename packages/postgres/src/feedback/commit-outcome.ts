import type { FeedbackCommitResult, OutcomeCommit, OutcomeEvent } from '@guardloop/feedback';
import type { SqlClient } from '../client/sql-client';
import { type CommitStatement, commitStatements, sizeClassOf } from './build-commit-statement';
import type { FeedbackTables } from './feedback-tables';

/** The one row of the statement (see `buildCommitStatement`); `null` for an empty list. */
interface CommitRow {
  sequences: number[] | null;
  lost: string[] | null;
  duplicates: [id: string, sequence: number, event: OutcomeEvent][] | null;
  /** The largest sequence of a trace created (a bigint: a string from `pg`). */
  trace_sequence: number | string | null;
}

const isUniqueViolation = (error: unknown) =>
  (error as { code?: unknown } | null)?.code === '23505';

/**
 * `commitOutcomes` (and `commitOutcome`) as one statement: one round trip, atomic on its own.
 * Its SQL is written for READ COMMITTED, where a concurrent writer makes the compare-and-set
 * fail cleanly; when the server's default is stricter, the statement runs inside a transaction
 * the client sets to READ COMMITTED (two more round trips, on such servers only).
 */
export function outcomeCommits(
  client: SqlClient,
  tables: Pick<FeedbackTables, 'outcomes' | 'traces' | 'aggregates' | 'breakdowns'>,
) {
  const buildCommitStatement = commitStatements(tables);
  let readCommitted: Promise<boolean> | undefined;
  // The largest outcome and trace sequences seen: the tables have about as many rows.
  let largestSequence = 0;
  let largestTraceSequence = 0;
  const defaultIsReadCommitted = async () => {
    const { rows } = await client.query<{ level: string }>(
      "SELECT current_setting('default_transaction_isolation') AS level",
    );
    return rows[0]?.level === 'read committed';
  };

  const send = async ({ text, params }: CommitStatement) => {
    readCommitted ??= defaultIsReadCommitted().catch((error: unknown) => {
      readCommitted = undefined;
      throw error;
    });
    // Prepared (parsed and planned once per connection and text): most of the statement's cost
    // otherwise, for a plan that hardly changes but with the size class.
    if (await readCommitted) return client.query<CommitRow>(text, params, { prepare: true });
    return client.transaction((transaction) => transaction.query<CommitRow>(text, params));
  };

  return async function commitOutcomes(
    commits: readonly OutcomeCommit[],
  ): Promise<FeedbackCommitResult[]> {
    if (commits.length === 0) return [];
    const sizeClass = `${sizeClassOf(largestSequence)}.${sizeClassOf(largestTraceSequence)}`;
    const statement = buildCommitStatement(commits, sizeClass);
    let row: CommitRow | undefined;
    try {
      [row] = (await send(statement)).rows;
    } catch (error) {
      // One of the ids was inserted for another trace meanwhile: nothing was written.
      if (isUniqueViolation(error)) return commits.map(() => ({ status: 'conflict' }));
      throw error;
    }
    // Every outcome of a trace written was inserted, in order: the sequences follow that order.
    const lost = new Set(row?.lost);
    const sequences = row?.sequences ?? [];
    largestSequence = Math.max(largestSequence, sequences.at(-1) ?? 0);
    largestTraceSequence = Math.max(largestTraceSequence, Number(row?.trace_sequence ?? 0));
    const inserted = new Map<string, number>();
    for (const outcome of statement.outcomes) {
      if (lost.has(outcome.traceId)) continue;
      inserted.set(outcome.id, sequences[inserted.size] as number);
    }
    if (inserted.size !== sequences.length) {
      throw new Error(`Expected ${inserted.size} outcome sequences, got ${sequences.length}`);
    }
    const duplicates = new Map(row?.duplicates?.map(([id, ...stored]) => [id, stored]));
    return commits.map(({ outcome }): FeedbackCommitResult => {
      const sequence = inserted.get(outcome.id);
      if (sequence !== undefined) return { status: 'recorded', outcome: { ...outcome, sequence } };
      const stored = duplicates.get(outcome.id);
      if (stored) return { status: 'duplicate', outcome: { ...stored[1], sequence: stored[0] } };
      return { status: 'conflict' };
    });
  };
}
