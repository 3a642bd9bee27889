import { createManualClock } from '@guardloop/core';
import { createTicketSlaMonitor, defineSlaPolicies, type TicketSlaStore } from '@guardloop/intake';
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

  it('redelivers an alert whose monitor died before delivering it, from another monitor after the lease', async () => {
    const store = createPostgresTicketSlaStore({
      client: await memory.client(),
      schema: await memory.newSchema(),
    });
    const clock = createManualClock(Date.UTC(2026, 11, 1, 9));
    const policies = defineSlaPolicies([
      { id: 'all', targets: { '*': { firstResponseMs: 60_000 } } },
    ]);
    const received: string[] = [];
    const monitorOn = (on: TicketSlaStore, claimant: string) =>
      createTicketSlaMonitor({
        store: on,
        policies,
        clock,
        claimant,
        leaseMs: 30_000,
        onSignal: (signal) => {
          received.push(signal.fingerprint);
        },
      });
    const dying = monitorOn(
      {
        ...store,
        markEmitted: async (...args) => {
          await store.markEmitted(...args);
          throw new Error('process died');
        },
      },
      'dying',
    );
    const survivor = monitorOn(store, 'survivor');
    await survivor.record('t-1', { type: 'created', at: clock.now() });
    clock.advance(120_000);
    await expect(dying.tick()).rejects.toThrow('process died');
    expect(await survivor.tick()).toEqual([]);
    clock.advance(30_000);
    await survivor.tick();
    expect(received).toEqual(['sla:t-1:first_response:1:breach']);
    clock.advance(60_000);
    expect(await survivor.tick()).toEqual([]);
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
