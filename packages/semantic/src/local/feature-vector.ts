import { extractFeatures } from './extract-features';
import type { FeatureOptions } from './feature-options';

/** A sparse, unit-length feature vector: [bucket, value] pairs. */
export type FeatureVector = ReadonlyArray<readonly [bucket: number, value: number]>;

/**
 * Sublinear term frequency (1 + log count), scaled to unit length so long and short texts
 * produce logits of the same magnitude.
 */
export function toFeatureVector(text: string, options: FeatureOptions): FeatureVector {
  const vector: Array<[number, number]> = [];
  let squaredNorm = 0;
  for (const [bucket, count] of extractFeatures(text, options)) {
    const value = 1 + Math.log(count);
    vector.push([bucket, value]);
    squaredNorm += value * value;
  }
  const norm = Math.sqrt(squaredNorm) || 1;
  return vector.map(([bucket, value]) => [bucket, value / norm] as const);
}
