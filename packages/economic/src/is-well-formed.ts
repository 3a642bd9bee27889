/**
 * True when `value` has no lone surrogate: `encodeURIComponent` throws on one, and a database
 * stores it replaced, merging distinct strings. ES2024 method (Node >= 20); the base tsconfig
 * targets ES2023 typings.
 */
export const isWellFormed = (value: string): boolean =>
  (value as unknown as { isWellFormed(): boolean }).isWellFormed();
