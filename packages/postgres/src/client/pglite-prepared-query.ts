import type { SqlResult } from './sql-client';

/** A backend message as PGlite's `execProtocol` parses it (the fields read here). */
interface BackendMessage {
  name: string;
  fields?: readonly ({ dataTypeID: number; name: string } | string | null)[];
  text?: string;
}

/** What the prepared path needs of a PGlite instance: its protocol entry and its own two locks. */
interface PgliteProtocol {
  execProtocol(
    message: Uint8Array,
    options: { throwOnError: boolean },
  ): Promise<{ messages: BackendMessage[] }>;
  _runExclusiveTransaction<T>(work: () => Promise<T>): Promise<T>;
  _runExclusiveQuery<T>(work: () => Promise<T>): Promise<T>;
  _checkReady?(): Promise<void>;
  parsers?: Record<number, (value: string, typeId: number) => unknown>;
}

const isProtocol = (database: object): database is PgliteProtocol => {
  const candidate = database as Partial<Record<keyof PgliteProtocol, unknown>>;
  return (
    typeof candidate.execProtocol === 'function' &&
    typeof candidate._runExclusiveTransaction === 'function' &&
    typeof candidate._runExclusiveQuery === 'function'
  );
};

// Statement names prepared on each instance (one backend per PGlite instance).
const preparedOn = new WeakMap<object, Set<string>>();
const encoder = new TextEncoder();

/** One frontend message: its type byte, its length, then its body. */
function message(type: string, body: readonly Uint8Array[]): Uint8Array {
  const length = body.reduce((sum, part) => sum + part.length, 4);
  const out = new Uint8Array(1 + length);
  out[0] = type.charCodeAt(0);
  new DataView(out.buffer).setInt32(1, length);
  let offset = 5;
  for (const part of body) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

const cString = (value: string) => encoder.encode(`${value}\0`);
const int16 = (value: number) => new Uint8Array([(value >> 8) & 0xff, value & 0xff]);
const int32 = (value: number) => {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setInt32(0, value);
  return out;
};

const arrayElement = (value: string) => `"${value.replace(/[\\"]/g, (char) => `\\${char}`)}"`;

/**
 * A parameter as text, as PGlite's own serializers write it, or `false` when this path does not
 * know the value's type (the caller then sends the statement through `query`).
 */
function toText(value: unknown): string | null | false {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((element) => typeof element === 'string'))
    return `{${value.map(arrayElement).join(',')}}`;
  return false;
}

function bind(name: string, values: readonly (string | null)[]): Uint8Array {
  const body: Uint8Array[] = [cString(''), cString(name), int16(0), int16(values.length)];
  for (const value of values) {
    if (value === null) body.push(int32(-1));
    else {
      const bytes = encoder.encode(value);
      body.push(int32(bytes.length), bytes);
    }
  }
  body.push(int16(0));
  return message('B', body);
}

const describePortal = message('D', [encoder.encode('P\0')]);
const execute = message('E', [cString(''), int32(0)]);
const sync = message('S', []);

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function toResult(database: PgliteProtocol, messages: readonly BackendMessage[]) {
  let columns: { dataTypeID: number; name: string }[] = [];
  const rows: Record<string, unknown>[] = [];
  let rowCount: number | undefined;
  for (const { name, fields, text } of messages) {
    if (name === 'rowDescription') columns = (fields ?? []) as typeof columns;
    else if (name === 'dataRow') {
      const row: Record<string, unknown> = {};
      columns.forEach((column, index) => {
        const value = fields?.[index] as string | null | undefined;
        const parse = database.parsers?.[column.dataTypeID];
        row[column.name] =
          value === null || value === undefined
            ? null
            : parse
              ? parse(value, column.dataTypeID)
              : value;
      });
      rows.push(row);
    } else if (name === 'commandComplete') {
      const count = /\s(\d+)$/.exec(text ?? '');
      rowCount = count ? Number(count[1]) : undefined;
    }
  }
  return { rows, rowCount: rowCount ?? rows.length } satisfies SqlResult<unknown>;
}

/**
 * Runs `text` as a statement prepared once on this PGlite instance (`name`), under PGlite's own
 * locks, as its `query` would: bind, describe, execute and sync in one protocol call instead of
 * the six `query` makes, without parsing and planning the text again. Resolves `undefined` (nothing sent) when
 * the instance has no protocol entry or a parameter is not a string, number, boolean, array of
 * strings or null, or when the name is taken: the caller then uses `query`. A statement the
 * backend lost (DEALLOCATE) is prepared again.
 */
export async function queryPreparedOnPglite(
  database: object,
  name: string,
  text: string,
  params: readonly unknown[] | undefined,
): Promise<SqlResult<unknown> | undefined> {
  if (!isProtocol(database)) return undefined;
  const values: (string | null)[] = [];
  for (const param of params ?? []) {
    const value = toText(param);
    if (value === false) return undefined;
    values.push(value);
  }
  const known = preparedOn.get(database) ?? new Set<string>();
  preparedOn.set(database, known);
  const run = async (parse: boolean) => {
    const parts = [bind(name, values), describePortal, execute, sync];
    if (parse) parts.unshift(message('P', [cString(name), cString(text), int16(0)]));
    const { messages } = await database.execProtocol(concat(parts), { throwOnError: false });
    if (messages.some((backend) => backend.name === 'parseComplete')) known.add(name);
    return messages;
  };
  return database._runExclusiveTransaction(() =>
    database._runExclusiveQuery(async () => {
      await database._checkReady?.();
      let messages = await run(!known.has(name));
      let error = messages.find((backend) => backend.name === 'error') as
        | (BackendMessage & { code?: string })
        | undefined;
      if (error?.code === '26000' && known.has(name)) {
        known.delete(name);
        messages = await run(true);
        error = messages.find((backend) => backend.name === 'error');
      }
      // The name holds a statement this module did not prepare (another copy of it): nothing
      // ran, and the caller sends the text unprepared.
      if (error?.code === '42P05') return undefined;
      if (error) throw error;
      return toResult(database, messages);
    }),
  );
}
