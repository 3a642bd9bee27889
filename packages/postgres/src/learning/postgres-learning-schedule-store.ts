import { toInputIssues } from '@guardloop/core/internal';
import {
  type LearningRun,
  type LearningScheduleStore,
  learningRunSchema,
  MalformedLearningRunError,
  parseLearningScheduleStoreArguments,
} from '@guardloop/hypotheses';
import { parseStoreOptions } from '../client/parse-sql-client';
import type { SqlClient } from '../client/sql-client';
import { learningRunsTable } from '../migrations/learning-runs-migration';
import { parseDatabaseSchema, qualifiedTable } from '../schema/database-schema';

export interface PostgresLearningScheduleStoreOptions {
  client: SqlClient;
  /** Schema passed to `migrate`. Default `public`. */
  schema?: string;
}

type Row = Record<string, unknown>;

// Rows are checked on the way out: a damaged or hand-edited row is a typed error, not a run
// the schedule would trust.
function rowToRun(row: Row): LearningRun {
  const run = {
    job: row.job,
    periodKey: row.period_key,
    periodStart: Number(row.period_start),
    periodEnd: Number(row.period_end),
    status: row.status,
    claimant: row.claimant,
    attempt: Number(row.attempt),
    startedAt: Number(row.started_at),
    leaseExpiresAt: Number(row.lease_expires_at),
    ...(row.finished_at == null ? {} : { finishedAt: Number(row.finished_at) }),
    ...(row.report == null ? {} : { report: row.report }),
    ...(row.error == null ? {} : { error: row.error }),
  };
  const parsed = learningRunSchema.safeParse(run);
  if (parsed.success) return parsed.data;
  throw new MalformedLearningRunError({
    job: String(row.job),
    periodKey: String(row.period_key),
    issues: toInputIssues(parsed.error.issues),
  });
}

/**
 * The learning schedule's claims and runs in PostgreSQL (a `pg` Pool or PGlite). Run
 * `migrate(client)` first. `claimRun` is one upsert on the (job, period) primary key that only
 * takes over a `running` row whose lease has expired: a compare-and-set that schedules in
 * several processes cannot both win, so each job runs once per period. `renewRun` (the
 * schedule's heartbeat) and `completeRun` touch only the claimant's own running row.
 * Arguments are validated like every store's (`parseLearningScheduleStoreArguments`), which
 * also rejects a call whose `abortSignal` is aborted before any statement is sent.
 */
export function createPostgresLearningScheduleStore(
  options: PostgresLearningScheduleStoreOptions,
): LearningScheduleStore {
  const { client } = parseStoreOptions(options, 'postgres learning schedule store options');
  const table = qualifiedTable(parseDatabaseSchema(options.schema), learningRunsTable);
  const byKey = async (job: string, periodKey: string, abortSignal?: AbortSignal) => {
    const { rows } = await client.query<Row>(
      `SELECT * FROM ${table} WHERE job = $1 AND period_key = $2`,
      [job, periodKey],
      { abortSignal },
    );
    return rows[0] === undefined ? undefined : rowToRun(rows[0]);
  };

  return {
    async claimRun(...args) {
      const [claim, callOptions] = parseLearningScheduleStoreArguments('claimRun', args);
      // READ COMMITTED whatever the server default: under REPEATABLE READ an upsert racing
      // another would fail with 40001 instead of seeing the winner's row.
      return client.transaction(
        async (transaction) => {
          const { rows } = await transaction.query<Row>(
            `INSERT INTO ${table} AS run (job, period_key, period_start, period_end, status,
               claimant, attempt, started_at, lease_expires_at)
             VALUES ($1, $2, $3, $4, 'running', $5, 1, $6, $7)
             ON CONFLICT (job, period_key) DO UPDATE
               SET claimant = EXCLUDED.claimant, attempt = run.attempt + 1,
                   started_at = EXCLUDED.started_at, lease_expires_at = EXCLUDED.lease_expires_at
               WHERE run.status = 'running' AND run.lease_expires_at <= $6
             RETURNING *`,
            [
              claim.job,
              claim.periodKey,
              claim.periodStart,
              claim.periodEnd,
              claim.claimant,
              claim.now,
              claim.now + claim.leaseMs,
            ],
          );
          if (rows[0]) return { claimed: true as const, run: rowToRun(rows[0]) };
          // The conflicting row committed before ON CONFLICT gave up, so it is visible now.
          const existing = await transaction.query<Row>(
            `SELECT * FROM ${table} WHERE job = $1 AND period_key = $2`,
            [claim.job, claim.periodKey],
          );
          const row = existing.rows[0];
          if (!row) throw new Error(`Learning run ${claim.job} conflicted but was not found.`);
          return { claimed: false as const, run: rowToRun(row) };
        },
        { abortSignal: callOptions?.abortSignal },
      );
    },
    async renewRun(...args) {
      const [renewal, callOptions] = parseLearningScheduleStoreArguments('renewRun', args);
      // A compare-and-set on the holder: a run taken over (or finished) matches no row.
      const { rows } = await client.query<Row>(
        `UPDATE ${table}
           SET lease_expires_at = GREATEST(lease_expires_at, $5::bigint)
         WHERE job = $1 AND period_key = $2 AND claimant = $3 AND status = 'running'
           AND ($4::integer IS NULL OR attempt = $4::integer)
         RETURNING *`,
        [
          renewal.job,
          renewal.periodKey,
          renewal.claimant,
          renewal.attempt ?? null,
          renewal.now + renewal.leaseMs,
        ],
        { abortSignal: callOptions?.abortSignal },
      );
      return rows[0] === undefined ? undefined : rowToRun(rows[0]);
    },
    async completeRun(...args) {
      const [completion, callOptions] = parseLearningScheduleStoreArguments('completeRun', args);
      const { rows } = await client.query<Row>(
        `UPDATE ${table}
           SET status = $4, finished_at = $5, report = $6::jsonb, error = $7
         WHERE job = $1 AND period_key = $2 AND claimant = $3 AND status = 'running'
         RETURNING *`,
        [
          completion.job,
          completion.periodKey,
          completion.claimant,
          completion.status,
          completion.now,
          completion.report === undefined ? null : JSON.stringify(completion.report),
          completion.error ?? null,
        ],
        { abortSignal: callOptions?.abortSignal },
      );
      return rows[0] === undefined ? undefined : rowToRun(rows[0]);
    },
    async getRun(...args) {
      const [job, periodKey, callOptions] = parseLearningScheduleStoreArguments('getRun', args);
      return byKey(job, periodKey, callOptions?.abortSignal);
    },
    async listRuns(...args) {
      const [query, callOptions] = parseLearningScheduleStoreArguments('listRuns', args);
      const conditions: string[] = [];
      const params: unknown[] = [];
      if (query.job !== undefined) {
        params.push(query.job);
        conditions.push(`job = $${params.length}`);
      }
      if (query.fromPeriodStart !== undefined) {
        params.push(query.fromPeriodStart);
        conditions.push(`period_start >= $${params.length}`);
      }
      params.push(query.limit);
      const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
      // COLLATE "C": job names in code-unit order, as the memory store sorts them.
      const { rows } = await client.query<Row>(
        `SELECT * FROM ${table} ${where}
         ORDER BY period_start, job COLLATE "C" LIMIT $${params.length}`,
        params,
        { abortSignal: callOptions?.abortSignal },
      );
      return rows.map(rowToRun);
    },
  };
}
