import { describe, expectTypeOf, it } from 'vitest';
import {
  createLearningSchedule,
  createMemoryLearningScheduleStore,
  detectVolumeAnomalies,
  type LearningJobContext,
  type LearningJobReportInput,
  type LearningRun,
  type LearningRunRenewal,
  type LearningSchedule,
  type LearningScheduleOptions,
  type LearningScheduleStore,
  type LearningTickResult,
  type VolumeAnomalyInput,
  type VolumeAnomalyResult,
} from '../index';
import { runLearningScheduleStoreContract } from '../test';

describe('learning schedule types', () => {
  it('exports every type of the public signatures from the root', () => {
    expectTypeOf(createLearningSchedule).parameter(0).toEqualTypeOf<LearningScheduleOptions>();
    expectTypeOf(createLearningSchedule).returns.toEqualTypeOf<LearningSchedule>();
    expectTypeOf(createMemoryLearningScheduleStore).returns.toEqualTypeOf<LearningScheduleStore>();
    expectTypeOf<LearningSchedule['tick']>().returns.resolves.toEqualTypeOf<LearningTickResult[]>();
    expectTypeOf<LearningTickResult['run']>().toEqualTypeOf<LearningRun>();
    expectTypeOf(detectVolumeAnomalies).parameter(0).toEqualTypeOf<VolumeAnomalyInput>();
    expectTypeOf(detectVolumeAnomalies).returns.toEqualTypeOf<VolumeAnomalyResult>();
    expectTypeOf<
      Parameters<LearningScheduleStore['renewRun']>[0]
    >().toEqualTypeOf<LearningRunRenewal>();
    expectTypeOf<LearningJobContext['attempt']>().toEqualTypeOf<number>();
    expectTypeOf(runLearningScheduleStoreContract).returns.toBeVoid();
  });

  it('lets a job return a partial report', () => {
    expectTypeOf<{
      proposed: [{ kind: 'artifact'; description: 'x' }];
    }>().toExtend<LearningJobReportInput>();
    // @ts-expect-error a held-back item needs its reason
    const report: LearningJobReportInput = { heldBack: [{ kind: 'route', description: 'x' }] };
    void report;
  });
});
