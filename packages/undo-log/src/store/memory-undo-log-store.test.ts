import { runUndoLogStoreContract } from '@guardloop/undo-log/test';
import { createMemoryUndoLogStore } from './memory-undo-log-store';

runUndoLogStoreContract({ name: 'memory', createStore: createMemoryUndoLogStore });
