import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEmailIntake, createMemoryEmailThreadStore } from '@guardloop/intake';
import { describe, expect, it } from 'vitest';
import { demoEmailFixtures } from './email-fixtures';

const directory = join(import.meta.dirname, '..', '..', 'fixtures', 'email');
// Line endings as the checkout left them: the replay hands the intake CRLF either way.
const lines = (text: string) => text.replace(/\r\n/g, '\n');

describe('the bundled .eml sample', () => {
  it('is what the replay sends (regenerate with the email-fixtures script)', () => {
    const expected = demoEmailFixtures();
    expect(readdirSync(directory).sort()).toEqual(expected.map((fixture) => fixture.name).sort());
    for (const { name, raw } of expected) {
      expect(lines(readFileSync(join(directory, name), 'utf8'))).toBe(lines(raw));
    }
  });

  it('opens one ticket per message through the email intake', async () => {
    const intake = createEmailIntake({ threads: createMemoryEmailThreadStore() });
    for (const name of readdirSync(directory)) {
      const result = await intake.receive(readFileSync(join(directory, name)));
      expect(result.kind, name).toBe('ticket');
      if (result.kind === 'ticket') expect(result.email.warnings).toEqual([]);
    }
  });
});
