import { RoleCycleError } from '../errors/role-cycle-error';
import { UnknownRoleError } from '../errors/unknown-role-error';

/**
 * Checks that every inherited role is defined and that inheritance has no loop (diamonds are
 * fine). Iterative depth-first search, linear in roles plus `inherits` links, so a chain of
 * tens of thousands of roles neither takes quadratic time nor overflows the stack.
 * Returns the roles in topological order: every role after all the roles it inherits from.
 * @throws UnknownRoleError when a role inherits from an undefined role
 * @throws RoleCycleError when inheritance loops, naming the loop
 */
export function checkRoleInheritance(
  roles: Readonly<Record<string, { readonly inherits: readonly string[] }>>,
): string[] {
  const names = Object.keys(roles);
  const parentsOf = (name: string) => roles[name]?.inherits ?? [];
  for (const name of names) {
    for (const parent of parentsOf(name)) {
      if (!Object.hasOwn(roles, parent)) {
        throw new UnknownRoleError({ role: parent, referencedBy: name, definedRoles: names });
      }
    }
  }
  // 1: on the current path, 2: done (no loop through it).
  const state = new Map<string, 1 | 2>();
  const order: string[] = [];
  for (const root of names) {
    if (state.has(root)) continue;
    const path: string[] = [root];
    const next: number[] = [0];
    state.set(root, 1);
    while (path.length > 0) {
      const top = path.length - 1;
      const name = path[top] as string;
      const parents = parentsOf(name);
      const index = next[top] as number;
      if (index >= parents.length) {
        state.set(name, 2);
        order.push(name);
        path.pop();
        next.pop();
        continue;
      }
      next[top] = index + 1;
      const parent = parents[index] as string;
      const seen = state.get(parent);
      if (seen === 1) {
        throw new RoleCycleError({ cycle: [...path.slice(path.indexOf(parent)), parent] });
      }
      if (seen === undefined) {
        state.set(parent, 1);
        path.push(parent);
        next.push(0);
      }
    }
  }
  return order;
}
