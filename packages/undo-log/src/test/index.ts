import { describeStoreArguments } from './argument-contract';
import { describeStoreClaims } from './claim-contract';
import type { UndoLogStoreContractOptions } from './contract-options';
import { describeInterruptions } from './interruption-contract';
import { describeLogOverStore } from './log-contract';
import { describeStoreBasics } from './store-contract';

export type { UndoLogStoreContractOptions } from './contract-options';
export { newTestRecord } from './new-test-record';

/**
 * The behaviour every `UndoLogStore` must have, as vitest suites: call it at the top level
 * of a test file with a factory of empty stores.
 */
export function runUndoLogStoreContract(options: UndoLogStoreContractOptions): void {
  describeStoreBasics(options);
  describeStoreClaims(options);
  describeStoreArguments(options);
  describeLogOverStore(options);
  describeInterruptions(options);
}
