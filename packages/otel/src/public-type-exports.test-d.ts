import type { LoopConfig } from '@guardloop/core';
import type { UndoLog } from '@guardloop/undo-log';
import type { SpanContext } from '@opentelemetry/api';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  GuardloopTelemetry,
  GuardloopTelemetryOptions,
  InstrumentableOutcomeRecorder,
  InstrumentableUndoLog,
  RecordPayloadOptions,
  TelemetryLogger,
  TelemetryOutcome,
} from './index';
import { createGuardloopTelemetry } from './index';

describe('public types', () => {
  it('exports every type of the public signatures', () => {
    expectTypeOf(createGuardloopTelemetry)
      .parameter(0)
      .toEqualTypeOf<GuardloopTelemetryOptions | undefined>();
    expectTypeOf(createGuardloopTelemetry).returns.toEqualTypeOf<GuardloopTelemetry>();
    expectTypeOf<GuardloopTelemetryOptions['logger']>().toEqualTypeOf<
      TelemetryLogger | undefined
    >();
    expectTypeOf<RecordPayloadOptions['redact']>().toEqualTypeOf<(text: string) => string>();
    expectTypeOf<GuardloopTelemetry['recordOutcome']>()
      .parameter(0)
      .toEqualTypeOf<TelemetryOutcome>();
    expectTypeOf<GuardloopTelemetry['spanContextOf']>().returns.toEqualTypeOf<
      SpanContext | undefined
    >();
  });

  it('keeps the type of what it instruments', () => {
    const telemetry = createGuardloopTelemetry();
    expectTypeOf(telemetry.instrumentLoop({} as LoopConfig)).toEqualTypeOf<LoopConfig>();
    expectTypeOf<UndoLog>().toExtend<InstrumentableUndoLog>();
    expectTypeOf(telemetry.instrumentUndoLog({} as UndoLog)).toEqualTypeOf<UndoLog>();
    const recorder = { record: async (_outcome: { type: 'csat'; traceId: string }) => 1 };
    expectTypeOf(recorder).toExtend<InstrumentableOutcomeRecorder>();
    expectTypeOf(telemetry.instrumentOutcomeRecorder(recorder)).toEqualTypeOf(recorder);
  });
});
