import type { CreateStore } from './contract-fixtures';

export interface FeedbackStoreContractOptions {
  /** Shown in the describe block, e.g. `memory` or `postgres (pglite)`. */
  name: string;
  /** Returns a fresh, empty store; called once per test. */
  createStore: CreateStore;
}
