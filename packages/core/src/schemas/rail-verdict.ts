import { z } from 'zod';

export const railKinds = ['deterministic', 'semantic', 'economic'] as const;
export const verdicts = ['allow', 'escalate', 'deny'] as const;

export const railKindSchema = z.enum(railKinds);
export type RailKind = z.output<typeof railKindSchema>;

export const verdictSchema = z.enum(verdicts);
export type Verdict = z.output<typeof verdictSchema>;

/** What one rail says about one proposed decision. */
export const railVerdictSchema = z.object({
  verdict: verdictSchema,
  /** Words a human reviewer can act on. */
  reason: z.string().min(1),
  evidence: z.unknown().optional(),
  /** For semantic rails: how sure the classifier behind the verdict was. */
  confidence: z.number().min(0).max(1).optional(),
});

export type RailVerdict = z.output<typeof railVerdictSchema>;

export const railStatuses = ['completed', 'failed', 'timed_out', 'aborted', 'skipped'] as const;

/** A rail's verdict as recorded by the engine, with how it ran. */
export const railResultSchema = z.object({
  rail: z.string().min(1),
  kind: railKindSchema,
  status: z.enum(railStatuses),
  /** Absent for rails that were skipped or aborted after another rail denied. */
  verdict: verdictSchema.optional(),
  reason: z.string(),
  evidence: z.unknown().optional(),
  confidence: z.number().min(0).max(1).optional(),
  startedAt: z.number(),
  durationMs: z.number().nonnegative(),
});

export type RailResult = z.output<typeof railResultSchema>;
