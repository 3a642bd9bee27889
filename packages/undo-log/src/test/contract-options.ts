import type { UndoLogStore } from '../store/undo-log-store';

export interface UndoLogStoreContractOptions {
  /** Shown in the describe block, e.g. `memory` or `postgres (pglite)`. */
  name: string;
  /** Returns an empty store; called once per test. */
  createStore: () => UndoLogStore | Promise<UndoLogStore>;
}
