import { GuardloopError, StoreUnavailableError } from '@guardloop/core';

/**
 * What a driver error means for the caller:
 * - `unreachable`: the statement never reached the server (refused, unknown host, too many
 *   connections, server starting): nothing happened;
 * - `lost`: the connection died or the server gave up mid-statement: it may have taken effect;
 * - `serialization`: 40001/40P01, the transaction was rolled back and may be re-run;
 * - `sql`: anything else (constraint violations, syntax, missing tables), passed through as is.
 */
export type DriverFailure = 'unreachable' | 'lost' | 'serialization' | 'sql';

const unreachableCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '08001', // sqlclient_unable_to_establish_sqlconnection
  '08004', // sqlserver_rejected_establishment_of_sqlconnection
]);
const lostCodes = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNABORTED',
  '57P01', // admin_shutdown (pg_terminate_backend)
  '57P02', // crash_shutdown
  '57P05', // idle_session_timeout
  '57014', // query_canceled (statement_timeout)
  '55P03', // lock_not_available (lock_timeout)
]);
// Class 08 connection exception, 53 insufficient resources, 58 system error (I/O).
const lostClasses = new Set(['08', '53', '58']);
const serializationCodes = new Set(['40001', '40P01']);
// pg reports these without a code.
const unreachableMessages = /timeout exceeded when trying to connect|connection timeout/i;
const lostMessages =
  /Connection terminated|connection error and is not queryable|Client was closed and is not queryable/i;

const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

export function classifyDriverError(error: unknown): DriverFailure {
  if (GuardloopError.isInstance(error) || typeof error !== 'object' || error === null) return 'sql';
  const code = codeOf(error);
  if (code !== undefined) {
    if (serializationCodes.has(code)) return 'serialization';
    if (unreachableCodes.has(code)) return 'unreachable';
    if (lostCodes.has(code) || lostClasses.has(code.slice(0, 2))) return 'lost';
  }
  const message = error instanceof Error ? error.message : '';
  if (unreachableMessages.test(message)) return 'unreachable';
  if (lostMessages.test(message)) return 'lost';
  // Node's connect to several addresses (localhost: ::1 and 127.0.0.1) fails as an AggregateError.
  if (error instanceof AggregateError && error.errors.length > 0) {
    const inner = error.errors.map(classifyDriverError);
    if (inner.every((failure) => failure === 'unreachable')) return 'unreachable';
  }
  return 'sql';
}

/**
 * The error to reject with: connection failures and exhausted serialization retries become a
 * `StoreUnavailableError` (retryable, `cause` = the driver error); SQL errors pass unchanged.
 * `sent` says whether a statement that would change data may have reached the server.
 */
export function toStoreError(error: unknown, operation: string, sent: boolean): unknown {
  const failure = classifyDriverError(error);
  if (failure === 'sql') return error;
  return new StoreUnavailableError({
    operation,
    // Unreachable: nothing was sent. Serialization failure: the server rolled everything back.
    effectMayHaveHappened: failure === 'lost' && sent,
    cause: error,
  });
}
