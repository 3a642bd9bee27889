import { normalizeResourceId } from './resource-id';

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

/** A matching grant and how specific its pattern is: exact, then longer prefixes, then `*`. */
export interface RankedGrant {
  grant: Grant;
  rank: number;
  /** `describeGrant(grant, role)` for the last role it was held through, remembered by checks. */
  described: { role: string; text: string } | undefined;
}

/** The rank of an exact pattern: nothing is more specific. */
export const exactRank = Number.POSITIVE_INFINITY;
const anyRank = -1;

/**
 * All the grants of one effect for one (role, action) pair, indexed so that a lookup costs a
 * Map hit plus a short prefix scan instead of a walk over every permission. Patterns and
 * resources are compared in their normalised form (see `normalizeResourceId`).
 */
export interface ResourceMatcher {
  add(grant: Grant): void;
  /**
   * The most specific grant matching `resource`, already normalised: exact, then longest
   * prefix, then `*`; the first added among equals.
   */
  find(resource: string | undefined): RankedGrant | undefined;
}

export function createResourceMatcher(): ResourceMatcher {
  const exact = new Map<string, RankedGrant>();
  const prefixes: Array<{ prefix: string; entry: RankedGrant }> = [];
  let sorted = true;
  let anyResource: RankedGrant | undefined;
  return {
    add(grant) {
      const { resource } = grant;
      if (resource === '*') {
        anyResource ??= { grant, rank: anyRank, described: undefined };
        return;
      }
      const pattern = resource.endsWith('*') ? resource.slice(0, -1) : resource;
      // Patterns were validated with the policy; an unsafe one can only fail to match.
      const normalized = normalizeResourceId(pattern);
      if (!normalized.ok) return;
      if (resource.endsWith('*')) {
        prefixes.push({
          prefix: normalized.id,
          entry: { grant, rank: normalized.id.length, described: undefined },
        });
        sorted = false;
      } else if (!exact.has(normalized.id)) {
        exact.set(normalized.id, { grant, rank: exactRank, described: undefined });
      }
    },
    find(resource) {
      if (resource === undefined) return anyResource;
      const exactGrant = exact.get(resource);
      if (exactGrant !== undefined) return exactGrant;
      if (!sorted) {
        // Longest first (stable, so the first added wins among equals); sorted once, lazily.
        prefixes.sort((left, right) => right.prefix.length - left.prefix.length);
        sorted = true;
      }
      for (let index = 0; index < prefixes.length; index++) {
        const { prefix, entry } = prefixes[index] as { prefix: string; entry: RankedGrant };
        if (resource.startsWith(prefix)) return entry;
      }
      return anyResource;
    },
  };
}
