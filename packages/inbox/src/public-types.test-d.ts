import { describe, expectTypeOf, it } from 'vitest';
import {
  type ApproveOptions,
  type ApproveWithEditsOptions,
  type ClaimOptions,
  type CommentOptions,
  createMemoryInboxStore,
  type DueItem,
  type DueOptions,
  type EscalateInput,
  type Inbox,
  type InboxItem,
  type InboxPage,
  type InboxStatus,
  type InboxStore,
  type InboxStoreCallOptions,
  type ListOptions,
  type ReassignOptions,
  type RecoverOptions,
  type RecoverResult,
  type RejectOptions,
  type ReleaseOptions,
  type SlaEvent,
  type SlaMonitor,
  type SlaMonitorOptions,
} from './index';

describe('public types', () => {
  it('exports every type of the inbox signatures from the root', () => {
    expectTypeOf<Parameters<Inbox['escalate']>[0]>().toEqualTypeOf<EscalateInput>();
    expectTypeOf<Parameters<Inbox['list']>[0]>().toEqualTypeOf<ListOptions | undefined>();
    expectTypeOf<Parameters<Inbox['claim']>[1]>().toEqualTypeOf<ClaimOptions>();
    expectTypeOf<Parameters<Inbox['release']>[1]>().toEqualTypeOf<ReleaseOptions>();
    expectTypeOf<Parameters<Inbox['reassign']>[1]>().toEqualTypeOf<ReassignOptions>();
    expectTypeOf<Parameters<Inbox['comment']>[1]>().toEqualTypeOf<CommentOptions>();
    expectTypeOf<Parameters<Inbox['approve']>[1]>().toEqualTypeOf<ApproveOptions>();
    expectTypeOf<Parameters<Inbox['startSlaMonitor']>[0]>().toEqualTypeOf<SlaMonitorOptions>();
    expectTypeOf<ReturnType<Inbox['startSlaMonitor']>>().toEqualTypeOf<SlaMonitor>();
    expectTypeOf<Parameters<SlaMonitorOptions['onEvent']>[0]>().toEqualTypeOf<SlaEvent>();
    expectTypeOf<
      Parameters<Inbox['approveWithEdits']>[1]
    >().toEqualTypeOf<ApproveWithEditsOptions>();
    expectTypeOf<Parameters<Inbox['reject']>[1]>().toEqualTypeOf<RejectOptions>();
    expectTypeOf<Parameters<Inbox['due']>[0]>().toEqualTypeOf<DueOptions | undefined>();
    expectTypeOf<ReturnType<Inbox['due']>>().toEqualTypeOf<Promise<InboxPage<DueItem>>>();
    expectTypeOf<ReturnType<Inbox['get']>>().toEqualTypeOf<Promise<InboxItem>>();
    expectTypeOf<Parameters<Inbox['recover']>[0]>().toEqualTypeOf<RecoverOptions | undefined>();
    expectTypeOf<ReturnType<Inbox['recover']>>().toEqualTypeOf<Promise<RecoverResult>>();
    expectTypeOf<Parameters<InboxStore['get']>[1]>().toEqualTypeOf<
      InboxStoreCallOptions | undefined
    >();
  });

  it('types statuses as a closed set and the memory store as an InboxStore', () => {
    expectTypeOf<InboxStatus>().toEqualTypeOf<
      'pending' | 'approving' | 'approved' | 'rejected' | 'failed'
    >();
    expectTypeOf(createMemoryInboxStore()).toEqualTypeOf<InboxStore>();
  });

  it('takes an abort signal in every operation', () => {
    expectTypeOf<ClaimOptions['abortSignal']>().toEqualTypeOf<AbortSignal | undefined>();
    expectTypeOf<ApproveOptions['abortSignal']>().toEqualTypeOf<AbortSignal | undefined>();
    expectTypeOf<EscalateInput['abortSignal']>().toEqualTypeOf<AbortSignal | undefined>();
  });
});
