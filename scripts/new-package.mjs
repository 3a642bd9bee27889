#!/usr/bin/env node
// Scaffolds packages/<name> with the house layout: tsup (ESM + CJS + d.ts), a vitest project,
// a tsconfig extending the base, publint + attw checks. Usage: node scripts/new-package.mjs <name> "<description>"
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [name, description = ''] = process.argv.slice(2);
if (!name || !/^[a-z][a-z0-9-]*$/.test(name)) {
  console.error('usage: new-package.mjs <kebab-name> "<description>"');
  process.exit(1);
}
const dir = join(import.meta.dirname, '..', 'packages', name);
if (existsSync(join(dir, 'package.json'))) {
  console.error(`packages/${name} exists`);
  process.exit(1);
}
mkdirSync(join(dir, 'src'), { recursive: true });
const write = (file, text) => writeFileSync(join(dir, file), text);

write(
  'package.json',
  `${JSON.stringify(
    {
      name: `@guardloop/${name}`,
      version: '0.0.0',
      description,
      license: 'MIT',
      type: 'module',
      sideEffects: false,
      main: './dist/index.cjs',
      module: './dist/index.js',
      types: './dist/index.d.cts',
      exports: {
        './package.json': './package.json',
        '.': {
          '@guardloop/source': './src/index.ts',
          import: { types: './dist/index.d.ts', default: './dist/index.js' },
          require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
        },
      },
      files: ['dist', 'src', '!src/**/*.test.ts', '!src/**/*.test-d.ts', '!src/**/*.bench.ts'],
      scripts: {
        build: 'tsup',
        typecheck: 'tsc --noEmit -p tsconfig.json',
        'check-package': 'publint --strict && attw --pack . --profile node16',
      },
      engines: { node: '>=22.12' },
      publishConfig: { access: 'public' },
      repository: {
        type: 'git',
        url: 'git+https://github.com/guardloop/guardloop.git',
        directory: `packages/${name}`,
      },
      keywords: ['guardloop', 'guardrails', 'ai', 'helpdesk'],
    },
    null,
    2,
  )}\n`,
);
write(
  'tsconfig.json',
  `{\n  "extends": "../../tsconfig.base.json",\n  "include": ["src", "*.config.ts"]\n}\n`,
);
write(
  'tsup.config.ts',
  `import { definePackageBuild } from '../../scripts/build/define-package-build.ts';

export default definePackageBuild({ index: 'src/index.ts' });
`,
);
write(
  'vitest.config.ts',
  `import { defineProject } from 'vitest/config';
import { sourceAliases } from '../../vitest.shared.ts';

export default defineProject({
  resolve: { alias: sourceAliases() },
  test: {
    name: '${name}',
    typecheck: { enabled: true, tsconfig: './tsconfig.json' },
  },
});
`,
);
console.log(`created packages/${name}`);
