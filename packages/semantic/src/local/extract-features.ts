import type { FeatureOptions } from './feature-options';
import { normalizeText } from './normalize-text';

/** Hashed word and character n-gram counts of a text: bucket -> occurrences. */
export function extractFeatures(text: string, options: FeatureOptions): Map<number, number> {
  const features = new Map<number, number>();
  const add = (feature: string) => {
    const bucket = hashFeature(feature, options.buckets);
    features.set(bucket, (features.get(bucket) ?? 0) + 1);
  };
  const words = normalizeText(text).split(' ').filter(Boolean);
  for (let size = 1; size <= options.wordNgramMax; size++) {
    for (let start = 0; start + size <= words.length; start++) {
      add(`w${size}:${words.slice(start, start + size).join(' ')}`);
    }
  }
  for (const word of words) {
    const padded = ` ${word} `;
    for (let size = options.charNgramMin; size <= options.charNgramMax; size++) {
      for (let start = 0; start + size <= padded.length; start++) {
        add(`c:${padded.slice(start, start + size)}`);
      }
    }
  }
  return features;
}

/**
 * FNV-1a (32-bit) of a feature string, folded into `buckets`. Hashing bounds memory whatever
 * the vocabulary, and the same text maps to the same buckets on every runtime. Kept in this
 * module: it runs once per n-gram, and a cross-module call costs more than the hash itself.
 */
function hashFeature(feature: string, buckets: number): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < feature.length; index++) {
    hash ^= feature.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % buckets;
}
