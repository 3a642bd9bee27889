import { StoreUnavailableError } from '@guardloop/core';
import { classifyDriverError, toStoreError } from './driver-errors';
import type { SqlClient, SqlResult } from './sql-client';
import { joinedClient } from './sql-client';
import type { ParsedTransactionOptions } from './transaction-options';

export type TransactionPhase = 'connect' | 'begin' | 'work' | 'commit';

const operationOf: Record<TransactionPhase, string> = {
  connect: 'connect',
  begin: 'begin transaction',
  work: 'transaction',
  commit: 'commit',
};

/** One attempt's bookkeeping, filled in by the driver adapter. */
export interface TransactionAttempt {
  phase: TransactionPhase;
  /**
   * The client `work` gets: records the first failed statement, because work that catches it
   * would otherwise COMMIT an aborted transaction, which PostgreSQL turns into a silent ROLLBACK.
   */
  client(
    query: (text: string, params?: readonly unknown[]) => Promise<SqlResult<unknown>>,
  ): SqlClient;
  /**
   * Call after `work` resolved, before COMMIT: throws the abort reason once the signal aborted,
   * and rethrows a swallowed failure if it aborted the transaction.
   */
  checkNotAborted(
    query: (text: string, params?: readonly unknown[]) => Promise<SqlResult<unknown>>,
  ): Promise<void>;
}

/**
 * Runs `attempt` (one BEGIN...COMMIT) until it commits, re-running it after serialization
 * failures and deadlocks up to `maxAttempts`, and maps driver failures to
 * `StoreUnavailableError` (a lost connection during COMMIT may have committed).
 */
export async function runTransaction<T>(
  options: ParsedTransactionOptions,
  attempt: (state: TransactionAttempt) => Promise<T>,
): Promise<T> {
  for (let count = 1; ; count += 1) {
    options.abortSignal?.throwIfAborted();
    let failedStatement: unknown;
    const state: TransactionAttempt = {
      phase: 'connect',
      client: (query) =>
        joinedClient(async (text, params) => {
          try {
            return await query(text, params);
          } catch (error) {
            failedStatement ??= error;
            throw error;
          }
        }, options.abortSignal),
      async checkNotAborted(query) {
        // The caller gave up: roll back rather than commit work it no longer waits for.
        options.abortSignal?.throwIfAborted();
        if (failedStatement === undefined) return;
        // A savepoint may have recovered the transaction; a probe tells (25P02 if aborted).
        await query('SELECT 1').catch(() => {
          throw failedStatement;
        });
      },
    };
    try {
      return await attempt(state);
    } catch (error) {
      const serialization =
        classifyDriverError(error) === 'serialization' ||
        classifyDriverError(failedStatement) === 'serialization';
      // The server rolled the attempt back (also when COMMIT itself reports 40001): re-run it.
      if (serialization && count < options.maxAttempts) continue;
      if (serialization) {
        throw new StoreUnavailableError({
          operation: operationOf[state.phase],
          cause: classifyDriverError(error) === 'serialization' ? error : failedStatement,
        });
      }
      throw toStoreError(error, operationOf[state.phase], state.phase === 'commit');
    }
  }
}
