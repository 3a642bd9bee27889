import type { Artifact, ArtifactQuery, FeedbackPutResult, Page } from '@guardloop/feedback';
import { decodePageCursor, encodePageCursor, pageLimit } from '@guardloop/feedback/internal';
import type { SqlClient } from '../client/sql-client';
import type { FeedbackTables } from './feedback-tables';
import { keysetPage } from './page-cursors';
import { sqlConditions } from './sql-conditions';

interface ArtifactRow {
  id: string;
  artifact: Omit<Artifact, 'versions'>;
  versions: Artifact['versions'];
}

/**
 * Artifacts: the artifact without its versions as one jsonb row (compare-and-set on
 * `revision`), and one row per version, kept in the artifact's order. A write upserts only
 * the versions that changed and drops those no longer listed, in the artifact's transaction.
 */
export function artifactDocuments({ artifacts, artifactVersions }: FeedbackTables) {
  const selectSql = `SELECT stored.id, stored.artifact, COALESCE(
      (SELECT jsonb_agg(version.version_document ORDER BY version.position)
       FROM ${artifactVersions} AS version WHERE version.artifact_id = stored.id),
      '[]'::jsonb) AS versions
    FROM ${artifacts} AS stored`;
  const insertSql = `INSERT INTO ${artifacts} (id, revision, kind, category, artifact)
    VALUES ($1, $2, $3, $4, $5::jsonb) ON CONFLICT (id) DO NOTHING`;
  const updateSql = `UPDATE ${artifacts} SET revision = $2, kind = $3, category = $4, artifact = $5::jsonb
    WHERE id = $1 AND revision = $6`;
  const dropVersionsSql = `DELETE FROM ${artifactVersions}
    WHERE artifact_id = $1 AND NOT (version = ANY($2::integer[]))`;
  const upsertVersionsSql = `INSERT INTO ${artifactVersions} AS stored
      (artifact_id, version, position, status, version_document)
    SELECT $1, entry.version, entry.position, entry.status, entry.document
    FROM jsonb_to_recordset($2::jsonb) AS entry(version integer, position integer, status text, document jsonb)
    ON CONFLICT (artifact_id, version) DO UPDATE SET position = EXCLUDED.position,
      status = EXCLUDED.status, version_document = EXCLUDED.version_document
    WHERE (stored.position, stored.version_document)
      IS DISTINCT FROM (EXCLUDED.position, EXCLUDED.version_document)`;
  const toArtifact = (row: ArtifactRow): Artifact => ({ ...row.artifact, versions: row.versions });
  const get = async (sql: SqlClient, id: string) => {
    const { rows } = await sql.query<ArtifactRow>(`${selectSql} WHERE stored.id = $1`, [id]);
    return rows[0] && toArtifact(rows[0]);
  };

  return {
    get,
    put: (sql: SqlClient, artifact: Artifact, expectedRevision: number | null) =>
      sql.transaction(async (transaction): Promise<FeedbackPutResult<Artifact>> => {
        const { versions, ...header } = artifact;
        const values = [
          artifact.id,
          artifact.revision,
          artifact.kind,
          artifact.scope.category ?? null,
          JSON.stringify(header),
        ];
        const { rowCount } =
          expectedRevision === null
            ? await transaction.query(insertSql, values)
            : await transaction.query(updateSql, [...values, expectedRevision]);
        if (rowCount === 0) {
          const current = await get(transaction, artifact.id);
          return current ? { ok: false, current } : { ok: false };
        }
        const entries = versions.map((document, position) => ({
          version: document.version,
          position,
          status: document.status,
          document,
        }));
        await transaction.query(dropVersionsSql, [
          artifact.id,
          entries.map((entry) => entry.version),
        ]);
        await transaction.query(upsertVersionsSql, [artifact.id, JSON.stringify(entries)]);
        return { ok: true, record: artifact };
      }),
    async list(sql: SqlClient, query: ArtifactQuery): Promise<Page<Artifact>> {
      const conditions = sqlConditions();
      conditions.add(decodePageCursor('artifacts', query)?.[0], (id) => `stored.id > ${id}`);
      conditions.add(query.kind, (kind) => `stored.kind = ${kind}`);
      conditions.add(query.category, (category) => `stored.category = ${category}`);
      const limit = pageLimit(query);
      const { rows } = await sql.query<ArtifactRow>(
        `${selectSql} ${conditions.where()} ORDER BY stored.id LIMIT ${conditions.param(limit + 1)}`,
        conditions.params,
      );
      return keysetPage(rows, limit, toArtifact, (row) =>
        encodePageCursor('artifacts', query, [row.id]),
      );
    },
  };
}
