import { toInputIssues } from '@guardloop/core/internal';
import { z } from 'zod';
import { InvalidSlaPolicyError } from '../errors/invalid-sla-policy-error';
import { slaKeySchema } from './sla-key';

const yearMs = 365 * 24 * 60 * 60 * 1000;
const targetMs = z
  .int()
  .min(1)
  .max(5 * yearMs);

/** The SLA metrics: first public reply, each next public reply after a customer message, resolution. */
export const slaMetrics = ['first_response', 'next_response', 'resolution'] as const;
export type SlaMetric = (typeof slaMetrics)[number];

/** Targets of one priority, in ms of measured time (open hours when the policy uses business hours). */
export const slaTargetsSchema = z
  .strictObject({
    firstResponseMs: targetMs.optional(),
    nextResponseMs: targetMs.optional(),
    resolutionMs: targetMs.optional(),
  })
  .refine(
    (targets) => Object.values(targets).some((value) => value !== undefined),
    'Give at least one of firstResponseMs, nextResponseMs, resolutionMs',
  );
export type SlaTargets = z.output<typeof slaTargetsSchema>;

const filterValues = z.array(slaKeySchema).min(1).max(100);

/** One policy. The first policy (in order) whose filter matches the ticket's fields applies. */
export const slaPolicySchema = z.strictObject({
  id: slaKeySchema,
  /** Each given field must hold one of the listed values; an empty filter matches every ticket. */
  filter: z
    .strictObject({
      priority: filterValues.optional(),
      segment: filterValues.optional(),
      channel: filterValues.optional(),
      category: filterValues.optional(),
    })
    .default({}),
  /** Targets per priority value; `*` applies to priorities not listed (and to tickets without one). */
  targets: z
    .record(slaKeySchema, slaTargetsSchema)
    .refine((targets) => Object.keys(targets).length > 0, 'Give targets for at least one priority'),
  /** Emit a warning this long (wall time) before a target is due. 0: breaches only. */
  warnBeforeMs: z.int().min(0).max(yearMs).default(0),
  /** Measure in the open hours of the calendar passed to evaluation instead of wall time. */
  businessHours: z.boolean().default(false),
});
export type SlaPolicy = z.output<typeof slaPolicySchema>;
export type SlaPolicyInput = z.input<typeof slaPolicySchema>;

const policiesSchema = z
  .array(slaPolicySchema)
  .min(1)
  .max(1000)
  .superRefine((policies, context) => {
    const seen = new Set<string>();
    policies.forEach((policy, index) => {
      if (seen.has(policy.id))
        context.addIssue({ code: 'custom', path: [index, 'id'], message: 'Duplicate policy id' });
      seen.add(policy.id);
      for (const [priority, targets] of Object.entries(policy.targets))
        for (const [name, value] of Object.entries(targets))
          if (value !== undefined && policy.warnBeforeMs >= value)
            context.addIssue({
              code: 'custom',
              path: [index, 'warnBeforeMs'],
              message: `warnBeforeMs must be shorter than targets.${priority}.${name}`,
            });
    });
  });

/** Validated, ordered SLA policies (`defineSlaPolicies`). */
export interface SlaPolicies {
  readonly policies: readonly SlaPolicy[];
  /** Whether any policy measures in business hours (then evaluation needs a calendar). */
  readonly needsCalendar: boolean;
}

const defined = new WeakSet<SlaPolicies>();

/** Whether `value` came from `defineSlaPolicies` (so it was validated and is frozen). */
export const isSlaPolicies = (value: unknown): value is SlaPolicies =>
  typeof value === 'object' && value !== null && defined.has(value as SlaPolicies);

/**
 * Validates SLA policies given as data (the order is the match order, like Zendesk's).
 * @throws InvalidSlaPolicyError (code `invalid_sla_policy`) listing every problem
 */
export function defineSlaPolicies(policies: readonly SlaPolicyInput[]): SlaPolicies {
  const parsed = policiesSchema.safeParse(policies);
  if (!parsed.success)
    throw new InvalidSlaPolicyError({
      issues: toInputIssues(parsed.error.issues),
      cause: parsed.error,
    });
  const result: SlaPolicies = Object.freeze({
    policies: Object.freeze(parsed.data.map((policy) => Object.freeze(policy))),
    needsCalendar: parsed.data.some((policy) => policy.businessHours),
  });
  defined.add(result);
  return result;
}

/** The ticket fields SLA policies filter on. */
export interface SlaFields {
  priority?: string | undefined;
  segment?: string | undefined;
  channel?: string | undefined;
  category?: string | undefined;
}

const filterKeys = ['priority', 'segment', 'channel', 'category'] as const;

/** The first policy matching `fields`, with its targets for the ticket's priority, or undefined. */
export function matchSlaPolicy(
  policies: SlaPolicies,
  fields: SlaFields,
): { policy: SlaPolicy; targets: SlaTargets } | undefined {
  for (const policy of policies.policies) {
    const matches = filterKeys.every((key) => {
      const allowed = policy.filter[key];
      const value = fields[key];
      return allowed === undefined || (value !== undefined && allowed.includes(value));
    });
    if (!matches) continue;
    const targets =
      (fields.priority === undefined ? undefined : policy.targets[fields.priority]) ??
      policy.targets['*'];
    // A matching policy without targets for this priority still decides: later ones do not apply.
    return targets === undefined ? undefined : { policy, targets };
  }
  return undefined;
}
