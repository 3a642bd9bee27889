/**
 * Throws exactly when `JSON.stringify(evidence)` would, without building the string: decisions
 * are stored as JSON, so evidence that cannot be serialised must fail when the rail answers, not
 * when a store writes it. Plain objects and arrays are walked here (most evidence: a few fields,
 * many of them numbers, whose formatting was most of the cost); anything else (a `toJSON`, a
 * class instance, a Date, a Map, a boxed value, a bigint) is handed to `JSON.stringify` itself,
 * in place, so its semantics hold. Proxies answer one more trap (`getPrototypeOf`) than under
 * `JSON.stringify`: a proxy whose trap throws escalates (fails closed).
 * @throws TypeError (a cycle, a bigint), or whatever a getter, trap or `toJSON` throws
 */
export function checkEvidence(evidence: unknown): unknown {
  const type = typeof evidence;
  if (type === 'bigint' || type === 'function' || type === 'symbol') {
    throw new TypeError(`evidence is a ${type}, which cannot be stored as JSON`);
  }
  if (type !== 'object' || evidence === null) return evidence;
  if (sealed.has(evidence as object)) return evidence;
  // Most decisions check several evidence objects: their walks share one state. A `toJSON` run
  // from inside a walk may check evidence too (a nested decision): it then gets its own.
  const walked = spareWalk ?? new EvidenceWalk();
  spareWalk = undefined;
  walked.values = 0;
  try {
    walk(evidence, '', walked.ancestors, walked);
  } catch (error) {
    // Nesting deeper than this walk's stack: JSON.stringify has its own limit, so it decides.
    if (!(error instanceof RangeError)) throw error;
    JSON.stringify(evidence);
    return evidence;
  } finally {
    // A walk that threw left its open objects behind.
    if (walked.ancestors.length > 0) walked.ancestors.length = 0;
    spareWalk = walked;
  }
  // Huge evidence may exceed what a string can hold: then only JSON.stringify can tell.
  if (walked.values > maxWalkedValues) JSON.stringify(evidence);
  return evidence;
}

/** Values and characters past which the walk hands over to JSON.stringify. */
const maxWalkedValues = 100_000;

/** What one walk counts and the objects open above where it is. */
class EvidenceWalk {
  values = 0;
  readonly ancestors: object[] = [];
}

let spareWalk: EvidenceWalk | undefined;

function walk(value: unknown, key: string, ancestors: object[], walked: EvidenceWalk): void {
  walked.values += typeof value === 'string' ? 1 + value.length : 1;
  if (walked.values > maxWalkedValues) return;
  if (typeof value === 'bigint') {
    // As JSON.stringify: a bigint serialises only through a `toJSON` (BigInt.prototype's).
    JSON.stringify({ [key]: value });
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const prototype = Object.getPrototypeOf(value);
  const isArray = Array.isArray(value);
  const plain = isArray
    ? prototype === Array.prototype
    : prototype === Object.prototype || prototype === null;
  if (!plain || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    // Under its own key, so a `toJSON(key)` sees the key it would have seen. A cycle from in
    // there back to a walked ancestor comes round to this value again, which JSON.stringify
    // then refuses.
    JSON.stringify({ [key]: value });
    return;
  }
  if (ancestors.includes(value)) throw new TypeError('Converting circular structure to JSON');
  ancestors.push(value);
  if (isArray) {
    const items = value as unknown[];
    const length = items.length;
    for (let index = 0; index < length && walked.values <= maxWalkedValues; index++) {
      walk(items[index], String(index), ancestors, walked);
    }
  } else {
    const keys = Object.keys(value);
    for (let index = 0; index < keys.length && walked.values <= maxWalkedValues; index++) {
      const name = keys[index] as string;
      walked.values += name.length;
      walk((value as Record<string, unknown>)[name], name, ancestors, walked);
    }
  }
  ancestors.pop();
}

// Evidence made by `sealEvidence`: plain JSON data, frozen all the way down, so it cannot have
// changed since it was checked.
const sealed = new WeakSet<object>();

/**
 * For evidence a rail answers with on many decisions (a reading it reuses): a copy made through
 * JSON (so it throws where `checkEvidence` would), frozen all the way down, that `checkEvidence`
 * then passes without walking it again.
 * @throws TypeError, or whatever serialising the evidence throws
 */
export function sealEvidence<Evidence>(evidence: Evidence): Evidence {
  const text = JSON.stringify(evidence);
  if (text === undefined) return evidence;
  const copy = JSON.parse(text) as Evidence;
  if (typeof copy === 'object' && copy !== null) {
    deepFreeze(copy);
    sealed.add(copy);
  }
  return copy;
}

function deepFreeze(value: object): void {
  for (const item of Object.values(value)) {
    if (typeof item === 'object' && item !== null) deepFreeze(item);
  }
  Object.freeze(value);
}
