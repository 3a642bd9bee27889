import { z } from 'zod';

const key = z.string().min(1).max(200);

/** A macro or help-center article from the artifact registry that the candidate suggests. */
export const playbookReferenceSchema = z.strictObject({
  kind: z.enum(['macro', 'article']),
  id: key,
});

/**
 * The action a candidate proposes. `input` is JSON whose strings may hold templates such as
 * `{{payload.accountId}}`, filled from the signal when hypotheses are proposed: a string that is
 * exactly one template keeps the field's value (a number stays a number), a longer one
 * interpolates it as text.
 */
export const playbookActionSchema = z.strictObject({
  name: key,
  input: z.record(z.string(), z.json()).default({}),
  /** Template too, e.g. `account:{{payload.accountId}}`. */
  resource: z.string().min(1).optional(),
});

/** One candidate response: an action, macro / article references, a route, or several. */
export const playbookCandidateSchema = z
  .strictObject({
    /** Unique within its entry; the key outcome statistics are looked up by. */
    id: key,
    title: z.string().min(1),
    rationale: z.string().optional(),
    action: playbookActionSchema.optional(),
    references: z.array(playbookReferenceSchema).default([]),
    route: z.strictObject({ queue: key }).optional(),
  })
  .refine(
    (candidate) => candidate.action || candidate.route || candidate.references.length > 0,
    'A candidate needs an action, a route or at least one reference',
  );

/** The candidates for one intent, optionally narrowed to a segment and a product area. */
export const playbookEntrySchema = z
  .strictObject({
    intent: key,
    segment: key.optional(),
    productArea: key.optional(),
    candidates: z.array(playbookCandidateSchema).min(1),
  })
  .superRefine((entry, context) => {
    const seen = new Set<string>();
    entry.candidates.forEach((candidate, index) => {
      if (seen.has(candidate.id))
        context.addIssue({
          code: 'custom',
          path: ['candidates', index, 'id'],
          message: `Duplicate candidate id '${candidate.id}'`,
        });
      seen.add(candidate.id);
    });
  });

export const playbookSchema = z
  .strictObject({
    id: key.optional(),
    version: z.union([key, z.number().int().nonnegative()]).optional(),
    entries: z.array(playbookEntrySchema).min(1),
  })
  .superRefine((playbook, context) => {
    const seen = new Set<string>();
    playbook.entries.forEach((entry, index) => {
      const scope = entryScope(entry);
      if (seen.has(scope))
        context.addIssue({
          code: 'custom',
          path: ['entries', index],
          message: `Two entries for the same intent, segment and product area (${scope})`,
        });
      seen.add(scope);
    });
  });

/** `intent[/segment][@productArea]`: names an entry in hypothesis ids and messages. */
export function entryScope(entry: Pick<PlaybookEntry, 'intent' | 'segment' | 'productArea'>) {
  return `${entry.intent}${entry.segment ? `/${entry.segment}` : ''}${entry.productArea ? `@${entry.productArea}` : ''}`;
}

export type Playbook = z.output<typeof playbookSchema>;
export type PlaybookInput = z.input<typeof playbookSchema>;
export type PlaybookEntry = z.output<typeof playbookEntrySchema>;
export type PlaybookCandidate = z.output<typeof playbookCandidateSchema>;
export type PlaybookAction = z.output<typeof playbookActionSchema>;
export type PlaybookReference = z.output<typeof playbookReferenceSchema>;
