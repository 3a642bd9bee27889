import type { RbacPolicyDefinition } from './rbac-policy-schema';
import { createResourceMatcher, type Grant, type ResourceMatcher } from './resource-matcher';

/** One role as compiled: its own permissions, indexed by action, and links to its parents. */
export interface CompiledRole {
  name: string;
  actorTypes: readonly string[] | undefined;
  allow: Map<string, ResourceMatcher>;
  deny: Map<string, ResourceMatcher>;
  parents: CompiledRole[];
  /**
   * The role then every role it inherits from, directly or not, depth first in `inherits`
   * order, without repeats. Precomputed when short (the usual case); a role deep in a long
   * chain gets it walked at check time, which keeps compiling linear in the policy's size.
   */
  lineage: readonly CompiledRole[] | undefined;
  /**
   * With a precomputed lineage: for each action, the matchers along it that have permissions
   * for the action, in lineage order. A check then scans only those (usually one).
   */
  allowAlong: Map<string, ResourceMatcher[]> | undefined;
  denyAlong: Map<string, ResourceMatcher[]> | undefined;
}

/** Lineages up to this length are computed once, when the policy is compiled. */
const precomputedLineage = 64;

/**
 * Compiles every role of a validated policy whose inheritance was checked (no unknown role, no
 * loop); `order` lists every role after the roles it inherits from. Each permission is indexed
 * once, in the role that declares it: inherited ones are found through `lineage` when
 * checking, not copied into every descendant.
 */
export function compileRoles(
  definition: RbacPolicyDefinition,
  order: readonly string[],
): Map<string, CompiledRole> {
  const compiled = new Map<string, CompiledRole>();
  for (const [name, role] of Object.entries(definition.roles)) {
    const allow = new Map<string, ResourceMatcher>();
    const deny = new Map<string, ResourceMatcher>();
    for (const [effect, permissions, index] of [
      ['allow', role.allow, allow],
      ['deny', role.deny, deny],
    ] as const) {
      for (const { action, resource } of permissions) {
        const grant: Grant = { effect, action, resource, role: name };
        // `*` means every declared action; expanding it now keeps checks to one Map lookup.
        for (const target of action === '*' ? definition.actions : [action]) {
          const matcher = index.get(target) ?? createResourceMatcher();
          index.set(target, matcher);
          matcher.add(grant);
        }
      }
    }
    compiled.set(name, {
      name,
      actorTypes: role.actorTypes,
      allow,
      deny,
      parents: [],
      lineage: undefined,
      allowAlong: undefined,
      denyAlong: undefined,
    });
  }
  for (const [name, role] of compiled) {
    role.parents = (definition.roles[name]?.inherits ?? []).map(
      (parent) => compiled.get(parent) as CompiledRole,
    );
  }
  // Parents first, so each short lineage is a merge of its parents' (memoised) ones.
  for (const name of order) {
    const role = compiled.get(name) as CompiledRole;
    role.lineage = mergeLineage(role, precomputedLineage);
    if (role.lineage !== undefined) {
      role.allowAlong = matchersAlong(role.lineage, 'allow');
      role.denyAlong = matchersAlong(role.lineage, 'deny');
    }
  }
  return compiled;
}

/** For each action, the matchers of `lineage` that hold permissions for it, in lineage order. */
export function matchersAlong(
  lineage: readonly CompiledRole[],
  effect: 'allow' | 'deny',
): Map<string, ResourceMatcher[]> {
  const byAction = new Map<string, ResourceMatcher[]>();
  for (const role of lineage) {
    for (const [action, matcher] of role[effect]) {
      const list = byAction.get(action);
      if (list === undefined) byAction.set(action, [matcher]);
      else list.push(matcher);
    }
  }
  return byAction;
}

/** `lineageOf` from the parents' precomputed lineages; undefined when one is too long. */
function mergeLineage(role: CompiledRole, limit: number): CompiledRole[] | undefined {
  const lineage: CompiledRole[] = [role];
  if (role.parents.length === 0) return lineage;
  const seen = new Set<CompiledRole>(lineage);
  for (const parent of role.parents) {
    // A lineage contains each parent's whole lineage: too long there, too long here.
    if (parent.lineage === undefined) return undefined;
    for (const ancestor of parent.lineage) {
      if (seen.has(ancestor)) continue;
      if (lineage.length >= limit) return undefined;
      seen.add(ancestor);
      lineage.push(ancestor);
    }
  }
  return lineage;
}

/**
 * `role` and its ancestors, depth first in `inherits` order, without repeats; undefined when
 * there are more than `limit`. Iterative: a chain of any length fits the stack.
 */
export function lineageOf(role: CompiledRole, limit = Number.POSITIVE_INFINITY) {
  const lineage: CompiledRole[] = [role];
  if (role.parents.length === 0) return lineage;
  const seen = new Set<CompiledRole>(lineage);
  const path: CompiledRole[] = [role];
  const next: number[] = [0];
  while (path.length > 0) {
    const top = path.length - 1;
    const node = path[top] as CompiledRole;
    const index = next[top] as number;
    if (index >= node.parents.length) {
      path.pop();
      next.pop();
      continue;
    }
    next[top] = index + 1;
    const parent = node.parents[index] as CompiledRole;
    if (seen.has(parent)) continue;
    if (lineage.length >= limit) return undefined;
    seen.add(parent);
    lineage.push(parent);
    path.push(parent);
    next.push(0);
  }
  return lineage;
}
