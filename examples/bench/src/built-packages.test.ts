import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { builtPackageProblems } from '../../../scripts/test-support/built-packages';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A packages directory with one package `a`: its files, each written with the given mtime (s). */
function packagesWith(files: Record<string, number>): string {
  const root = mkdtempSync(join(tmpdir(), 'built-packages-'));
  dirs.push(root);
  const manifest = {
    name: '@test/a',
    exports: {
      './package.json': './package.json',
      '.': { '@guardloop/source': './src/index.ts', import: { default: './dist/index.js' } },
      './internal': { import: { types: './dist/internal.d.ts', default: './dist/internal.js' } },
    },
  };
  mkdirSync(join(root, 'a'));
  writeFileSync(join(root, 'a', 'package.json'), JSON.stringify(manifest));
  for (const [path, seconds] of Object.entries(files)) {
    const file = join(root, 'a', path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '');
    utimesSync(file, seconds, seconds);
  }
  return root;
}

test('a build newer than every source file is current', () => {
  const root = packagesWith({
    'src/index.ts': 100,
    'src/rails/rail.ts': 150,
    'dist/index.js': 200,
    'dist/internal.js': 200,
  });
  expect(builtPackageProblems(root)).toEqual([]);
});

test('names an ESM entry older than a source file, however deep', () => {
  const root = packagesWith({
    'src/index.ts': 100,
    'src/rails/deep/rail.ts': 300,
    'dist/index.js': 200,
    'dist/internal.js': 400,
  });
  expect(builtPackageProblems(root)).toEqual([
    `@test/a: ${join('a', 'dist', 'index.js')} is older than the package's source`,
  ]);
});

test('names a missing ESM entry', () => {
  const root = packagesWith({ 'src/index.ts': 100, 'dist/index.js': 200 });
  expect(builtPackageProblems(root)).toEqual([
    `@test/a: ${join('a', 'dist', 'internal.js')} is missing`,
  ]);
});

test('ignores what the build leaves out: tests, type tests, benches and fixtures', () => {
  const root = packagesWith({
    'src/index.ts': 100,
    'src/index.test.ts': 300,
    'src/index.test-d.ts': 300,
    'src/index.bench.ts': 300,
    'src/data.fixture.ts': 300,
    'dist/index.js': 200,
    'dist/internal.js': 200,
  });
  expect(builtPackageProblems(root)).toEqual([]);
});

test('skips directories without a manifest', () => {
  const root = packagesWith({ 'src/index.ts': 100, 'dist/index.js': 200, 'dist/internal.js': 200 });
  mkdirSync(join(root, 'not-a-package', 'src'), { recursive: true });
  expect(builtPackageProblems(root)).toEqual([]);
});

test("reads the workspace's own packages", () => {
  // Whether they are built depends on the checkout; each problem names a package of the workspace.
  const problems = builtPackageProblems(resolve(import.meta.dirname, '../../../packages'));
  for (const problem of problems) expect(problem).toMatch(/^@guardloop\/[a-z-]+: /);
});
