import { z } from 'zod';

/** Who asks for a decision: a human agent, the AI itself, or an automated system. */
export const actorSchema = z.object({
  id: z.string().min(1),
  type: z.enum(['human', 'ai', 'system']),
  roles: z.array(z.string().min(1)).default([]),
  tenant: z.string().min(1).optional(),
});

export type Actor = z.output<typeof actorSchema>;
export type ActorInput = z.input<typeof actorSchema>;
