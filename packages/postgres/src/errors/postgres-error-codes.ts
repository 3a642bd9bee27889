/** Stable error codes thrown by `@guardloop/postgres` (besides core's). Match on these, never on messages. */
export const postgresErrorCodes = {
  databaseLocked: 'database_locked',
  pgliteNotInstalled: 'pglite_not_installed',
} as const;

export type PostgresErrorCode = (typeof postgresErrorCodes)[keyof typeof postgresErrorCodes];
