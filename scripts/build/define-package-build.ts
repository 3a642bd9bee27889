import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig, type Options } from 'tsup';

/**
 * The build of every @guardloop package: ESM and CommonJS with declarations, from `entry`.
 *
 * The CommonJS build bundles the runtime dependencies that are ESM-only (p-retry, for one). Left
 * external, `require` loads them through require(esm) and esbuild's interop takes the whole
 * namespace as the default export, so `pRetry(...)` throws "is not a function" at call time.
 * The ESM build keeps every dependency external. Peer dependencies are never bundled (`ai` is
 * ESM-only too: only named imports of it work from CommonJS, which is what the sources use).
 * The consumer smoke test (`pnpm smoke:consumer`) runs both builds.
 */
export function definePackageBuild(entry: NonNullable<Options['entry']>) {
  return defineConfig(() => {
    // The builds below run in parallel; a `clean` in any of them would race with the others' output.
    rmSync('dist', { recursive: true, force: true });
    const shared = { entry, sourcemap: true, clean: false, target: 'node22' } as const;
    return [
      // Declarations for both formats from one config: one rollup of the types, not one per format.
      // (With tsdown, drop this entry and set `dts: true` on the two below.)
      { ...shared, format: ['esm', 'cjs'], dts: { only: true } },
      { ...shared, format: 'esm' },
      // Split like the ESM build, so every entry (`.`, `./internal`...) shares one copy of each module:
      // one error class, whichever entry threw it.
      // `shims`: a bundled ESM dependency may read `import.meta.url` (email-reply-parser does, for
      // createRequire), which CommonJS lacks; the shim gives it this file's URL.
      {
        ...shared,
        format: 'cjs',
        splitting: true,
        shims: true,
        noExternal: esmOnlyDependencies(process.cwd()),
      },
    ];
  });
}

/** The `dependencies` of the package in `packageDir` that `require` cannot load as CommonJS. */
export function esmOnlyDependencies(packageDir: string): string[] {
  const manifestPath = join(packageDir, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  const resolveFromPackage = createRequire(manifestPath).resolve;
  return Object.keys(manifest.dependencies ?? {}).filter((name) => {
    let file: string;
    try {
      file = resolveFromPackage(name);
    } catch (error) {
      // Exports with an `import` condition only: nothing for `require`.
      if ((error as NodeJS.ErrnoException).code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') return true;
      throw error;
    }
    return isEsmFile(file);
  });
}

/** Node's rule: .mjs and .cjs decide by themselves, .js by the nearest package.json's `type`. */
function isEsmFile(file: string): boolean {
  if (file.endsWith('.mjs')) return true;
  if (!file.endsWith('.js')) return false;
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      return (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: string }).type === 'module';
    }
    if (dirname(dir) === dir) return false;
  }
}
