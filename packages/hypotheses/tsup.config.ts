import { definePackageBuild } from '../../scripts/build/define-package-build.ts';

export default definePackageBuild({
  index: 'src/index.ts',
  'ai/index': 'src/ai/index.ts',
  'jobs/index': 'src/jobs/index.ts',
  'test/index': 'src/test/index.ts',
});
