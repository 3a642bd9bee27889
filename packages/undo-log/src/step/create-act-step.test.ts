import {
  type Hypothesis,
  type HypothesisInput,
  hypothesisSchema,
  type LoopStepInput,
} from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { agent, approvalFor, createTestLog, hasCode } from '../test-support/test-log';
import { actStepIdempotencyKey, createActStep } from './create-act-step';

const stepOptions = { abortSignal: new AbortController().signal };
const credit = { name: 'credit', input: { account: 'acme', amount: 5 }, dryRun: false };

function stepInput(
  action: HypothesisInput['action'] | null = credit,
  overrides: Partial<LoopStepInput> = {},
): LoopStepInput {
  const hypothesis = hypothesisSchema.parse({
    id: 'h-credit',
    title: 'Credit the account',
    confidence: 0.9,
    ...(action ? { action } : {}),
  });
  return {
    traceId: 'trace-1',
    signal: {
      id: 's-1',
      source: 'email',
      kind: 'ticket',
      fingerprint: 'f',
      payload: {},
      occurredAt: 1,
      receivedAt: 1,
      traceId: 'trace-1',
    },
    actor: { id: agent.id, type: 'ai', roles: [] },
    attributes: {},
    hypotheses: [hypothesis],
    hypothesis,
    ...overrides,
  };
}

describe('createActStep', () => {
  it('runs the hypothesis action through the log on the trace, as the loop actor', async () => {
    const { log, balances } = createTestLog();
    const act = createActStep(log);
    const run = await act(stepInput(), stepOptions);
    expect(run).toMatchObject({ status: 'done', result: { balance: 5 }, replayed: false });
    expect(balances.get('acme')).toBe(5);
    const [record] = await log.listTrace('trace-1');
    expect(record).toMatchObject({
      actionName: 'credit',
      actor: { id: agent.id },
      idempotencyKey: actStepIdempotencyKey(stepInput()),
    });
  });

  it('replays a retried trace instead of running the action twice', async () => {
    const { log, balances, calls } = createTestLog();
    const act = createActStep(log);
    const first = (await act(stepInput(), stepOptions)) as { actionId: string };
    const again = await act(stepInput(), stepOptions);
    expect(again).toMatchObject({ status: 'done', actionId: first.actionId, replayed: true });
    expect(balances.get('acme')).toBe(5);
    expect(calls.filter((call) => call.startsWith('do credit'))).toHaveLength(1);
  });

  it('derives distinct keys per trace and hypothesis, and keeps the action key when given', () => {
    const key = actStepIdempotencyKey(stepInput());
    expect(key).toMatch(/^loop:[0-9a-f]{64}$/);
    expect(actStepIdempotencyKey(stepInput(credit, { traceId: 'trace-2' }))).not.toBe(key);
    // No separator to confuse: ('a:b', 'c') and ('a', 'b:c') differ.
    const joined = (traceId: string, id: string) =>
      actStepIdempotencyKey({
        ...stepInput(credit, { traceId }),
        hypothesis: { ...(stepInput().hypothesis as Hypothesis), id },
      });
    expect(joined('a:b', 'c')).not.toBe(joined('a', 'b:c'));
    expect(actStepIdempotencyKey(stepInput({ ...credit, idempotencyKey: 'mine' }))).toBe('mine');
  });

  it('plans without side effects when the action asks for a dry run', async () => {
    const { log, balances } = createTestLog();
    const run = await createActStep(log)(stepInput({ ...credit, dryRun: true }), stepOptions);
    expect(run).toMatchObject({ status: 'dry_run', replayed: false });
    expect(balances.size).toBe(0);
    expect(await log.listTrace('trace-1')).toEqual([]);
  });

  it('maps the key, the approval token and the result with its options', async () => {
    const { log, sent } = createTestLog();
    const act = createActStep(log, {
      idempotencyKey: ({ traceId }) => `mail:${traceId}`,
      approval: ({ traceId }) => approvalFor(`mail:${traceId}`),
      result: (run) => (run.status === 'dry_run' ? 'planned' : run.actionId),
    });
    const email = { name: 'send_email', input: { to: 'jo@example.com' } };
    expect(await act(stepInput(email), stepOptions)).toBe('action-1');
    expect(sent).toEqual(['jo@example.com']);
    await expect(createActStep(log)(stepInput(email), stepOptions)).rejects.toSatisfy(
      hasCode('approval_required'),
    );
  });

  it('passes the abort signal on', async () => {
    const { log, balances } = createTestLog();
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(
      createActStep(log)(stepInput(), { abortSignal: controller.signal }),
    ).rejects.toThrow('stop');
    expect(balances.size).toBe(0);
  });

  it('rejects a hypothesis without an action, or no hypothesis, with a typed error', async () => {
    const { log } = createTestLog();
    const act = createActStep(log);
    await expect(act(stepInput(null), stepOptions)).rejects.toSatisfy(hasCode('invalid_input'));
    await expect(act(stepInput(null), stepOptions)).rejects.toThrow(/proposes no action/);
    await expect(act(stepInput(credit, { hypothesis: undefined }), stepOptions)).rejects.toThrow(
      /No hypothesis to act on/,
    );
    await expect(act(null as never, stepOptions)).rejects.toSatisfy(hasCode('invalid_input'));
    await expect(act(stepInput(), { abortSignal: 'x' } as never)).rejects.toSatisfy(
      hasCode('invalid_input'),
    );
    await expect(
      act(stepInput({ ...credit, name: 'no_such_action' }), stepOptions),
    ).rejects.toSatisfy(hasCode('unknown_action'));
  });

  it('rejects a malformed undo log or options with a typed error', () => {
    const { log } = createTestLog();
    expect(() => createActStep(null as never)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => createActStep({} as never)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => createActStep(log, { result: 'x' } as never)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });
});

describe('UndoLog.describeAction', () => {
  it('describes registered actions from their definitions and fails closed on others', () => {
    const { log } = createTestLog();
    expect(log.describeAction('credit')).toEqual({ reversible: true });
    expect(log.describeAction('send_email')).toEqual({ reversible: false });
    expect(log.describeAction('drop_table')).toBeUndefined();
    expect(() => log.describeAction(42 as never)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });
});
