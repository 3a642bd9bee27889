import { definePackageBuild } from '../../scripts/build/define-package-build.ts';

export default definePackageBuild({
  index: 'src/index.ts',
  'undo-log/index': 'src/undo-log/index.ts',
  'feedback/index': 'src/feedback/index.ts',
  'counter/index': 'src/counter/index.ts',
  'inbox/index': 'src/inbox/index.ts',
  'learning/index': 'src/learning/index.ts',
  'sla/index': 'src/sla/index.ts',
  'intake/index': 'src/intake/index.ts',
});
