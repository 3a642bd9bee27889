import { createManualClock, createSequentialIdGenerator, GuardloopError } from '@guardloop/core';
import { z } from 'zod';
import { defineAction } from '../action/define-action';
import { createUndoLog, type UndoLogOptions } from '../log/create-undo-log';
import { createMemoryUndoLogStore } from '../store/memory-undo-log-store';

/** The manual clock's start (epoch ms). */
export const testNow = 1_700_000_000_000;

export const agent = { id: 'agent-1', type: 'ai' as const };
export const supervisor = { id: 'lea', type: 'human' as const };

/** A transient failure, as a network client would throw. */
export class FlakyError extends GuardloopError {
  constructor() {
    super('flaky', { message: 'temporarily unavailable', isRetryable: true });
  }
}

/** A small bank: every effect is observable, every call is counted. */
export function createTestBank() {
  const balances = new Map<string, number>();
  const calls: string[] = [];
  const sent: string[] = [];
  const failures = { credit: 0, undo: 0 };
  const frozen = new Set<string>();
  const credit = defineAction({
    name: 'credit',
    input: z.object({ account: z.string().min(1), amount: z.number().positive() }),
    output: z.object({ balance: z.number() }),
    reversible: true,
    snapshot: (input) => ({ before: balances.get(input.account) ?? 0 }),
    do: (input, context) => {
      calls.push(`do credit ${input.account} ${input.amount} #${context.attempt}`);
      if (frozen.has(input.account)) throw new Error(`account ${input.account} is frozen`);
      if (failures.credit > 0) {
        failures.credit -= 1;
        throw new FlakyError();
      }
      const balance = (balances.get(input.account) ?? 0) + input.amount;
      balances.set(input.account, balance);
      return { balance };
    },
    undo: (input, context) => {
      calls.push(`undo credit ${input.account} ${input.amount}`);
      if (failures.undo > 0) {
        failures.undo -= 1;
        throw new Error('ledger locked');
      }
      balances.set(input.account, context.snapshot.before);
    },
    isComplete: (input, snapshot) => (balances.get(input.account) ?? 0) !== snapshot.before,
  });
  const sendEmail = defineAction({
    name: 'send_email',
    input: z.object({ to: z.email() }),
    reversible: false,
    do: (input) => {
      sent.push(input.to);
      return { messageId: `m-${sent.length}` };
    },
  });
  return { balances, calls, sent, failures, frozen, credit, sendEmail };
}

export type TestBank = ReturnType<typeof createTestBank>;

/** An undo log over a memory store with a manual clock, sequential ids and instant retries. */
export function createTestLog(overrides: Partial<UndoLogOptions> = {}, bank = createTestBank()) {
  const store = overrides.store ?? createMemoryUndoLogStore();
  const clock = createManualClock(testNow);
  const log = createUndoLog({
    store,
    clock,
    idGenerator: createSequentialIdGenerator('action'),
    actions: [bank.credit, bank.sendEmail],
    retry: { minTimeoutMs: 0 },
    leaseMs: 10_000,
    ownerId: 'process-a',
    ...overrides,
  });
  return { ...bank, log, store, clock };
}

export const hasCode = (code: string) => (error: unknown) => GuardloopError.hasCode(error, code);

/** A token the default verifier accepts for `send_email` under `key`, issued at `at`. */
export const approvalFor = (key: string, at = testNow) => ({
  approvedBy: 'lea',
  approvedAt: at,
  actionName: 'send_email',
  idempotencyKey: key,
});
