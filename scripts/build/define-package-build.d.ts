import { type Options } from 'tsup';
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
export declare function definePackageBuild(entry: NonNullable<Options['entry']>): Options | Options[] | ((overrideOptions: Options) => Options | Options[] | Promise<Options | Options[]>);
/** The `dependencies` of the package in `packageDir` that `require` cannot load as CommonJS. */
export declare function esmOnlyDependencies(packageDir: string): string[];
