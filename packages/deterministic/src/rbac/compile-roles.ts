import type { RbacPolicyDefinition } from './rbac-policy-schema';
import { createResourceMatcher, type Grant, type ResourceMatcher } from './resource-matcher';

/** One role with inheritance flattened: for each action, an index of grants and one of denies. */
export interface CompiledRole {
  actorTypes: readonly string[] | undefined;
  allow: Map<string, ResourceMatcher>;
  deny: Map<string, ResourceMatcher>;
}

/** Compiles every role of a validated policy, given each role's lineage (itself first). */
export function compileRoles(
  definition: RbacPolicyDefinition,
  lineages: Map<string, readonly string[]>,
): Map<string, CompiledRole> {
  const compiled = new Map<string, CompiledRole>();
  for (const [name, role] of Object.entries(definition.roles)) {
    const allow = new Map<string, ResourceMatcher>();
    const deny = new Map<string, ResourceMatcher>();
    // The role's own permissions come first, so explanations prefer them over inherited ones.
    for (const holder of lineages.get(name) ?? [name]) {
      const source = definition.roles[holder];
      if (source === undefined) continue;
      for (const [effect, permissions, index] of [
        ['allow', source.allow, allow],
        ['deny', source.deny, deny],
      ] as const) {
        for (const { action, resource } of permissions) {
          const grant: Grant = { effect, action, resource, role: holder };
          // `*` means every declared action; expanding it now keeps checks to one Map lookup.
          for (const target of action === '*' ? definition.actions : [action]) {
            const matcher = index.get(target) ?? createResourceMatcher();
            index.set(target, matcher);
            matcher.add(grant);
          }
        }
      }
    }
    compiled.set(name, { actorTypes: role.actorTypes, allow, deny });
  }
  return compiled;
}
