// One of several processes ticking ticket SLA monitors on one schema through the same simulated day.
// Waits for "go" on stdin, ticks, then prints `done:<JSON list of the keys this process emitted>`.
// Arguments: <postgres:// URL> <schema> <claimant> <hours>.
import { createManualClock } from '@guardloop/core';
import { createTicketSlaMonitor } from '@guardloop/intake';
import { openStore } from '../../test-support/open-store';
import { createPostgresTicketSlaStore } from '../postgres-ticket-sla-store';
import { multiProcessSlaPolicies, multiProcessStart } from './ticket-sla-policies';

const [url = '', schema = 'public', claimant = '', hours = '24'] = process.argv.slice(2);
const { client, close } = await openStore(url, schema);
const clock = createManualClock(multiProcessStart);
const emitted: string[] = [];
const monitor = createTicketSlaMonitor({
  store: createPostgresTicketSlaStore({ client, schema }),
  policies: multiProcessSlaPolicies,
  clock,
  claimant,
  batchSize: 5,
  // The processes' clocks are not in step: a lease must not expire because one runs ahead.
  leaseMs: 2 ** 31 - 1,
  onSignal: (signal) => {
    emitted.push(signal.fingerprint);
  },
});
console.log('ready');
await new Promise((resolve) => process.stdin.once('data', resolve));
for (let step = 0; step < Number(hours) * 12; step += 1) {
  await monitor.tick();
  clock.advance(5 * 60_000);
}
console.log(`done:${JSON.stringify(emitted)}`);
await close();
