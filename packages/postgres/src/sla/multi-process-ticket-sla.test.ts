import { createManualClock } from '@guardloop/core';
import { createTicketSlaMonitor } from '@guardloop/intake';
import { expect, it } from 'vitest';
import { type Child, spawnChild } from '../test-support/spawn-child';
import { describeWithPostgres, useTestDatabase } from '../test-support/test-databases';
import { createPostgresTicketSlaStore } from './postgres-ticket-sla-store';
import { multiProcessSlaPolicies, multiProcessStart } from './test-support/ticket-sla-policies';

// spawnChild runs scripts of test-support/children; the monitor's child lives with the store.
const child = '../../sla/test-support/ticket-sla-monitor-child.ts';

describeWithPostgres(
  'the ticket SLA monitor across processes on one PostgreSQL database',
  (url) => {
    const database = useTestDatabase('postgres', 'ticket_sla_multi');

    it('emits every breach exactly once and no alert twice when 4 processes tick together', async () => {
      const client = await database.client();
      const schema = await database.newSchema();
      const store = createPostgresTicketSlaStore({ client, schema });
      const clock = createManualClock(multiProcessStart);
      const host = createTicketSlaMonitor({ store, policies: multiProcessSlaPolicies, clock });
      const tickets = 40;
      for (let index = 0; index < tickets; index++)
        await host.record(`t-${index}`, {
          type: 'created',
          at: multiProcessStart + index * 60_000,
          fields: { priority: index % 2 ? 'p1' : 'p2' },
        });
      const children: Child[] = ['p1', 'p2', 'p3', 'p4'].map((claimant) =>
        spawnChild(child, [url, schema, claimant, '24'], 110_000),
      );
      await Promise.all(children.map((started) => started.waitForLine('ready')));
      for (const started of children) started.send('go');
      const lists = await Promise.all(
        children.map(
          async (started) => JSON.parse((await started.waitForLine('done:')).slice(5)) as string[],
        ),
      );
      const all = lists.flat();
      expect(new Set(all).size).toBe(all.length);
      const breaches = all.filter((key) => key.endsWith(':breach')).sort();
      // Every ticket's first response, and the p1 tickets' resolutions.
      const expected = [
        ...Array.from({ length: tickets }, (_, index) => `sla:t-${index}:first_response:1:breach`),
        ...Array.from(
          { length: tickets / 2 },
          (_, index) => `sla:t-${2 * index + 1}:resolution:1:breach`,
        ),
      ].sort();
      expect(breaches).toEqual(expected);
      const { rows } = await client.query<{ count: string }>(
        `SELECT count(*) AS count FROM "${schema}".guardloop_ticket_sla_emissions WHERE key LIKE '%:breach'`,
      );
      expect(Number(rows[0]?.count)).toBe(expected.length);
    }, 120_000);
  },
);
