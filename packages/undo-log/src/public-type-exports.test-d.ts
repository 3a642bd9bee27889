import type { ActionCatalog, ActionDescription, LoopSteps } from '@guardloop/core';
import type * as internal from '@guardloop/undo-log/internal';
import type * as contract from '@guardloop/undo-log/test';
import { describe, expectTypeOf, it } from 'vitest';
import type * as undoLog from './index';
import type {
  ActStep,
  ActStepOptions,
  ApprovalToken,
  ApprovalVerifierOptions,
  ClaimExpiredOptions,
  InsertResult,
  NewUndoLogRecord,
  RecoverOptions,
  RecoverResult,
  RecoveryLoop,
  RunOptions,
  RunResult,
  SagaOptions,
  SagaResult,
  SagaStep,
  StartRecoveryOptions,
  UndoLog,
  UndoLogBatchUpdate,
  UndoLogOptions,
  UndoLogRecord,
  UndoLogStore,
  UndoLogStoreCallOptions,
  UndoLogUpdate,
  UndoOptions,
  UndoResult,
  UndoTraceResult,
  VerifyApproval,
} from './index';

type Root = typeof undoLog;
type Internal = typeof internal;

// Every type in a public signature can be named from the root (no deep import needed).
describe('public type exports', () => {
  it('names the options and results of every factory', () => {
    expectTypeOf<Root['createUndoLog']>().parameter(0).toEqualTypeOf<UndoLogOptions>();
    expectTypeOf<Root['createUndoLog']>().returns.toEqualTypeOf<UndoLog>();
    expectTypeOf<Root['createMemoryUndoLogStore']>().returns.toEqualTypeOf<UndoLogStore>();
    expectTypeOf<Root['createApprovalVerifier']>()
      .parameter(0)
      .toEqualTypeOf<ApprovalVerifierOptions | undefined>();
    expectTypeOf<Root['createApprovalVerifier']>().returns.toEqualTypeOf<VerifyApproval>();
    expectTypeOf<Root['createActStep']>().parameter(0).toEqualTypeOf<UndoLog>();
    expectTypeOf<Root['createActStep']>().parameter(1).toEqualTypeOf<ActStepOptions | undefined>();
    expectTypeOf<Root['createActStep']>().returns.toEqualTypeOf<ActStep>();
  });

  it('names what the log takes and gives', () => {
    expectTypeOf<UndoLog['run']>().parameter(2).toEqualTypeOf<RunOptions>();
    expectTypeOf<ReturnType<UndoLog['run']>>().resolves.toExtend<RunResult<unknown>>();
    expectTypeOf<UndoLog['runSaga']>().parameters.toEqualTypeOf<
      [readonly SagaStep[], SagaOptions]
    >();
    expectTypeOf<UndoLog['runSaga']>().returns.resolves.toEqualTypeOf<SagaResult>();
    expectTypeOf<UndoLog['undo']>().parameter(1).toEqualTypeOf<UndoOptions>();
    expectTypeOf<UndoLog['undo']>().returns.resolves.toEqualTypeOf<UndoResult>();
    expectTypeOf<UndoLog['undoTrace']>().returns.resolves.toEqualTypeOf<UndoTraceResult>();
    expectTypeOf<UndoLog['recover']>().parameter(0).toEqualTypeOf<RecoverOptions | undefined>();
    expectTypeOf<UndoLog['recover']>().returns.resolves.toEqualTypeOf<RecoverResult>();
    expectTypeOf<UndoLog['startRecovery']>().parameter(0).toEqualTypeOf<StartRecoveryOptions>();
    expectTypeOf<UndoLog['startRecovery']>().returns.toEqualTypeOf<RecoveryLoop>();
    expectTypeOf<RunOptions['approval']>().toEqualTypeOf<ApprovalToken | undefined>();
  });

  it('is an action catalog, and its act step fits the loop', () => {
    expectTypeOf<UndoLog>().toExtend<ActionCatalog>();
    expectTypeOf<UndoLog['describeAction']>().returns.toEqualTypeOf<
      ActionDescription | undefined
    >();
    expectTypeOf<ActStep>().toExtend<LoopSteps['act']>();
  });

  it('names what a store takes and gives, with { abortSignal } last on every method', () => {
    expectTypeOf<UndoLogStore['insert']>().parameters.toEqualTypeOf<
      [NewUndoLogRecord, (UndoLogStoreCallOptions | undefined)?]
    >();
    expectTypeOf<UndoLogStore['insert']>().returns.resolves.toEqualTypeOf<InsertResult>();
    expectTypeOf<UndoLogStore['update']>().parameters.toEqualTypeOf<
      [string, UndoLogUpdate, (UndoLogStoreCallOptions | undefined)?]
    >();
    expectTypeOf<Required<UndoLogStore>['updateMany']>().parameters.toEqualTypeOf<
      [readonly UndoLogBatchUpdate[], (UndoLogStoreCallOptions | undefined)?]
    >();
    expectTypeOf<UndoLogStore['claimExpired']>().parameters.toEqualTypeOf<
      [ClaimExpiredOptions, (UndoLogStoreCallOptions | undefined)?]
    >();
    expectTypeOf<UndoLogStore['listByTrace']>().returns.resolves.toEqualTypeOf<UndoLogRecord[]>();
    expectTypeOf<Parameters<UndoLogStore['get']>[1]>().toEqualTypeOf<
      UndoLogStoreCallOptions | undefined
    >();
    expectTypeOf<Parameters<UndoLogStore['getByIdempotencyKey']>[1]>().toEqualTypeOf<
      UndoLogStoreCallOptions | undefined
    >();
  });

  it('keeps the plumbing of records and stores on ./internal, off the root', () => {
    expectTypeOf<Root>().toHaveProperty('parseUndoLogStoreArguments');
    expectTypeOf<Root>().toHaveProperty('hashActionInput');
    expectTypeOf<Root>().not.toHaveProperty('parseStoredRecord');
    expectTypeOf<Internal>().toHaveProperty('parseStoredRecord');
    expectTypeOf<Root>().not.toHaveProperty('storableJsonIssue');
    expectTypeOf<Internal>().toHaveProperty('storableJsonIssue');
    expectTypeOf<Root>().not.toHaveProperty('storableJsonSchema');
    expectTypeOf<Internal>().toHaveProperty('storableJsonSchema');
    expectTypeOf<Root>().not.toHaveProperty('storableLimits');
    expectTypeOf<Internal>().toHaveProperty('storableLimits');
    expectTypeOf<Root>().not.toHaveProperty('storableTextSchema');
    expectTypeOf<Internal>().toHaveProperty('storableTextSchema');
    expectTypeOf<Root>().not.toHaveProperty('unstorableStringReason');
    expectTypeOf<Internal>().toHaveProperty('unstorableStringReason');
    expectTypeOf<Root>().not.toHaveProperty('storableNewRecordSchema');
    expectTypeOf<Internal>().toHaveProperty('storableNewRecordSchema');
    expectTypeOf<Root>().not.toHaveProperty('storablePatchFields');
    expectTypeOf<Internal>().toHaveProperty('storablePatchFields');
    expectTypeOf<Root>().not.toHaveProperty('storablePatchSchema');
    expectTypeOf<Internal>().toHaveProperty('storablePatchSchema');
    expectTypeOf<Root>().not.toHaveProperty('undoLogStoreArgumentSchemas');
    expectTypeOf<Internal>().toHaveProperty('undoLogStoreArgumentSchemas');
    expectTypeOf<Root>().not.toHaveProperty('canonicalJson');
  });

  it('takes one options object in the contract suite', () => {
    expectTypeOf<typeof contract.runUndoLogStoreContract>()
      .parameter(0)
      .toEqualTypeOf<contract.UndoLogStoreContractOptions>();
    expectTypeOf<contract.UndoLogStoreContractOptions['createStore']>().returns.toEqualTypeOf<
      UndoLogStore | Promise<UndoLogStore>
    >();
  });
});
