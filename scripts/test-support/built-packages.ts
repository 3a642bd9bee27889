// The loop benchmarks time the packages as a host runs them: the built ESM files, loaded by Node
// itself. A build older than its source would time code that is no longer there, so a bench run
// first checks that every package's build is complete and newer than its source.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// What the build leaves out of `dist`: a change to these does not call for a new build.
const notBuilt = /\.(test|test-d|bench|fixture)\.ts$/;

/** The ESM file of each export of a package manifest (`exports[*].import.default`). */
function esmTargets(manifest: { exports?: Record<string, unknown> }): string[] {
  const targets: string[] = [];
  for (const target of Object.values(manifest.exports ?? {})) {
    const esm =
      typeof target === 'object' && target !== null
        ? (target as { import?: { default?: unknown } }).import?.default
        : undefined;
    if (typeof esm === 'string') targets.push(esm);
  }
  return targets;
}

/** The TypeScript files under a package's `src` that the build reads: no tests, benches, fixtures. */
export function builtSourceFiles(srcDir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(srcDir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || notBuilt.test(entry.name)) continue;
    files.push(join(entry.parentPath, entry.name));
  }
  return files;
}

/** The newest modification time (ms) of a source file under `dir`, 0 when there is none. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const file of builtSourceFiles(dir)) newest = Math.max(newest, statSync(file).mtimeMs);
  return newest;
}

/**
 * What keeps the packages under `packagesDir` from being timed as built: an ESM entry that is
 * missing, or older than a source file of its package. Empty when every build is current.
 */
export function builtPackageProblems(packagesDir: string): string[] {
  const problems: string[] = [];
  for (const name of readdirSync(packagesDir).sort()) {
    const dir = join(packagesDir, name);
    const manifestPath = join(dir, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
      name: string;
      exports?: Record<string, unknown>;
    };
    const source = existsSync(join(dir, 'src')) ? newestSource(join(dir, 'src')) : 0;
    for (const target of esmTargets(manifest)) {
      const file = join(dir, target);
      const shown = relative(packagesDir, file);
      if (!existsSync(file)) problems.push(`${manifest.name}: ${shown} is missing`);
      else if (statSync(file).mtimeMs < source) {
        problems.push(`${manifest.name}: ${shown} is older than the package's source`);
      }
    }
  }
  return problems;
}
