import { runTicketSlaStoreContract } from '../test/ticket-sla-store-contract';
import { createMemoryTicketSlaStore } from './memory-ticket-sla-store';

runTicketSlaStoreContract({ name: 'memory', createStore: () => createMemoryTicketSlaStore() });
