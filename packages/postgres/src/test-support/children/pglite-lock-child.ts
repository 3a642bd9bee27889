// Opens a PGlite directory with openPgliteDirectory and holds it. Prints `opened`, then writes
// one row per `write` line on stdin (`wrote:<n>`) and closes on `close` (`closed`). When the
// directory is locked it prints `failed:<code>:<directory>` and exits.
// Arguments: <PGlite directory> <writer name>.
import { createInterface } from 'node:readline';
import { GuardloopError } from '@guardloop/core';
import { openPgliteDirectory } from '../../client/open-pglite-directory';

const [directory = '', writer = 'child'] = process.argv.slice(2);
let opened: Awaited<ReturnType<typeof openPgliteDirectory>>;
try {
  opened = await openPgliteDirectory(directory);
} catch (error) {
  const code = GuardloopError.isInstance(error) ? error.code : String(error);
  const named = (error as { directory?: string }).directory ?? '';
  console.log(`failed:${code}:${named}`);
  process.exit(0);
}
const { client, close } = opened;
await client.query('CREATE TABLE IF NOT EXISTS writes (writer text, n int)');
console.log('opened');
let count = 0;
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'write') {
    count += 1;
    await client.query('INSERT INTO writes VALUES ($1, $2)', [writer, count]);
    console.log(`wrote:${count}`);
  } else if (line === 'close') {
    await close();
    console.log('closed');
    process.exit(0);
  }
}
