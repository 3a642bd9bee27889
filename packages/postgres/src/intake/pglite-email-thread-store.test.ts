import { createEmailIntake } from '@guardloop/intake';
import { runEmailThreadStoreContract } from '@guardloop/intake/test';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../test-support/test-databases';
import { createPostgresEmailThreadStore } from './postgres-email-thread-store';
import { racedEmails } from './test-support/raced-emails';

const memory = useTestDatabase('pglite', 'email_threads_pglite');
runEmailThreadStoreContract({
  name: 'postgres store on PGlite (memory)',
  createStore: async () =>
    createPostgresEmailThreadStore({
      client: await memory.client(),
      schema: await memory.newSchema(),
    }),
});

describe('createPostgresEmailThreadStore', () => {
  it('rejects malformed options with invalid_input', async () => {
    const client = await memory.client();
    for (const options of [undefined, {}, { client: {} }, { client, schema: 'Robert; DROP' }])
      expect(() => createPostgresEmailThreadStore(options as never)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
  });

  it('keeps the threads of an email intake across intakes on one database', async () => {
    const client = await memory.client();
    const schema = await memory.newSchema();
    const [opening, reply] = racedEmails(1) as [string, string];
    const first = createEmailIntake({
      threads: createPostgresEmailThreadStore({ client, schema }),
    });
    const opened = await first.receive(opening);
    if (opened.kind !== 'ticket') throw new Error(`expected a ticket, got ${opened.kind}`);
    // A restarted host: a new intake and store over the same tables.
    const second = createEmailIntake({
      threads: createPostgresEmailThreadStore({ client, schema }),
    });
    expect(await second.receive(opening)).toMatchObject({
      kind: 'duplicate',
      ticketId: opened.ticketId,
    });
    expect(await second.receive(reply)).toMatchObject({
      kind: 'reply',
      ticketId: opened.ticketId,
    });
  });
});
