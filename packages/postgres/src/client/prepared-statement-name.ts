const names = new Map<string, string>();
// Past this many distinct texts, statements run unnamed: a caller that marks ever-changing text
// `prepare` costs a lookup, not an unbounded cache on every connection.
const maxNames = 1_000;
// Another copy of this module (an ESM and a CJS build in one process) may share a connection:
// its names must not collide with these.
const prefix = `guardloop_${Math.random().toString(36).slice(2, 8)}_`;

/**
 * The name under which `text` is prepared on a connection: one per distinct text in the process,
 * so that two clients on one pool never give one name two texts (which `pg` refuses). Undefined
 * once `maxNames` texts are named: run the statement unnamed.
 */
export function preparedStatementName(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined) {
    if (names.size >= maxNames) return undefined;
    name = `${prefix}${names.size + 1}`;
    names.set(text, name);
  }
  return name;
}
