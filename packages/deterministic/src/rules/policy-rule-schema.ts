import { z } from 'zod';

/**
 * A policy rule as data. When its json-logic condition `when` is truthy for the projected
 * context, the rule yields its verdict, and `description` is the explanation a reviewer reads.
 */
export const policyRuleSchema = z.strictObject({
  id: z.string().min(1),
  version: z.number().int().positive(),
  /** What the rule protects, as a sentence: `Refunds over 500 EUR need a human.` */
  description: z.string().min(1),
  verdict: z.enum(['deny', 'escalate']),
  /** A json-logic expression over the projection documented in `projectRailContext`. */
  when: z.json(),
});

export type PolicyRule = z.output<typeof policyRuleSchema>;
export type PolicyRuleInput = z.input<typeof policyRuleSchema>;

export const policyRulesSchema = z.array(policyRuleSchema);
