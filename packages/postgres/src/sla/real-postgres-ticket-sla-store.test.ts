import { runTicketSlaStoreContract } from '@guardloop/intake/test';
import { describeWithPostgres, useTestDatabase } from '../test-support/test-databases';
import { createPostgresTicketSlaStore } from './postgres-ticket-sla-store';

describeWithPostgres('ticket SLA store on a real PostgreSQL server', () => {
  const database = useTestDatabase('postgres', 'ticket_sla_real');
  runTicketSlaStoreContract({
    name: 'postgres store on a pg Pool',
    createStore: async () =>
      createPostgresTicketSlaStore({
        client: await database.client(),
        schema: await database.newSchema(),
      }),
  });
});

describeWithPostgres('ticket SLA store on a REPEATABLE READ server default', () => {
  const database = useTestDatabase('postgres-repeatable-read', 'ticket_sla_rr');
  runTicketSlaStoreContract({
    name: 'postgres store, repeatable read by default',
    createStore: async () =>
      createPostgresTicketSlaStore({
        client: await database.client(),
        schema: await database.newSchema(),
      }),
  });
});
