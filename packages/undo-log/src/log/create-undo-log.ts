import {
  type ActorInput,
  actorSchema,
  type Clock,
  type IdGenerator,
  InvalidInputError,
  parseInput,
  randomIdGenerator,
  systemClock,
} from '@guardloop/core';
import { clockSchema, idGeneratorSchema } from '@guardloop/core/internal';
import { z } from 'zod';
import type { AnyActionDefinition } from '../action/define-action';
import type { VerifyApproval } from '../approval/approval-token';
import { createApprovalVerifier } from '../approval/create-approval-verifier';
import type { RetryOptions } from '../retry/with-retry';
import type { UndoLogStore } from '../store/undo-log-store';
import { createLeaseKeeper } from './lease-keeper';
import { createUndoLogApi, type UndoLog } from './undo-log';
import type { UndoLogRuntime } from './undo-log-runtime';

export interface UndoLogOptions {
  store: UndoLogStore;
  /** Every action this log may run; recovery finds actions here by name. */
  actions: readonly AnyActionDefinition[];
  clock?: Clock;
  /** Action ids. Default: random UUIDs. */
  idGenerator?: IdGenerator;
  retry?: RetryOptions;
  /** Checks approval tokens of irreversible actions. Default: `createApprovalVerifier()`. */
  verifyApproval?: VerifyApproval;
  /** When false, runs without a key get a generated one (no replay). Default true. */
  requireIdempotencyKey?: boolean;
  /** How long a process owns a running record before recovery may take it (ms). Default 60 s. */
  leaseMs?: number;
  /** Identifies this process in leases. Default: a random UUID. */
  ownerId?: string;
  /** Recorded as `undo.by` when recovery rolls back. Default: a `system` actor. */
  recoveryActor?: ActorInput;
}

const isFunction = (value: unknown) => typeof value === 'function';
const optionsSchema = z.object({
  store: z.custom<UndoLogStore>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      ['insert', 'get', 'getByIdempotencyKey', 'update', 'listByTrace', 'claimExpired'].every(
        (method) => isFunction((value as Record<string, unknown>)[method]),
      ),
    { message: 'Expected an UndoLogStore' },
  ),
  actions: z.array(z.object({ name: z.string().min(1) }).loose()),
  clock: clockSchema.optional(),
  idGenerator: idGeneratorSchema.optional(),
  leaseMs: z.number().int().positive().default(60_000),
  ownerId: z.string().min(1).optional(),
  requireIdempotencyKey: z.boolean().default(true),
  recoveryActor: actorSchema.optional(),
});

/** Creates an undo log over `store`. Throws `invalid_input` for bad options or duplicate names. */
export function createUndoLog(options: UndoLogOptions): UndoLog {
  const parsed = parseInput(optionsSchema, options, 'undo log options');
  const actions = new Map<string, AnyActionDefinition>();
  for (const action of options.actions) {
    if (actions.has(action.name)) {
      throw new InvalidInputError({
        subject: 'undo log options',
        issues: [{ path: 'actions', message: `Duplicate action name '${action.name}'` }],
      });
    }
    actions.set(action.name, action);
  }
  const ownerId = parsed.ownerId ?? randomIdGenerator();
  const clock = options.clock ?? systemClock;
  const runtime: UndoLogRuntime = {
    store: options.store,
    clock,
    idGenerator: options.idGenerator ?? randomIdGenerator,
    ownerId,
    leaseMs: parsed.leaseMs,
    retry: options.retry ?? {},
    verifyApproval: options.verifyApproval ?? createApprovalVerifier(),
    requireIdempotencyKey: parsed.requireIdempotencyKey,
    actions,
    recoveryActor: parsed.recoveryActor ?? {
      id: `undo-log-recovery:${ownerId}`,
      type: 'system',
      roles: [],
    },
    leases: createLeaseKeeper({ store: options.store, clock, leaseMs: parsed.leaseMs, ownerId }),
  };
  return createUndoLogApi(runtime);
}
