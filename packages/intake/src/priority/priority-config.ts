import { z } from 'zod';

const name = z.string().trim().min(1).max(100);
/** Levels an adjustment moves the priority: positive is more urgent. */
const steps = z.number().int().min(-10).max(10);

/** The scoring configuration, as data (see docs/guides/intake.md, "Taxonomy and priority"). */
export const priorityConfigSchema = z.strictObject({
  /** Priority levels, most urgent first. Default `p1`..`p4`. */
  levels: z.array(name).min(2).max(20).optional(),
  /** Impact levels (how many are affected), e.g. `high`, `medium`, `low`. */
  impacts: z.array(name).min(1).max(20),
  /** Urgency levels (how soon it hurts), e.g. `high`, `medium`, `low`. */
  urgencies: z.array(name).min(1).max(20),
  /** The ITIL matrix: `matrix[impact][urgency]` is a level; every cell must be given. */
  matrix: z.record(z.string(), z.record(z.string(), z.string())),
  /** Used when a ticket does not say; without one, a missing value is `invalid_input`. */
  defaults: z.strictObject({ impact: name.optional(), urgency: name.optional() }).optional(),
  adjustments: z
    .strictObject({
      /** By customer tier (segment), e.g. `{ enterprise: 1, free: -1 }`. */
      tiers: z.record(z.string(), steps).optional(),
      /** By channel, e.g. `{ phone: 1 }`. */
      channels: z.record(z.string(), steps).optional(),
      /** By sentiment in [-1, 1]: the first rule whose `atMost` the sentiment does not exceed. */
      sentiment: z
        .array(z.strictObject({ atMost: z.number().min(-1).max(1), steps }))
        .max(20)
        .optional(),
      /** Each rule applies once when any of its terms appears in the text (whole words, any case). */
      keywords: z
        .array(z.strictObject({ terms: z.array(name).min(1).max(100), steps }))
        .max(100)
        .optional(),
    })
    .optional(),
});

export type PriorityConfig = z.input<typeof priorityConfigSchema>;
export type ParsedPriorityConfig = z.output<typeof priorityConfigSchema>;

/** What `score` reads from a ticket. */
export const priorityInputSchema = z.object({
  impact: name.optional(),
  urgency: name.optional(),
  /** Customer tier, usually the signal's `fields.segment`. */
  tier: name.optional(),
  channel: name.optional(),
  sentiment: z.number().min(-1).max(1).optional(),
  /** Subject and body, searched for keywords. */
  text: z.string().max(1_000_000).optional(),
});

export type PriorityInput = z.input<typeof priorityInputSchema>;
