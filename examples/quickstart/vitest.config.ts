import { defineProject } from 'vitest/config';
import { sourceAliases } from '../../vitest.shared.ts';

export default defineProject({
  resolve: { alias: sourceAliases() },
  test: {
    name: 'example-quickstart',
    typecheck: { enabled: true, tsconfig: './tsconfig.json' },
    // Training the classifier and starting an in-memory PostgreSQL take a few seconds.
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
