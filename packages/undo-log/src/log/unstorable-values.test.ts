import { describe, expect, it } from 'vitest';
import { storableJsonIssue, toStorableString } from '../record/storable-values';
import { agent, createTestBank, createTestLog, hasCode } from '../test-support/test-log';

const options = { idempotencyKey: 'refund-T1', traceId: 'trace-1', actor: agent };

describe('values no store can keep', () => {
  it('refuses a saga whose step input cannot be stored before any step runs', async () => {
    const { log, credit, calls } = createTestLog();
    await expect(
      log.runSaga(
        [
          { action: credit, input: { account: 'fine', amount: 1 } },
          { action: credit, input: { account: 'bad \u0000', amount: 1 } },
        ],
        { idempotencyKey: 'saga-1', traceId: 'trace-1', actor: agent },
      ),
    ).rejects.toSatisfy(hasCode('invalid_input'));
    expect(calls).toEqual([]);
  });

  it('still plans such an input in a dry run, which stores nothing', async () => {
    const { log, credit } = createTestLog();
    const plan = await log.run(
      credit,
      { account: 'bad \u0000', amount: 1 },
      {
        ...options,
        dryRun: true,
      },
    );
    expect(plan.status).toBe('dry_run');
  });

  it('records a failure whose message cannot be stored, made storable', async () => {
    const bank = createTestBank();
    const broken: typeof bank.credit = {
      ...bank.credit,
      do: () => {
        throw Object.assign(new Error(`bad byte \u0000 and \uD800 ${'x'.repeat(5_000)}`), {
          code: 'E\u0000',
        });
      },
    };
    const { log } = createTestLog({ actions: [broken] }, bank);
    await expect(log.run(broken, { account: 'a', amount: 1 }, options)).rejects.toSatisfy(
      hasCode('action_failed'),
    );
    const { error } = await log.getRecord('action-1');
    expect(error?.code).toBe('E\uFFFD');
    expect(error?.message.startsWith('bad byte \uFFFD and \uFFFD x')).toBe(true);
    expect(error?.message.length).toBeLessThanOrEqual(4_000);
  });

  it.each([
    ['a NUL', { text: 'a\u0000' }, 'text'],
    ['a lone surrogate', ['ok', '\uDC00'], '1'],
    ['a NUL in a key', { nested: { 'k\u0000': 1 } }, 'nested.k\u0000'],
    ['a non-finite number', { n: Number.POSITIVE_INFINITY }, 'n'],
    ['a bigint', { n: 10n }, 'n'],
  ])('finds %s in a JSON value', (_, value, path) => {
    expect(storableJsonIssue(value)?.path.join('.')).toBe(path);
  });

  it('accepts what JSON keeps: dates, undefined properties, paired surrogates', () => {
    expect(
      storableJsonIssue({ at: new Date(0), gone: undefined, emoji: '😀', list: [undefined] }),
    ).toBeUndefined();
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(storableJsonIssue(cycle)?.message).toBe('Circular reference');
    const deep = JSON.parse(`${'['.repeat(150)}${']'.repeat(150)}`) as unknown;
    expect(storableJsonIssue(deep)?.message).toMatch(/deeper/);
  });

  it('makes diagnostics storable without splitting a surrogate pair', () => {
    expect(toStorableString('a\u0000b\uD800', 10)).toBe('a\uFFFDb\uFFFD');
    expect(toStorableString(`ab😀cd`, 4)).toBe('ab…');
  });
});
