import { defineProject } from 'vitest/config';
import { sourceAliases } from '../../vitest.shared.ts';

export default defineProject({
  resolve: { alias: sourceAliases() },
  test: {
    name: 'example-console',
    // Server tests (`*.test.ts`) and the Chromium tests (`*.browser.test.ts`, skipped without Chromium).
    include: ['src/**/*.test.ts'],
    typecheck: { enabled: true, tsconfig: './tsconfig.json' },
    // PGlite starts in a second or two; the browser tests drive a real Chromium.
    testTimeout: 90_000,
    hookTimeout: 90_000,
  },
});
