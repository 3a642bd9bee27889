import { definePackageBuild } from '../../scripts/build/define-package-build.ts';

export default definePackageBuild({
  index: 'src/index.ts',
});
