// Starts an action whose `do` writes a marker and then hangs, so the test can SIGKILL it
// mid-action. Arguments: <PGlite directory or postgres:// URL> <schema> <marker path>.
import { createUndoLog } from '@guardloop/undo-log';
import { createMarkerAction } from '../marker-action';
import { openStore } from '../open-store';

const [location = '', schema = 'public', marker = ''] = process.argv.slice(2);
const { store } = await openStore(location, schema);
const action = createMarkerAction({ hangAfterWriting: true });
const log = createUndoLog({ store, actions: [action], ownerId: `crash-child-${process.pid}` });
await log.run(
  action,
  { path: marker },
  {
    idempotencyKey: 'crash-marker',
    traceId: 'crash-trace',
    actor: { id: 'crash-child', type: 'system' },
  },
);
