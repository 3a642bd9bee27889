// Starts an action whose `do` takes effect and then hangs, so the test can SIGKILL it
// mid-action. Arguments: <PGlite directory or postgres:// URL> <schema> <effect file> [action]
// where action is `write_marker` (default), `send_payment` (irreversible, approved) or
// `ledger_entry` (reversible, without isComplete).
import { createUndoLog } from '@guardloop/undo-log';
import { createMarkerAction } from '../marker-action';
import { openStore } from '../open-store';
import { createLedgerActions } from './ledger-action';

const [location = '', schema = 'public', effectFile = '', actionName = 'write_marker'] =
  process.argv.slice(2);
const { store } = await openStore(location, schema);
const { sendPayment, ledgerEntry } = createLedgerActions({ hang: true });
const marker = createMarkerAction({ hangAfterWriting: true });
const log = createUndoLog({
  store,
  actions: [marker, sendPayment, ledgerEntry],
  ownerId: `crash-child-${process.pid}`,
});
const actor = { id: 'crash-child', type: 'system' as const };
if (actionName === 'write_marker') {
  await log.run(
    marker,
    { path: effectFile },
    { idempotencyKey: 'crash-marker', traceId: 'crash-trace', actor },
  );
} else {
  const idempotencyKey = `crash-${actionName}`;
  const approval = {
    approvedBy: 'lea',
    approvedAt: Date.now(),
    actionName,
    idempotencyKey,
  };
  await log.run(
    actionName === 'send_payment' ? sendPayment : ledgerEntry,
    { path: effectFile, cents: 500 },
    {
      idempotencyKey,
      traceId: 'crash-trace',
      actor,
      ...(actionName === 'send_payment' ? { approval } : {}),
    },
  );
}
