/** One string found in a selected value, with where it was (`signal.payload.body`, `to[0]`...). */
export interface TextSegment {
  /** Empty for a selected value that is itself a string. Built when first read. */
  readonly path: string;
  text: string;
  /** True when the string is an object key (keys can hold personal data too). */
  isKey: boolean;
}

/**
 * Where a value is: its parent's place and the step from it. Paths are read only for findings,
 * so the walk keeps these links and builds a path string (redacting its keys) on first read.
 */
class Place {
  #path: string | undefined;
  constructor(
    readonly parent: Place | undefined,
    /** An object key, an array index, or a symbol's description. */
    readonly step: string | number,
    readonly kind: 'key' | 'index' | 'symbol',
    readonly redactKey: (key: string) => string,
  ) {}

  get path(): string {
    if (this.#path !== undefined) return this.#path;
    const base = this.parent?.path ?? '';
    const { step, kind, redactKey } = this;
    let path: string;
    if (kind === 'index') path = `${base}[${step}]`;
    else if (kind === 'symbol')
      path = `${base}[Symbol(${JSON.stringify(redactKey(String(step)))})]`;
    else {
      const safe = redactKey(step as string);
      path = identifier.test(safe)
        ? base === ''
          ? safe
          : `${base}.${safe}`
        : `${base}[${JSON.stringify(safe)}]`;
    }
    this.#path = path;
    return path;
  }
}

const pathOf = (place: Place | undefined) => place?.path ?? '';

class Segment implements TextSegment {
  constructor(
    readonly place: Place | undefined,
    readonly text: string,
    readonly isKey: boolean,
  ) {}

