/**
 * Maps every `@guardloop/*` export (and subpath) to its TypeScript source, read from the
 * `@guardloop/source` condition in each package's `exports`. Tests then run against the
 * source of every workspace package without a build step.
 */
export declare function sourceAliases(): Array<{
    find: RegExp;
    replacement: string;
}>;
