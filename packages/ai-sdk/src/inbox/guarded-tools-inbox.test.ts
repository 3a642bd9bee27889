import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const sourceDir = join(import.meta.dirname, '..');
const isPublished = (file: string) =>
  file.endsWith('.ts') && !/\.test(-d)?\.ts$/.test(file) && !file.startsWith('test-support');

describe('the published sources', () => {
  // A declaration importing the optional peer fails to compile (TS2307) for a consumer without
  // it who checks library types (skipLibCheck: false).
  it('import nothing from @guardloop/inbox, not even types', () => {
    const files = readdirSync(sourceDir, { recursive: true, encoding: 'utf8' }).filter(isPublished);
    expect(files.length).toBeGreaterThan(10);
    const importing = files.filter((file) =>
      /from '@guardloop\/inbox[/']/.test(readFileSync(join(sourceDir, file), 'utf8')),
    );
    expect(importing).toEqual([]);
  });
});
