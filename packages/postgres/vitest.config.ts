import { defineProject } from 'vitest/config';
import { sourceAliases } from '../../vitest.shared.ts';

export default defineProject({
  resolve: { alias: sourceAliases() },
  test: {
    name: 'postgres',
    typecheck: { enabled: true, tsconfig: './tsconfig.json' },
    // PGlite boots and child Node processes take seconds on a loaded machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
