import { formatWindow } from '../window/window';
import type { Slo } from './define-slo';

export type SloCounterKey = (kind: 'good' | 'bad', bucketMs: number) => string;

/**
 * Counter keys of SLOs, such as `slo:checkout:bad:1m`, built once per SLO and bucket size:
 * `status` reads a dozen counters per call and should not rebuild strings for each.
 */
export function createSloCounterKeys(keyPrefix: string): (slo: Slo) => SloCounterKey {
  const keys = new WeakMap<Slo, Map<string, string>>();
  return (slo) => {
    let table = keys.get(slo);
    if (!table) {
      table = new Map();
      keys.set(slo, table);
    }
    const known = table;
    return (kind, bucketMs) => {
      const id = `${kind}${bucketMs}`;
      let key = known.get(id);
      if (key === undefined) {
        key = `${keyPrefix}slo:${encodeURIComponent(slo.name)}:${kind}:${formatWindow(bucketMs)}`;
        known.set(id, key);
      }
      return key;
    };
  };
}
