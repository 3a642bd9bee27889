import { defineProject } from 'vitest/config';
import { sourceAliases } from '../../vitest.shared.ts';

export default defineProject({
  resolve: { alias: sourceAliases() },
  test: {
    name: 'intake',
    typecheck: { enabled: true, tsconfig: './tsconfig.json' },
  },
});
