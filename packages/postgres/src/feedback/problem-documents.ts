import type { FeedbackPutResult, Page, Problem, ProblemQuery } from '@guardloop/feedback';
import { decodePageCursor, encodePageCursor, pageLimit } from '@guardloop/feedback/internal';
import type { SqlClient } from '../client/sql-client';
import { keysetPage } from './page-cursors';
import { sqlConditions } from './sql-conditions';

interface ProblemRow {
  id: string;
  last_seen_at: unknown;
  problem: Problem;
}

/**
 * Problems as jsonb rows with compare-and-set on `revision`, and the fields the tracker
 * matches on as columns: status, category, last sighting and the fingerprints (GIN-indexed).
 */
export function problemDocuments(table: string) {
  const insertSql = `INSERT INTO ${table} (id, revision, status, category, fingerprints, last_seen_at, problem)
    VALUES ($1, $2, $3, $4, $5::text[], $6, $7::jsonb) ON CONFLICT (id) DO NOTHING`;
  const updateSql = `UPDATE ${table} SET revision = $2, status = $3, category = $4,
      fingerprints = $5::text[], last_seen_at = $6, problem = $7::jsonb
    WHERE id = $1 AND revision = $8`;
  const get = async (sql: SqlClient, id: string) => {
    const { rows } = await sql.query<ProblemRow>(`SELECT problem FROM ${table} WHERE id = $1`, [
      id,
    ]);
    return rows[0]?.problem;
  };

  return {
    get,
    async put(
      sql: SqlClient,
      problem: Problem,
      expectedRevision: number | null,
    ): Promise<FeedbackPutResult<Problem>> {
      const values = [
        problem.id,
        problem.revision,
        problem.status,
        problem.category ?? null,
        problem.fingerprints,
        problem.lastSeenAt,
        JSON.stringify(problem),
      ];
      const { rowCount } =
        expectedRevision === null
          ? await sql.query(insertSql, values)
          : await sql.query(updateSql, [...values, expectedRevision]);
      if (rowCount === 1) return { ok: true, record: problem };
      const current = await get(sql, problem.id);
      return current ? { ok: false, current } : { ok: false };
    },
    /** Newest sighting first, then by id; the cursor is the last row's (lastSeenAt, id). */
    async list(sql: SqlClient, query: ProblemQuery): Promise<Page<Problem>> {
      const conditions = sqlConditions();
      const after = decodePageCursor('problems', query);
      if (after) {
        const [seen, id] = [conditions.param(after[0]), conditions.param(after[1])];
        conditions.always(`(last_seen_at < ${seen} OR (last_seen_at = ${seen} AND id > ${id}))`);
      }
      conditions.add(
        query.statuses && [...query.statuses],
        (statuses) => `status = ANY(${statuses}::text[])`,
      );
      conditions.add(
        query.fingerprint,
        (fingerprint) => `fingerprints @> ARRAY[${fingerprint}::text]`,
      );
      conditions.add(query.category, (category) => `category = ${category}`);
      conditions.add(query.lastSeenAfter, (since) => `last_seen_at > ${since}`);
      const limit = pageLimit(query);
      const { rows } = await sql.query<ProblemRow>(
        `SELECT id, last_seen_at, problem FROM ${table} ${conditions.where()}
         ORDER BY last_seen_at DESC, id LIMIT ${conditions.param(limit + 1)}`,
        conditions.params,
      );
      return keysetPage(
        rows,
        limit,
        (row) => row.problem,
        (row) => encodePageCursor('problems', query, [Number(row.last_seen_at), row.id]),
      );
    },
  };
}
