import { defineProject } from 'vitest/config';

// The loop benchmarks, on the packages as a host runs them: `@guardloop/*` resolves through
// node_modules to each package's ESM build (`pnpm build`), which Node loads itself. Under Vite's
// module runner (the source, as the tests run it) every access to another module's export is a
// getter call, which weighs on code split into many small modules, such as the rails, more than
// on the rest of the loop. Only the bench files go through the runner.
export default defineProject({
  test: {
    name: 'example-bench-built',
    include: [],
    server: { deps: { external: [/\/packages\/[^/]+\/dist\//] } },
    // Refuses to time a build that is missing or older than its source.
    setupFiles: ['./src/built-packages.setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
