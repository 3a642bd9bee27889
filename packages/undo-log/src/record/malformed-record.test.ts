import { describe, expect, it } from 'vitest';
import { createMemoryUndoLogStore } from '../store/memory-undo-log-store';
import type { UndoLogStore } from '../store/undo-log-store';
import { newTestRecord } from '../test/new-test-record';
import { agent, createTestLog, hasCode, supervisor, testNow } from '../test-support/test-log';
import { parseStoredRecord } from './parse-stored-record';

/** A store whose reads come back damaged, as after a bad migration or manual edit. */
function corruptingStore(damage: (record: Record<string, unknown>) => void): UndoLogStore {
  const store = createMemoryUndoLogStore();
  const corrupt = <T>(record: T): T => {
    if (record && typeof record === 'object') damage(record as Record<string, unknown>);
    return record;
  };
  return {
    ...store,
    get: async (id) => corrupt(await store.get(id)),
    getByIdempotencyKey: async (key) => corrupt(await store.getByIdempotencyKey(key)),
    listByTrace: async (traceId) => (await store.listByTrace(traceId)).map(corrupt),
    claimExpired: async (options) => (await store.claimExpired(options)).map(corrupt),
  };
}

const options = { idempotencyKey: 'k1', traceId: 'trace-1', actor: agent };
const input = { account: 'a', amount: 1 };

describe('malformed stored records', () => {
  it('are reported with the malformed_record code and the record id', () => {
    expect(() =>
      parseStoredRecord({ ...newTestRecord({ id: 'r1' }), sequence: 1, status: 'exploded' }),
    ).toThrow(expect.objectContaining({ code: 'malformed_record', recordId: 'r1' }));
    expect(() => parseStoredRecord('garbage')).toThrow(
      expect.objectContaining({ code: 'malformed_record' }),
    );
  });

  it('surface as typed errors from every operation that reads them', async () => {
    const store = corruptingStore((record) => {
      record.actor = 'not an actor';
    });
    const { log, credit } = createTestLog({ store });
    await expect(log.run(credit, input, options)).resolves.toMatchObject({ status: 'done' });
    await expect(log.run(credit, input, options)).rejects.toSatisfy(hasCode('malformed_record'));
    await expect(log.getRecord('action-1')).rejects.toSatisfy(hasCode('malformed_record'));
    await expect(log.listTrace('trace-1')).rejects.toSatisfy(hasCode('malformed_record'));
    await expect(log.undo('action-1', { by: supervisor, reason: 'x' })).rejects.toSatisfy(
      hasCode('malformed_record'),
    );
    await expect(log.undoTrace('trace-1', { by: supervisor, reason: 'x' })).rejects.toSatisfy(
      hasCode('malformed_record'),
    );
  });

  it('are reported per record by recovery', async () => {
    const store = corruptingStore((record) => {
      record.sequence = -1;
    });
    const { log } = createTestLog({ store });
    await store.insert(
      newTestRecord({ id: 'bad', actionName: 'credit', leaseExpiresAt: testNow - 1 }),
    );
    const { records } = await log.recover();
    expect(records).toMatchObject([{ actionId: 'bad', outcome: 'error' }]);
    expect(hasCode('malformed_record')(records[0]?.error)).toBe(true);
  });

  it('include stored results that no longer match the output schema', async () => {
    const { log, credit, store } = createTestLog();
    await log.run(credit, input, options);
    await store.update('action-1', {
      expect: { statuses: ['done'] },
      set: { result: { balance: 'lots' } },
    });
    await expect(log.run(credit, input, options)).rejects.toSatisfy(hasCode('malformed_record'));
  });
});
