import { expect, it } from 'vitest';
import { type Child, spawnChild } from '../test-support/spawn-child';
import { describeWithPostgres, useTestDatabase } from '../test-support/test-databases';

interface Delivery {
  index: number;
  kind: string;
  ticketId?: string;
}

describeWithPostgres('the email intake across processes on one PostgreSQL database', (url) => {
  const database = useTestDatabase('postgres', 'email_intake_multi');

  it('opens exactly one ticket per Message-ID when 4 processes deliver the same mail', async () => {
    const client = await database.client();
    const schema = await database.newSchema();
    const pairs = 15;
    const children: Child[] = ['a', 'b', 'c', 'd'].map((name) =>
      spawnChild('email-intake-child.ts', [url, schema, name, String(pairs)], 110_000),
    );
    await Promise.all(children.map((started) => started.waitForLine('ready')));
    for (const started of children) started.send('go');
    const lists = await Promise.all(
      children.map(
        async (started) => JSON.parse((await started.waitForLine('done:')).slice(5)) as Delivery[],
      ),
    );
    for (let index = 0; index < pairs * 2; index++) {
      const deliveries = lists.map((list) => list[index] as Delivery);
      const firstOfPair = index % 2 === 0;
      const winners = deliveries.filter((delivery) => delivery.kind !== 'duplicate');
      expect(winners.map((delivery) => delivery.kind)).toEqual([firstOfPair ? 'ticket' : 'reply']);
      // Every copy names the ticket the winner opened (or the reply went to).
      expect(new Set(deliveries.map((delivery) => delivery.ticketId)).size).toBe(1);
    }
    for (let pair = 0; pair < pairs; pair++)
      expect(lists[0]?.[2 * pair]?.ticketId).toBe(lists[0]?.[2 * pair + 1]?.ticketId);
    const { rows } = await client.query<{ count: string }>(
      `SELECT count(*) AS count FROM "${schema}".guardloop_email_threads`,
    );
    expect(Number(rows[0]?.count)).toBe(pairs * 2);
  }, 120_000);
});
