import { defineProject } from 'vitest/config';
import { sourceAliases } from '../../vitest.shared.ts';

export default defineProject({
  resolve: { alias: sourceAliases() },
  test: {
    name: 'example-helpdesk',
    typecheck: { enabled: true, tsconfig: './tsconfig.json' },
    // Shortened replays: classifier training, an in-memory PostgreSQL and the nightly learning
    // schedule take tens of seconds on a loaded 2-core CI machine (no timing is asserted).
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
});
