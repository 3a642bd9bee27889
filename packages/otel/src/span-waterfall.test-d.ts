import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { describe, expectTypeOf, it } from 'vitest';
import type { SpanWaterfall, SpanWaterfallOptions, SpanWaterfallRow, WaterfallSpan } from './index';
import { buildSpanWaterfall } from './index';

describe('buildSpanWaterfall types', () => {
  it('takes SDK spans without depending on the SDK', () => {
    expectTypeOf<ReadableSpan>().toExtend<WaterfallSpan>();
    expectTypeOf(buildSpanWaterfall).parameter(0).toEqualTypeOf<readonly WaterfallSpan[]>();
    expectTypeOf(buildSpanWaterfall).parameter(1).toEqualTypeOf<SpanWaterfallOptions | undefined>();
    expectTypeOf(buildSpanWaterfall).returns.toEqualTypeOf<SpanWaterfall | undefined>();
    expectTypeOf<SpanWaterfall['rows']>().toEqualTypeOf<SpanWaterfallRow[]>();
  });
});
