// Contract suites for the store interfaces of @guardloop/intake (run by @guardloop/postgres too).
export {
  type EmailThreadStoreContractOptions,
  runEmailThreadStoreContract,
} from './email-thread-store-contract';
export {
  runTicketSlaStoreContract,
  type TicketSlaStoreContractOptions,
} from './ticket-sla-store-contract';
