import { actorSchema } from '@guardloop/core';
import { abortOptionsSchema, createStoreArgumentParser } from '@guardloop/core/internal';
import { z } from 'zod';
import { approvalTokenSchema } from '../approval/approval-token';
import {
  storableJsonIssue,
  storableJsonSchema,
  storableTextSchema,
} from '../record/storable-values';
import {
  storedErrorSchema,
  type UndoLogRecordPatch,
  undoInfoSchema,
  undoLogStatusSchema,
} from '../record/undo-log-record';
import { isPlainStoreCall } from './fast-store-arguments';
import type { UndoLogStore } from './undo-log-store';

const text = storableTextSchema;
// Epoch milliseconds live in bigint columns: only safe integers round-trip.
const epochMs = z.int();
const storableJson = (value: unknown, context: z.core.$RefinementCtx) => {
  const found = storableJsonIssue(value);
  if (found) context.addIssue({ code: 'custom', path: found.path, message: found.message });
};

const recordShape = {
  id: text,
  actionName: text,
  idempotencyKey: text,
  inputHash: text,
  input: storableJsonSchema,
  snapshot: storableJsonSchema,
  result: storableJsonSchema,
  error: storedErrorSchema.nullable().superRefine(storableJson),
  status: undoLogStatusSchema,
  reversible: z.boolean(),
  traceId: text,
  actor: actorSchema.superRefine(storableJson),
  approval: approvalTokenSchema.nullable().superRefine(storableJson),
  undo: undoInfoSchema.nullable().superRefine(storableJson),
  // An integer column.
  attempts: z.int().min(0).max(2_147_483_647),
  leaseOwner: text.nullable(),
  leaseExpiresAt: epochMs.nullable(),
  createdAt: epochMs,
  updatedAt: epochMs,
};

/** What `UndoLogStore.insert` accepts: a record every store keeps exactly as given. */
export const storableNewRecordSchema = z.object(recordShape);

/** The fields `UndoLogStore.update` may set; everything else is fixed at insert. */
export const storablePatchFields = [
  'status',
  'snapshot',
  'result',
  'error',
  'traceId',
  'actor',
  'approval',
  'undo',
  'attempts',
  'leaseOwner',
  'leaseExpiresAt',
  'updatedAt',
] as const satisfies readonly (keyof UndoLogRecordPatch)[];

/**
 * The fields `update` may set, and only those (unknown keys, identity, input and creation
 * time are refused), as own properties of a plain object.
 */
export const storablePatchSchema = z
  .custom<object>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      [Object.prototype, null].includes(Object.getPrototypeOf(value)),
    { message: 'Expected a plain object' },
  )
  .pipe(
    z
      .object(recordShape)
      .pick(
        Object.fromEntries(storablePatchFields.map((field) => [field, true] as const)) as {
          [Field in (typeof storablePatchFields)[number]]: true;
        },
      )
      .partial()
      .strict(),
  );

// The last argument of every method: `{ abortSignal? }`, or nothing.
const callOptions = abortOptionsSchema;

const updateSchema = z.object({
  expect: z.object({
    statuses: z.array(undoLogStatusSchema),
    leaseOwner: text.nullable().optional(),
  }),
  set: storablePatchSchema,
});

/** Argument tuples of each `UndoLogStore` method, for implementations to validate against. */
export const undoLogStoreArgumentSchemas = {
  insert: z.tuple([storableNewRecordSchema, callOptions]),
  get: z.tuple([text, callOptions]),
  getByIdempotencyKey: z.tuple([text, callOptions]),
  update: z.tuple([text, updateSchema, callOptions]),
  updateMany: z.tuple([
    z
      .array(updateSchema.extend({ id: text }))
      .max(10_000)
      .refine((updates) => new Set(updates.map((update) => update.id)).size === updates.length, {
        message: 'Each id may appear once',
      }),
    callOptions,
  ]),
  listByTrace: z.tuple([text, callOptions]),
  claimExpired: z.tuple([
    z.object({
      statuses: z.array(undoLogStatusSchema),
      now: epochMs,
      owner: text,
      leaseExpiresAt: epochMs,
      limit: z.int().positive().max(10_000),
    }),
    callOptions,
  ]),
} as const;

export type UndoLogStoreMethod = keyof typeof undoLogStoreArgumentSchemas;

/** The argument tuple of each `UndoLogStore` method. */
export type UndoLogStoreArguments = {
  [Method in UndoLogStoreMethod]: Parameters<Required<UndoLogStore>[Method]>;
};

const parse = createStoreArgumentParser<UndoLogStoreArguments>(undoLogStoreArgumentSchemas, {
  store: 'UndoLogStore',
  abortable: false,
  returns: 'arguments',
});

/**
 * Validates the arguments of an `UndoLogStore` method the way every implementation must:
 * throws `InvalidInputError` (code `invalid_input`) for values a store could not keep
 * unchanged (NUL, lone surrogates, text over 2048 UTF-8 bytes, fractional times, huge or
 * non-JSON values, unknown patch fields) and an `abortSignal` that is not an AbortSignal.
 * Shared so that the in-memory and the PostgreSQL stores reject exactly the same input, before
 * touching any data. Returns `args` as given.
 */
export function parseUndoLogStoreArguments<Method extends UndoLogStoreMethod>(
  method: Method,
  args: readonly unknown[],
): UndoLogStoreArguments[Method] {
  // The common well-formed shapes are checked by hand; zod reports on everything else.
  if (isPlainStoreCall(method, args)) return args as UndoLogStoreArguments[Method];
  return parse(method, args);
}
