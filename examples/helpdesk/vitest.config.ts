import { defineProject } from 'vitest/config';
import { sourceAliases } from '../../vitest.shared.ts';

export default defineProject({
  resolve: { alias: sourceAliases() },
  test: {
    name: 'example-helpdesk',
    typecheck: { enabled: true, tsconfig: './tsconfig.json' },
    // One shortened replay: classifier training and an in-memory PostgreSQL take a few seconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
