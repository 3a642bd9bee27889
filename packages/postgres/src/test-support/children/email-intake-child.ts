// One of several processes delivering the same raw messages to one email intake database.
// Waits for "go" on stdin, receives every message, then prints `done:<JSON of the results>`.
// Arguments: <postgres:// URL> <schema> <name> <pairs>.
import { createSequentialIdGenerator } from '@guardloop/core';
import { createEmailIntake } from '@guardloop/intake';
import { createPostgresEmailThreadStore } from '../../intake/postgres-email-thread-store';
import { racedEmails } from '../../intake/test-support/raced-emails';
import { openStore } from '../open-store';

const [url = '', schema = 'public', name = '', pairs = '10'] = process.argv.slice(2);
const { client, close } = await openStore(url, schema);
const intake = createEmailIntake({
  threads: createPostgresEmailThreadStore({ client, schema }),
  idGenerator: createSequentialIdGenerator(name),
});
const messages = racedEmails(Number(pairs));
console.log('ready');
await new Promise((resolve) => process.stdin.once('data', resolve));
const results: { index: number; kind: string; ticketId?: string }[] = [];
for (const [index, raw] of messages.entries()) {
  const result = await intake.receive(raw);
  results.push({
    index,
    kind: result.kind,
    ...('ticketId' in result && result.ticketId !== undefined ? { ticketId: result.ticketId } : {}),
  });
}
console.log(`done:${JSON.stringify(results)}`);
await close();
