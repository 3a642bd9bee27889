// The ops-rollback story: a latency alert, a deploy four minutes earlier, an autonomous rollback
// through the undo log, a human undo, and an error budget that takes the bot's autonomy away.
// Run: pnpm demo:ops
import { runOpsStory } from './run-ops-story';

console.log('guardloop ops-rollback demo: checkout on 14 March 2030 (UTC, manual clock)\n');
await runOpsStory({ write: (text) => console.log(text) });
