import type { FeedbackCommitResult, OutcomeCommit, OutcomeEvent } from '@guardloop/feedback';
import type { SqlClient } from '../client/sql-client';
import { buildCommitStatement } from './build-commit-statement';
import type { FeedbackTables } from './feedback-tables';

interface CommitRow {
  kind: 'inserted' | 'duplicate';
  id: string;
  sequence: unknown;
  event: OutcomeEvent | null;
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
  let readCommitted: Promise<boolean> | undefined;
  const defaultIsReadCommitted = async () => {
    const { rows } = await client.query<{ level: string }>(
      "SELECT current_setting('default_transaction_isolation') AS level",
    );
    return rows[0]?.level === 'read committed';
  };

  const send = async ({ text, params }: { text: string; params: string[] }) => {
    readCommitted ??= defaultIsReadCommitted().catch((error: unknown) => {
      readCommitted = undefined;
      throw error;
    });
    if (await readCommitted) return client.query<CommitRow>(text, params);
    return client.transaction((transaction) => transaction.query<CommitRow>(text, params));
  };

  return async function commitOutcomes(
    commits: readonly OutcomeCommit[],
  ): Promise<FeedbackCommitResult[]> {
    if (commits.length === 0) return [];
    let rows: CommitRow[];
    try {
      ({ rows } = await send(buildCommitStatement(tables, commits)));
    } catch (error) {
      // One of the ids was inserted for another trace meanwhile: nothing was written.
      if (isUniqueViolation(error)) return commits.map(() => ({ status: 'conflict' }));
      throw error;
    }
    const inserted = new Map<string, number>();
    const duplicates = new Map<string, CommitRow>();
    for (const row of rows) {
      if (row.kind === 'inserted') inserted.set(row.id, Number(row.sequence));
      else duplicates.set(row.id, row);
    }
    return commits.map(({ outcome }): FeedbackCommitResult => {
      const sequence = inserted.get(outcome.id);
      if (sequence !== undefined) return { status: 'recorded', outcome: { ...outcome, sequence } };
      const stored = duplicates.get(outcome.id);
      if (stored?.event) {
        return {
          status: 'duplicate',
          outcome: { ...stored.event, sequence: Number(stored.sequence) },
        };
      }
      return { status: 'conflict' };
    });
  };
}
