// The list of test projects. Vitest 4+ no longer reads this file by itself
// (`workspace` became `test.projects`), so vitest.config.ts imports it.
export const projects = ['packages/*', 'examples/*'];