  get path(): string {
    const path = pathOf(this.place);
    return this.isKey ? `${path} (key)` : path;
  }
}

export interface CollectLimits {
  /** Total characters over all strings. */
  maxLength: number;
  /** Nesting depth of objects and arrays. */
  maxDepth: number;
  /** Values visited (strings, numbers, objects, array items...). */
  maxValues: number;
}

export type CollectResult =
  | {
      ok: true;
      /** The strings to judge: every one found, but those `skip` passed over. */
      segments: TextSegment[];
      length: number;
      /** Whether any string that is not a key was found, skipped or not. */
      anyText: boolean;
    }
  | { ok: false; limit: keyof CollectLimits; value: number; max: number }
  /** A getter or a Proxy trap threw at `path`: part of the value cannot be read, nor judged. */
  | { ok: false; limit: 'unreadable'; path: string };

const identifier = /^[A-Za-z_$][\w$-]*$/;

/**
 * Every string in a value, recursively: strings, numbers and bigints (a card number can be
 * stored as a number), object keys and values, array, Map and Set items. Cycles are skipped
 * (the object is being scanned already). Stops at the first limit crossed, so the caller can
 * fail closed instead of judging part of the value. `redactKey` keeps personal data that is in
 * a key out of the paths; it runs when a segment's path is first read, not during the walk.
 * `skip` leaves out a string the caller already knows the verdict of (one it found clean
 * before): it still counts towards the limits and `anyText`, but gets no segment.
 */
export function collectTextSegments(
  value: unknown,
  limits: CollectLimits,
  redactKey: (key: string) => string = (key) => key,
  skip?: (text: string, isKey: boolean) => boolean,
): CollectResult {
  const segments: TextSegment[] = [];
  // The objects open above the current one: at most `maxDepth`, so an array is cheaper than a Set.
  const ancestors: object[] = [];
  let length = 0;
  let values = 0;
  let anyText = false;
  let exceeded: { limit: keyof CollectLimits; value: number; max: number } | undefined;

  const add = (place: Place | undefined, text: string, isKey: boolean) => {
    length += text.length;
    if (length > limits.maxLength) {
      exceeded = { limit: 'maxLength', value: length, max: limits.maxLength };
      return;
    }
    // A printable ASCII first character settles it without trimming (most strings).
    const first = text.charCodeAt(0);
    if ((first > 32 && first < 127) || text.trim() !== '') {
      if (!isKey) anyText = true;
      if (skip === undefined || !skip(text, isKey)) segments.push(new Segment(place, text, isKey));
    }
  };

  // Where the walk is, for the verdict when reading the value throws.
  let reading: Place | undefined;
  const visit = (current: unknown, place: Place | undefined, depth: number): void => {
    if (exceeded) return;
    reading = place;
    values += 1;
    if (values > limits.maxValues) {
      exceeded = { limit: 'maxValues', value: values, max: limits.maxValues };
      return;
    }
    if (typeof current === 'string' || typeof current === 'number' || typeof current === 'bigint') {
      add(place, String(current), false);
      return;
    }
    if (typeof current !== 'object' || current === null || ancestors.includes(current)) return;
    // A plain object or an array (most values) is none of the kinds `textOf` reads.
    const prototype = Object.getPrototypeOf(current);
    if (prototype !== Object.prototype && prototype !== null && !Array.isArray(current)) {
      if (current instanceof Date) return;
      // Objects whose text is not in their own keys: a boxed string has one key per character,
      // a URL none, an error keeps its message in a non-enumerable property, and bytes are text
      // too (`Buffer.from('4111 1111 1111 1111')`), read as UTF-8 once they fit in what is left.
      const text = textOf(current, limits.maxLength - length);
      if (text === tooLong) {
        exceeded = {
          limit: 'maxLength',
          value: length + byteLength(current),
          max: limits.maxLength,
        };
        return;
      }
      if (text !== undefined) {
        add(place, text, false);
        if (!(current instanceof Error)) return;
      }
    }
    if (depth >= limits.maxDepth) {
      exceeded = { limit: 'maxDepth', value: depth + 1, max: limits.maxDepth };
      return;
    }
    ancestors.push(current);
    if (Array.isArray(current) || current instanceof Set || current instanceof Map) {
      let index = 0;
      for (const item of current as Iterable<unknown>) {
        visit(item, new Place(place, index, 'index', redactKey), depth + 1);
        index += 1;
        if (exceeded) break;
      }
    } else {
      for (const key of Object.keys(current)) {
        // Over the limit before it is scanned: a 10 MB key is refused, not read.
        if (length + key.length > limits.maxLength) {
          exceeded = { limit: 'maxLength', value: length + key.length, max: limits.maxLength };
          break;
        }
        const child = new Place(place, key, 'key', redactKey);
        add(child, key, true);
        reading = child;
        visit((current as Record<string, unknown>)[key], child, depth + 1);
        if (exceeded) break;
      }
      // Symbol-keyed properties are data too (a tool reading `input[secret]` sends them).
      for (const symbol of Object.getOwnPropertySymbols(current)) {
        if (exceeded) break;
        if (!Object.prototype.propertyIsEnumerable.call(current, symbol)) continue;
        // The description is a key like any other: scanned, and redacted in the path.
        const description = symbol.description ?? '';
        const child = new Place(place, description, 'symbol', redactKey);
        add(child, description, true);
        reading = child;
        visit((current as Record<symbol, unknown>)[symbol], child, depth + 1);
      }
    }
    ancestors.pop();
  };

  try {
    visit(value, undefined, 0);
  } catch {
    // What it threw may quote the value: only the path goes into the verdict.
    return { ok: false, limit: 'unreadable', path: pathOf(reading) };
  }
  return exceeded ? { ok: false, ...exceeded } : { ok: true, segments, length, anyText };
}

const tooLong = Symbol('too long');
const decoder = new TextDecoder('utf-8', { fatal: false });

function byteLength(value: object): number {
  return ArrayBuffer.isView(value) || value instanceof ArrayBuffer ? value.byteLength : 0;
}

/** The text of an object that keeps it outside its own enumerable keys, if it is one. */
function textOf(value: object, room: number): string | typeof tooLong | undefined {
  if (value instanceof String || value instanceof Number || value instanceof BigInt) {
    return String(value.valueOf());
  }
  // Decoded: `jo%40example.com` is an address to whoever opens the link.
  if (value instanceof URL) return percentDecoded(value.href);
  if (value instanceof URLSearchParams) {
    return [...value].map(([name, item]) => `${name}=${item}`).join('&');
  }
  if (value instanceof Error) return value.message;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
    // Checked before decoding: a 1 GB buffer is refused without being read.
    if (value.byteLength > room) return tooLong;
    const bytes = ArrayBuffer.isView(value)
      ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
      : new Uint8Array(value);
    return decoder.decode(bytes);
  }
  return undefined;
}

function percentDecoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
