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
  SpanWaterfall,
  SpanWaterfallOptions,
  SpanWaterfallRow,
  TelemetryLogger,
  TelemetryOutcome,
  WaterfallSpan,
} from './index';
import { buildSpanWaterfall, createGuardloopTelemetry } from './index';

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

  it('exports the types of buildSpanWaterfall', () => {
    expectTypeOf(buildSpanWaterfall).parameter(0).toEqualTypeOf<readonly WaterfallSpan[]>();
    expectTypeOf(buildSpanWaterfall).parameter(1).toEqualTypeOf<SpanWaterfallOptions | undefined>();
    expectTypeOf(buildSpanWaterfall).returns.toEqualTypeOf<SpanWaterfall | undefined>();
    expectTypeOf<SpanWaterfall['rows'][number]>().toEqualTypeOf<SpanWaterfallRow>();
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
