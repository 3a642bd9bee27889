// One implementation for every package, in core; feedback keeps exporting it from its root.
export { createSeededRandom } from '@guardloop/core/internal';
