import { runInboxStoreContract } from '../test/index';
import { createMemoryInboxStore } from './memory-inbox-store';

runInboxStoreContract({ name: 'memory', createStore: () => createMemoryInboxStore() });
