import { defineProject } from 'vitest/config';
import { sourceAliases } from '../../vitest.shared.ts';

export default defineProject({
  resolve: { alias: sourceAliases() },
  test: {
    name: 'example-ai-agent',
    typecheck: { enabled: true, tsconfig: './tsconfig.json' },
    // A scripted model: no network, no key.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
