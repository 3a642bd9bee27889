/** A permission as compiled: where it came from, for explanations. */
export interface Grant {
  effect: 'allow' | 'deny';
  /** The action as written in the policy (`refund` or `*`). */
  action: string;
  /** The resource pattern as written in the policy. */
  resource: string;
  /** The role that declares the permission (may be an ancestor of the actor's role). */
  role: string;
}

/**
 * All the grants of one effect for one (role, action) pair, indexed so that a lookup costs a
 * Map hit plus a short prefix scan instead of a walk over every permission.
 */
export interface ResourceMatcher {
  add(grant: Grant): void;
  /** The most specific grant matching `resource`: exact, then longest prefix, then `*`. */
  find(resource: string | undefined): Grant | undefined;
}

export function createResourceMatcher(): ResourceMatcher {
  const exact = new Map<string, Grant>();
  const prefixes: Array<{ prefix: string; grant: Grant }> = [];
  let anyResource: Grant | undefined;

  return {
    add(grant) {
      const { resource } = grant;
      if (resource === '*') {
        anyResource ??= grant;
      } else if (resource.endsWith('*')) {
        prefixes.push({ prefix: resource.slice(0, -1), grant });
        // Longest first, so the most specific pattern is the one named in explanations.
        prefixes.sort((left, right) => right.prefix.length - left.prefix.length);
      } else if (!exact.has(resource)) {
        exact.set(resource, grant);
      }
    },
    find(resource) {
      if (resource === undefined) return anyResource;
      const exactGrant = exact.get(resource);
      if (exactGrant !== undefined) return exactGrant;
      for (const entry of prefixes) {
        if (resource.startsWith(entry.prefix)) return entry.grant;
      }
      return anyResource;
    },
  };
}
