import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = import.meta.dirname;

/**
 * Maps every `@guardloop/*` export (and subpath) to its TypeScript source, read from the
 * `@guardloop/source` condition in each package's `exports`. Tests then run against the
 * source of every workspace package without a build step.
 */
export function sourceAliases(): Array<{ find: RegExp; replacement: string }> {
  const aliases: Array<{ find: RegExp; replacement: string }> = [];
  const dir = join(root, 'packages');
  for (const name of readdirSync(dir)) {
    const manifestPath = join(dir, name, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
      name: string;
      exports?: Record<string, unknown>;
    };
    for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
      const source = (target as Record<string, unknown> | string)?.['@guardloop/source' as never];
      if (typeof source !== 'string') continue;
      const specifier = manifest.name + subpath.slice(1);
      aliases.push({
        find: new RegExp(`^${specifier.replace(/[/.]/g, '\\$&')}$`),
        replacement: resolve(dir, name, source),
      });
    }
  }
  return aliases;
}
