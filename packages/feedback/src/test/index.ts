import { describe } from 'vitest';
import { abortContract } from './abort-contract';
import type { MakeStore } from './contract-fixtures';
import { documentContract } from './document-contract';
import { foldOrderContract } from './fold-order-contract';
import { outcomeCommitContract } from './outcome-contract';
import { pagingContract } from './paging-contract';
import { queryContract } from './query-contract';
import { storableInputContract } from './storable-input-contract';

export {
  artifactRecord,
  commitEvent,
  commitFor,
  fixtureDay,
  type MakeStore,
  outcomeEvent,
  problemRecord,
} from './contract-fixtures';

/**
 * The behaviour every `FeedbackStore` must have, as a vitest suite. Call it from a test file of
 * the implementation; `makeStore` must return a fresh, empty store on every call.
 *
 * @example
 * runFeedbackStoreContract('postgres', async () => createPostgresFeedbackStore({ client, schema: fresh() }));
 */
export function runFeedbackStoreContract(name: string, makeStore: MakeStore): void {
  describe(`FeedbackStore contract: ${name}`, () => {
    describe('outcomes', () => outcomeCommitContract(makeStore));
    describe('queries', () => queryContract(makeStore));
    describe('time order', () => foldOrderContract(makeStore));
    describe('paging', () => pagingContract(makeStore));
    describe('storable input', () => storableInputContract(makeStore));
    describe('artifacts and problems', () => documentContract(makeStore));
    describe('abort', () => abortContract(makeStore));
  });
}
