#!/usr/bin/env node
// Type-checks every ```ts code block in docs/**/*.md and packages/*/README.md: each block becomes a
// module under docs/.samples and the lot is compiled with the repo's strict settings. A block that is
// deliberately partial can opt out with ```ts no-check; ```ts file=name.ts names the module so that
// later blocks of the same page can import it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const out = join(root, 'docs', '.samples');

function markdownFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.') || name === 'api') return [];
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

const files = [
  ...markdownFiles(join(root, 'docs')),
  ...readdirSync(join(root, 'packages')).map((name) => join(root, 'packages', name, 'README.md')),
].filter((path) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
});

rmSync(out, { recursive: true, force: true });
let count = 0;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const blocks = [...text.matchAll(/^```ts([^\n]*)\n([\s\S]*?)^```/gm)];
  blocks.forEach((match, index) => {
    if (/no-check/.test(match[1] ?? '')) return;
    // `ts file=loop.ts` names the module, so later blocks of the same page can import it.
    const named = /file=([\w.-]+\.ts)/.exec(match[1] ?? '')?.[1];
    const folder = relative(root, file).replace(/[^a-zA-Z0-9]+/g, '-');
    const target = join(out, folder, named ?? `block-${index + 1}.ts`);
    mkdirSync(dirname(target), { recursive: true });
    // `export {}` makes each block a module, so blocks do not collide and top-level await works.
    writeFileSync(
      target,
      `// from ${relative(root, file)}, block ${index + 1}\n${match[2]}\nexport {};\n`,
    );
    count++;
  });
}
console.log(`checking ${count} code samples from ${files.length} markdown files`);
try {
  execFileSync('tsc', ['--noEmit', '-p', join(root, 'docs', 'tsconfig.json')], {
    stdio: 'inherit',
  });
} catch {
  console.error(
    'Some documentation code samples do not type-check (see docs/.samples for the extracted files).',
  );
  process.exit(1);
}
