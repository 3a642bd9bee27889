import { resolve } from 'node:path';
import { builtPackageProblems } from '../../../scripts/test-support/built-packages';

const problems = builtPackageProblems(resolve(import.meta.dirname, '../../../packages'));
if (problems.length > 0) {
  throw new Error(
    `The benchmarks time the built packages; run \`pnpm build\` first:\n  ${problems.join('\n  ')}`,
  );
}
