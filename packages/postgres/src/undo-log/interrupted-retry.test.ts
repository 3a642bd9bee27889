import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createManualClock, GuardloopError } from '@guardloop/core';
import { createUndoLog, type RecoveryPolicy } from '@guardloop/undo-log';
import { afterEach, describe, expect, it } from 'vitest';
import { countPayments, createLedgerActions } from '../test-support/children/ledger-action';
import { openStore } from '../test-support/open-store';
import { spawnChild } from '../test-support/spawn-child';
import { describeWithPostgres, realDatabaseUrl } from '../test-support/test-databases';

const directories: string[] = [];
afterEach(async () => {
  for (const directory of directories.splice(0))
    await rm(directory, { recursive: true, force: true });
});

type LedgerAction = 'send_payment' | 'ledger_entry';

/**
 * Kills a child inside `do` (after the payment was appended to the ledger), recovers an hour
 * later in this process, then retries the request with the same idempotency key, as a
 * redelivered webhook would. The retry must not pay a second time.
 */
async function crashRecoverRetry(
  location: string | undefined,
  schema: string,
  actionName: LedgerAction,
  policy: RecoveryPolicy,
) {
  const directory = await mkdtemp(join(tmpdir(), 'guardloop-interrupted-'));
  directories.push(directory);
  const database = location ?? join(directory, 'pglite');
  const ledger = join(directory, 'ledger');
  const child = spawnChild('crash-child.ts', [database, schema, ledger, actionName]);
  await child.waitForLine('effect-applied');
  child.kill('SIGKILL');
  expect(await child.exited).toBe('SIGKILL');

  const { store, client, close } = await openStore(database, schema);
  try {
    const { sendPayment, ledgerEntry } = createLedgerActions({ hang: false });
    const now = Date.now() + 3_600_000;
    const log = createUndoLog({
      store,
      actions: [sendPayment, ledgerEntry],
      clock: createManualClock(now),
    });
    const { records } = await log.recover({ policy });
    const idempotencyKey = `crash-${actionName}`;
    const approval = { approvedBy: 'lea', approvedAt: now, actionName, idempotencyKey };
    const action = actionName === 'send_payment' ? sendPayment : ledgerEntry;
    const retry = () =>
      log
        .run(
          action,
          { path: ledger, cents: 500 },
          {
            idempotencyKey,
            traceId: 'webhook-retry',
            actor: { id: 'webhook', type: 'system' },
            ...(actionName === 'send_payment' ? { approval } : {}),
          },
        )
        .catch((error: unknown) => error);
    const retries = [await retry(), await retry()];
    return { records, retries, payments: countPayments(readFileSync(ledger, 'utf8')) };
  } finally {
    if (location) await client.query(`DROP SCHEMA "${schema}" CASCADE`);
    await close();
  }
}

function expectNoSecondPayment(result: Awaited<ReturnType<typeof crashRecoverRetry>>) {
  expect(result.records).toMatchObject([{ from: 'pending', outcome: 'failed' }]);
  for (const retried of result.retries) {
    expect(GuardloopError.hasCode(retried, 'action_interrupted')).toBe(true);
    expect(retried).toMatchObject({
      record: { status: 'failed', error: { code: 'interrupted' }, input: { cents: 500 } },
    });
  }
  expect(result.payments).toBe(1);
}

describe('a retry after SIGKILL inside do (PGlite file store)', () => {
  it('never pays twice for an irreversible action under the default policy', async () => {
    expectNoSecondPayment(
      await crashRecoverRetry(undefined, 'interrupted_pay', 'send_payment', 'complete-or-undo'),
    );
  });

  it("never re-runs a reversible action the 'fail' policy left for a person", async () => {
    expectNoSecondPayment(
      await crashRecoverRetry(undefined, 'interrupted_fail', 'ledger_entry', 'fail'),
    );
  });
});

describeWithPostgres('a retry after SIGKILL inside do (real PostgreSQL)', () => {
  it('never pays twice for an irreversible action under the default policy', async () => {
    expectNoSecondPayment(
      await crashRecoverRetry(
        realDatabaseUrl,
        `interrupted_pay_${process.pid}`,
        'send_payment',
        'complete-or-undo',
      ),
    );
  });

  it("never re-runs a reversible action the 'fail' policy left for a person", async () => {
    expectNoSecondPayment(
      await crashRecoverRetry(
        realDatabaseUrl,
        `interrupted_fail_${process.pid}`,
        'ledger_entry',
        'fail',
      ),
    );
  });
});
