// The list of test projects. Vitest 4+ no longer reads this file by itself
// (`workspace` became `test.projects`), so vitest.config.ts imports it.
// examples/bench has a second project: its benchmarks, on the built packages.
export const projects = ['packages/*', 'examples/*', 'examples/bench/vitest.built.config.ts'];
