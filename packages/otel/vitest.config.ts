import { defineProject } from 'vitest/config';
import { sourceAliases } from '../../vitest.shared.ts';

export default defineProject({
  resolve: { alias: sourceAliases() },
  test: {
    name: 'otel',
    typecheck: { enabled: true, tsconfig: './tsconfig.json' },
  },
});
