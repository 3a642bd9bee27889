import type { Rail } from '@guardloop/core';
import { describe, expectTypeOf, it } from 'vitest';
import type { CounterStore } from './counter-store';
import { createMemoryCounterStore } from './memory-counter-store';
import type { AutonomyLevel } from './slo/autonomy-level';
import { sloRail } from './slo/slo-rail';
import type { SloStatus } from './slo/slo-status';
import type { WindowInput } from './window/window';

describe('public types', () => {
  it('accepts durations with a known unit and rejects others at compile time', () => {
    expectTypeOf<'30d'>().toExtend<WindowInput>();
    expectTypeOf<'1.5h'>().toExtend<WindowInput>();
    expectTypeOf<3_600_000>().toExtend<WindowInput>();
    expectTypeOf<'7x'>().not.toExtend<WindowInput>();
    expectTypeOf<'30 days'>().not.toExtend<WindowInput>();
  });

  it('makes the memory store a CounterStore whose methods all take an abort signal', () => {
    expectTypeOf(createMemoryCounterStore()).toExtend<CounterStore>();
    expectTypeOf<Parameters<CounterStore['prune']>[1]>().toEqualTypeOf<
      { abortSignal?: AbortSignal } | undefined
    >();
  });

  it('exposes autonomy as three levels and rails as core rails', () => {
    expectTypeOf<SloStatus['autonomy']>().toEqualTypeOf<AutonomyLevel>();
    expectTypeOf<AutonomyLevel>().toEqualTypeOf<'full' | 'reduced' | 'none'>();
    expectTypeOf(sloRail).returns.toEqualTypeOf<Rail>();
  });
});
