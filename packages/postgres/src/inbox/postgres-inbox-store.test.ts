import { createInbox } from '@guardloop/inbox';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../test-support/test-databases';
import { createPostgresInboxStore } from './postgres-inbox-store';

const database = useTestDatabase('pglite', 'inbox_store');

describe('createPostgresInboxStore', () => {
  it('rejects malformed options with invalid_input', async () => {
    const client = await database.client();
    for (const options of [undefined, {}, { client: {} }, { client, schema: 'Robert; DROP' }])
      expect(() => createPostgresInboxStore(options as never)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
  });

  it('surfaces a damaged row as malformed_item through the inbox', async () => {
    const client = await database.client();
    const schema = await database.newSchema();
    const inbox = createInbox({ store: createPostgresInboxStore({ client, schema }) });
    const item = await inbox.escalate({
      traceId: 'damaged-1',
      action: { name: 'refund', input: { amount: 1 } },
      reason: 'r',
    });
    await client.query(
      `UPDATE "${schema}".guardloop_inbox_items SET document = document - 'action' WHERE id = $1`,
      [item.id],
    );
    await expect(inbox.get(item.id)).rejects.toMatchObject({ code: 'malformed_item' });
  });
});
