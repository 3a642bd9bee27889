import { parseInput } from '@guardloop/core';
import { describe } from 'vitest';
import { z } from 'zod';
import { abortContract } from './abort-contract';
import { argumentContract } from './argument-contract';
import { batchCommitContract } from './batch-commit-contract';
import type { FeedbackStoreContractOptions } from './contract-options';
import { documentContract } from './document-contract';
import { foldOrderContract } from './fold-order-contract';
import { humanReviewContract } from './human-review-contract';
import { outcomeCommitContract } from './outcome-contract';
import { pagingContract } from './paging-contract';
import { queryContract } from './query-contract';
import { resolutionBreakdownContract } from './resolution-breakdown-contract';
import { storableInputContract } from './storable-input-contract';
import { ticketSlaContract } from './ticket-sla-contract';

export {
  artifactRecord,
  commitEvent,
  commitFor,
  fixtureDay,
  outcomeEvent,
  problemRecord,
} from './contract-fixtures';
export type { FeedbackStoreContractOptions } from './contract-options';

const optionsSchema = z.object({ name: z.string().min(1), createStore: z.function() });

/**
 * The behaviour every `FeedbackStore` must have, as a vitest suite. Call it from a test file of
 * the implementation; `createStore` must return a fresh, empty store on every call.
 *
 * @example
 * runFeedbackStoreContract({
 *   name: 'postgres',
 *   createStore: async () => createPostgresFeedbackStore({ client, schema: await freshSchema() }),
 * });
 * @throws InvalidInputError for malformed options
 */
export function runFeedbackStoreContract(options: FeedbackStoreContractOptions): void {
  parseInput(optionsSchema, options, 'feedback store contract options');
  const { name, createStore } = options;
  describe(`FeedbackStore contract: ${name}`, () => {
    describe('outcomes', () => outcomeCommitContract(createStore));
    describe('batches', () => batchCommitContract(createStore));
    describe('queries', () => queryContract(createStore));
    describe('time order', () => foldOrderContract(createStore));
    describe('human reviews', () => humanReviewContract(createStore));
    describe('resolutions per action and hypothesis', () =>
      resolutionBreakdownContract(createStore));
    describe('ticket SLA runs', () => ticketSlaContract(createStore));
    describe('paging', () => pagingContract(createStore));
    describe('storable input', () => storableInputContract(createStore));
    describe('artifacts and problems', () => documentContract(createStore));
    describe('arguments', () => argumentContract(createStore));
    describe('abort', () => abortContract(createStore));
  });
}
