import { createManualClock } from '@guardloop/core';
import { createTicketSlaMonitor, defineSlaPolicies } from '@guardloop/intake';
import { runTicketSlaStoreContract } from '@guardloop/intake/test';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../test-support/test-databases';
import { createPostgresTicketSlaStore } from './postgres-ticket-sla-store';

const memory = useTestDatabase('pglite', 'ticket_sla_pglite');
runTicketSlaStoreContract({
  name: 'postgres store on PGlite (memory)',
  createStore: async () =>
    createPostgresTicketSlaStore({
      client: await memory.client(),
      schema: await memory.newSchema(),
    }),
});

describe('createPostgresTicketSlaStore', () => {
  it('rejects malformed options with invalid_input', async () => {
    const client = await memory.client();
    for (const options of [undefined, {}, { client: {} }, { client, schema: 'Robert; DROP' }])
      expect(() => createPostgresTicketSlaStore(options as never)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
  });

  it('surfaces a damaged row as malformed_ticket_sla_state for that ticket only', async () => {
    const client = await memory.client();
    const schema = await memory.newSchema();
    const store = createPostgresTicketSlaStore({ client, schema });
    const clock = createManualClock(Date.UTC(2026, 11, 1, 9));
    const errors: unknown[] = [];
    const monitor = createTicketSlaMonitor({
      store,
      clock,
      policies: defineSlaPolicies([{ id: 'all', targets: { '*': { firstResponseMs: 60_000 } } }]),
      onError: (error) => errors.push(error),
    });
    for (const ticketId of ['bad', 'good'])
      await monitor.record(ticketId, { type: 'created', at: clock.now() });
    await client.query(
      `UPDATE "${schema}".guardloop_ticket_sla_tickets SET state = '{"changed": 3}'::jsonb WHERE ticket_id = 'bad'`,
    );
    await expect(monitor.evaluate('bad')).rejects.toMatchObject({
      code: 'malformed_ticket_sla_state',
    });
    clock.advance(120_000);
    const signals = await monitor.tick();
    expect(signals.map((signal) => signal.payload.ticketId)).toEqual(['good']);
    expect(errors).toEqual([
      expect.objectContaining({ code: 'malformed_ticket_sla_state', ticketId: 'bad' }),
    ]);
  });
});
