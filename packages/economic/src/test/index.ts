export {
  type CounterStoreContractOptions,
  runCounterStoreContract,
} from './run-counter-store-contract';
export { type SloTrafficOptions, simulateSloTraffic } from './simulate-slo-traffic';
