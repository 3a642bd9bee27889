import { InvalidInputError, parseInput } from '@guardloop/core';
import { abortSignalSchema } from '@guardloop/core/internal';
import { z } from 'zod';
import type { IsolationLevel, QueryOptions, TransactionOptions } from './sql-client';

const transactionOptionsSchema = z
  .object({
    isolationLevel: z
      .enum(['read committed', 'repeatable read', 'serializable'])
      .default('read committed'),
    maxAttempts: z.int().min(1).max(20).default(4),
    abortSignal: abortSignalSchema.optional(),
  })
  .default({ isolationLevel: 'read committed', maxAttempts: 4 });

const queryOptionsSchema = z
  .object({ abortSignal: abortSignalSchema.optional(), prepare: z.boolean().optional() })
  .optional();

export type ParsedTransactionOptions = z.output<typeof transactionOptionsSchema>;

const defaults: ParsedTransactionOptions = { isolationLevel: 'read committed', maxAttempts: 4 };

/** Validates `transaction` options (`invalid_input` otherwise); the common no-options call skips zod. */
export function parseTransactionOptions(options: unknown): ParsedTransactionOptions {
  if (options === undefined) return defaults;
  return parseInput(transactionOptionsSchema, options, 'transaction options');
}

export function parseQueryOptions(options: unknown): QueryOptions | undefined {
  if (options === undefined) return undefined;
  return parseInput(queryOptionsSchema, options, 'query options');
}

const invalid = (subject: string, message: string) =>
  new InvalidInputError({ subject, issues: [{ path: '', message }] });

/**
 * Refuses (`invalid_input`) a statement the driver would reject with an untyped TypeError, or
 * misread: the text must be a non-empty string and the parameters an array.
 */
export function checkStatement(text: unknown, params: unknown): void {
  if (typeof text !== 'string' || text.trim() === '')
    throw invalid('SQL statement', 'Expected a non-empty string');
  if (params !== undefined && !Array.isArray(params))
    throw invalid('SQL parameters', 'Expected an array of parameters');
}

/** Refuses (`invalid_input`) a transaction whose work is not a function. */
export function checkWork(work: unknown): void {
  if (typeof work !== 'function') throw invalid('transaction work', 'Expected a function');
}

/** `BEGIN` with the level spelled out: never the server's or role's default. */
export const beginStatement = (level: IsolationLevel) =>
  `BEGIN ISOLATION LEVEL ${level.toUpperCase()}`;

/** The same, for drivers whose transaction helper sends a bare BEGIN itself (PGlite). */
export const setIsolationStatement = (level: IsolationLevel) =>
  `SET TRANSACTION ISOLATION LEVEL ${level.toUpperCase()}`;

export type { TransactionOptions };
