// `pnpm --filter @guardloop-example/helpdesk email-fixtures`: writes fixtures/email/*.eml.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { demoEmailFixtures } from './email-fixtures';

const directory = join(import.meta.dirname, '..', '..', 'fixtures', 'email');
await rm(directory, { recursive: true, force: true });
await mkdir(directory, { recursive: true });
const fixtures = demoEmailFixtures();
for (const { name, raw } of fixtures) await writeFile(join(directory, name), raw, 'utf8');
console.log(`${fixtures.length} messages in ${directory}`);
