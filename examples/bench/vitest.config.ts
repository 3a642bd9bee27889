import { defineProject } from 'vitest/config';
import { sourceAliases } from '../../vitest.shared.ts';

// The tests of the benchmark harness, on the TypeScript source like every other test project.
// The benchmarks themselves time the built packages: vitest.built.config.ts.
export default defineProject({
  resolve: { alias: sourceAliases() },
  test: {
    name: 'example-bench',
    typecheck: { enabled: true, tsconfig: './tsconfig.json' },
    // PGlite boots in seconds on a loaded machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    benchmark: { include: [] },
  },
});
