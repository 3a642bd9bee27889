// One of several processes ticking the same learning schedule through the same simulated days.
// Waits for "go" on stdin, ticks, then prints `done:<number of runs this process made>`.
// Arguments: <postgres:// URL> <schema> <owner id> <days>.
import { createManualClock } from '@guardloop/core';
import { createLearningSchedule } from '@guardloop/hypotheses';
import { openStore } from '../../test-support/open-store';
import { createPostgresLearningScheduleStore } from '../postgres-learning-schedule-store';

const [url = '', schema = 'public', ownerId = '', days = '7'] = process.argv.slice(2);
const { client, close } = await openStore(url, schema);
const clock = createManualClock(Date.parse('2026-11-30T00:00:00Z'));
let made = 0;
const schedule = createLearningSchedule({
  jobs: ['daily', 'weekly'].map((name) => ({
    name,
    cadence: { every: name === 'daily' ? ('day' as const) : ('week' as const) },
    run: async ({ period }) => {
      made += 1;
      // The job's effect, counted where the parent can check it was applied once.
      await client.query(
        `INSERT INTO "${schema}".learning_effects VALUES ($1, $2, 1)
         ON CONFLICT (job, period) DO UPDATE SET runs = learning_effects.runs + 1`,
        [name, period.key],
      );
      return { changed: [{ kind: 'test', description: `${name} by ${ownerId}` }] };
    },
  })),
  store: createPostgresLearningScheduleStore({ client, schema }),
  clock,
  ownerId,
  // The processes' simulated clocks are not in step (one may be days ahead of another), so the
  // lease outlasts the whole simulation: a takeover here would be a clock artifact, not a crash.
  leaseMs: 2 ** 31 - 1,
});
console.log('ready');
await new Promise((resolve) => process.stdin.once('data', resolve));
for (let step = 0; step < Number(days) * 4; step += 1) {
  await schedule.tick();
  clock.advance(6 * 3_600_000);
}
console.log(`done:${made}`);
await close();
