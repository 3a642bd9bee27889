import { defineProject } from 'vitest/config';
import { sourceAliases } from '../../vitest.shared.ts';

export default defineProject({
  resolve: { alias: sourceAliases() },
  test: {
    name: 'example-bench',
    typecheck: { enabled: true, tsconfig: './tsconfig.json' },
    // PGlite boots in seconds on a loaded machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Vite's module runner turns every export access into a getter. Accepted here: the loop
    // with and without rails pays it alike, and docs/benchmarks.md says so.
    benchmark: { suppressExportGetterWarnings: true },
  },
});
