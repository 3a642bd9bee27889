import type { InboxStore } from '../store/inbox-store';

export interface InboxStoreContractOptions {
  /** Shown in the describe block, e.g. `memory` or `postgres (pglite)`. */
  name: string;
  /** Returns an empty store; called once per test. */
  createStore: () => InboxStore | Promise<InboxStore>;
  /**
   * A second store over the same data through another connection (pool), as another process
   * would have: used by the concurrency tests when given.
   */
  createPeerStore?: (store: InboxStore) => InboxStore | Promise<InboxStore>;
}
