import { createManualClock } from '@guardloop/core';
import { expect, it } from 'vitest';
import {
  createLearningSchedule,
  createMemoryLearningScheduleStore,
  detectVolumeAnomalies,
} from '../index';

// The README's learning schedule example, kept running.
it('runs the README learning schedule example', async () => {
  const clock = createManualClock(Date.parse('2026-11-30T00:00:00Z'));
  const schedule = createLearningSchedule({
    store: createMemoryLearningScheduleStore(),
    clock,
    jobs: [
      {
        name: 'volume-anomalies',
        cadence: { every: 'day' },
        run: ({ period }) => {
          const { candidates } = detectVolumeAnomalies({
            counts: { billing: 42 },
            windowStart: period.start,
            baseline: [1, 2, 3, 4].map((weeks) => ({
              windowStart: period.start - weeks * 7 * 86_400_000,
              counts: { billing: 6 },
            })),
          });
          return {
            proposed: candidates.map((candidate) => ({
              kind: 'problem',
              description: candidate.description,
            })),
          };
        },
      },
      {
        name: 'routing-review',
        cadence: { every: 'month', timeZone: 'Europe/Berlin' },
        run: () => ({
          heldBack: [
            { kind: 'route', description: 'billing -> tier 2', reason: 'only 12 outcomes' },
          ],
        }),
      },
    ],
  });
  const [anomalies, routing] = await schedule.tick();
  expect([anomalies?.outcome, anomalies?.run.report?.proposed.length]).toEqual(['ran', 1]);
  expect(routing?.run).toMatchObject({
    periodKey: '2026-10-31T23:00:00.000Z',
    report: { heldBack: [{ reason: 'only 12 outcomes' }] },
  });
});
