import { RoleCycleError } from '../errors/role-cycle-error';
import { UnknownRoleError } from '../errors/unknown-role-error';

/**
 * For every role, its lineage: the role itself, then every role it inherits from, directly or
 * not, nearest first and without repeats (diamonds are fine, loops are not).
 * @throws UnknownRoleError when a role inherits from an undefined role
 * @throws RoleCycleError when inheritance loops
 */
export function resolveRoleInheritance(
  roles: Readonly<Record<string, { readonly inherits: readonly string[] }>>,
): Map<string, readonly string[]> {
  const names = Object.keys(roles);
  const parentsOf = (name: string) => roles[name]?.inherits ?? [];
  for (const name of names) {
    for (const parent of parentsOf(name)) {
      if (!Object.hasOwn(roles, parent)) {
        throw new UnknownRoleError({ role: parent, referencedBy: name, definedRoles: names });
      }
    }
  }

  const lineages = new Map<string, readonly string[]>();
  const path: string[] = [];
  const visit = (name: string): readonly string[] => {
    const known = lineages.get(name);
    if (known !== undefined) return known;
    const loopStart = path.indexOf(name);
    if (loopStart !== -1) throw new RoleCycleError({ cycle: [...path.slice(loopStart), name] });
    path.push(name);
    const lineage = [name];
    for (const parent of parentsOf(name)) {
      for (const ancestor of visit(parent)) {
        if (!lineage.includes(ancestor)) lineage.push(ancestor);
      }
    }
    path.pop();
    lineages.set(name, lineage);
    return lineage;
  };
  for (const name of names) visit(name);
  return lineages;
}
