import { describeStoreArguments } from './argument-contract';
import type { InboxStoreContractOptions } from './contract-options';
import { describeDecisionsOverStore } from './decision-contract';
import { describeInboxOverStore } from './inbox-contract';
import { describeSlaMonitorOverStore } from './sla-contract';
import { describeStoreBasics } from './store-contract';

export type { InboxStoreContractOptions } from './contract-options';
export { newTestItem } from './new-test-item';
export {
  createTestInbox,
  refundEscalation,
  refundLimitRail,
  reviewerPolicy,
  reviewers,
  testNow,
} from './test-inbox';

/**
 * The behaviour every `InboxStore` must have, as vitest suites: call it at the top level of a
 * test file with a factory of empty stores.
 */
export function runInboxStoreContract(options: InboxStoreContractOptions): void {
  describeStoreBasics(options);
  describeStoreArguments(options);
  describeInboxOverStore(options);
  describeDecisionsOverStore(options);
  describeSlaMonitorOverStore(options);
}
