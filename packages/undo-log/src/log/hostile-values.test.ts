import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAction } from '../action/define-action';
import { storableJsonIssue } from '../record/storable-values';
import { agent, createTestBank, createTestLog, hasCode } from '../test-support/test-log';

const options = { idempotencyKey: 'k-1', traceId: 'trace-1', actor: agent };

function logReturning(result: () => unknown) {
  const effects: string[] = [];
  const act = defineAction({
    name: 'act',
    input: z.object({ n: z.number() }),
    reversible: true,
    do: () => {
      effects.push('do');
      return result();
    },
    undo: () => void effects.push('undo'),
  });
  const bank = createTestBank();
  return { ...createTestLog({ actions: [act, bank.credit] }, bank), act, effects };
}

let nested: unknown = { bad: 'x\u0000' };
for (let depth = 0; depth < 60; depth++) nested = { next: nested };
const cyclic: Record<string, unknown> = { a: 1 };
cyclic.self = cyclic;

describe('results and inputs that JSON cannot keep', () => {
  it.each([
    [
      'a getter that throws',
      () => ({
        get boom() {
          throw new Error('getter');
        },
      }),
    ],
    [
      'a toJSON that throws',
      () => ({
        inner: {
          toJSON() {
            throw new Error('toJSON');
          },
        },
      }),
    ],
    ['a Map', () => ({ byId: new Map([['a', 1]]) })],
    ['a Set', () => ({ ids: new Set([1, 2]) })],
    ['an Error', () => ({ failure: new Error('lost message') })],
    ['a cycle', () => cyclic],
    ['a NUL 60 levels deep', () => nested],
  ])('records the effect of a result with %s as done, typed, never pending', async (_, result) => {
    const { log, act, store, effects } = logReturning(result);
    const error = await log.run(act, { n: 1 }, options).catch((caught) => caught);
    expect(hasCode('result_not_storable')(error)).toBe(true);
    expect(await store.getByIdempotencyKey('k-1')).toMatchObject({
      status: 'done',
      result: null,
      leaseOwner: null,
      error: { code: 'result_not_storable' },
    });
    expect(await log.run(act, { n: 1 }, options)).toMatchObject({ replayed: true });
    expect(effects).toEqual(['do']);
  });

  it('keeps what JSON keeps of class instances and dates', async () => {
    class Receipt {
      constructor(readonly id: string) {}
      get label() {
        return `#${this.id}`;
      }
    }
    const at = new Date(0);
    const { log, act, store } = logReturning(() => ({ receipt: new Receipt('r1'), at }));
    await log.run(act, { n: 1 }, options);
    expect((await store.getByIdempotencyKey('k-1'))?.result).toEqual({
      receipt: { id: 'r1' },
      at: at.toISOString(),
    });
  });

  it('refuses an input whose JSON would lose data, before anything runs', async () => {
    const effects: string[] = [];
    const tag = defineAction({
      name: 'tag',
      input: z.object({ tags: z.instanceof(Map) }),
      reversible: true,
      do: () => void effects.push('do'),
      undo: () => {},
    });
    const { log } = createTestLog({ actions: [tag] });
    // Both would be stored, and hashed, as `{ tags: {} }`: the second would replay the first.
    await expect(log.run(tag, { tags: new Map([['vip', true]]) }, options)).rejects.toSatisfy(
      hasCode('invalid_input'),
    );
    expect(effects).toEqual([]);
  });

  it('reports a value whose getter throws as an issue, not a crash', () => {
    const value = {
      ok: 1,
      get boom() {
        throw new Error('no');
      },
    };
    expect(storableJsonIssue(value)?.path).toEqual(['boom']);
  });

  it('rolls back a saga step whose effect happened but whose result cannot be stored', async () => {
    const { log, act, credit, effects, balances } = logReturning(() => ({ at: new Map() }));
    const error = await log
      .runSaga(
        [
          { action: credit, input: { account: 'acme', amount: 5 } },
          { action: act, input: { n: 1 } },
        ],
        { idempotencyKey: 'saga-1', traceId: 'trace-1', actor: agent },
      )
      .catch((caught) => caught);
    expect(hasCode('saga_failed')(error)).toBe(true);
    expect(error.rolledBack).toEqual(['action-2', 'action-1']);
    expect(effects).toEqual(['do', 'undo']);
    expect(balances.get('acme')).toBe(0);
  });

  it("re-runs an action whose own error had the code 'interrupted', as any clean failure", async () => {
    let fail = true;
    const { log, act, store, effects } = logReturning(() => {
      if (fail) throw Object.assign(new Error('upstream interrupted'), { code: 'interrupted' });
      return { ok: true };
    });
    await expect(log.run(act, { n: 1 }, options)).rejects.toSatisfy(hasCode('action_failed'));
    expect((await store.getByIdempotencyKey('k-1'))?.error?.code).toBe('action:interrupted');
    fail = false;
    expect(await log.run(act, { n: 1 }, options)).toMatchObject({
      status: 'done',
      replayed: false,
    });
    expect(effects).toEqual(['do', 'do']);
  });
});
