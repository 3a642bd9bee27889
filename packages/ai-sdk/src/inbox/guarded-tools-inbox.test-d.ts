import type { EscalateInput, Inbox, InboxItem } from '@guardloop/inbox';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  GuardedToolsEscalation,
  GuardedToolsInbox,
  GuardedToolsInboxItem,
} from './guarded-tools-inbox';

// The structural inbox type stands in for the optional peer's own: keep the two in step.
describe('GuardedToolsInbox', () => {
  it('is satisfied by the inbox of @guardloop/inbox', () => {
    expectTypeOf<Inbox>().toExtend<GuardedToolsInbox>();
    expectTypeOf<InboxItem>().toExtend<GuardedToolsInboxItem>();
  });

  it('files escalations the inbox accepts', () => {
    expectTypeOf<GuardedToolsEscalation>().toExtend<EscalateInput>();
  });
});
