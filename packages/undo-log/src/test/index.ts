import { describeStoreAborts } from './abort-contract';
import { describeStoreArguments } from './argument-contract';
import { describeStoreClaims } from './claim-contract';
import type { UndoLogStoreContractOptions } from './contract-options';
import { describeInterruptions } from './interruption-contract';
import { describeLogOverStore } from './log-contract';
import { describeStoreBasics } from './store-contract';
import { describeStoreBatchUpdates } from './update-many-contract';

export type { UndoLogStoreContractOptions } from './contract-options';
export { newTestRecord } from './new-test-record';

/**
 * The behaviour every `UndoLogStore` must have, as vitest suites: call it at the top level
 * of a test file with one options object, `{ name, createStore }` (a factory of empty stores).
 */
export function runUndoLogStoreContract(options: UndoLogStoreContractOptions): void {
  describeStoreBasics(options);
  describeStoreClaims(options);
  describeStoreBatchUpdates(options);
  describeStoreArguments(options);
  describeStoreAborts(options);
  describeLogOverStore(options);
  describeInterruptions(options);
}
