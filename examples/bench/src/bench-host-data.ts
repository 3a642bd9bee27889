import { type ActorInput, actorSchema, type LoopResult, type RailContext } from '@guardloop/core';

/** Who handles the benchmark's tickets: the help-desk AI of one tenant. */
export const benchActor: ActorInput = {
  id: 'helpdesk-ai',
  type: 'ai',
  roles: ['helpdesk-ai'],
  tenant: 'acme',
};

/** What the host passes to the rails with every ticket. */
export const benchAttributes = {
  customerTier: 'standard',
  accountLocked: false,
  draft: 'Hello, I have sent a password reset link to the e-mail address on your account.',
};

/** The context the rails judged in `result`, rebuilt to time `evaluateRails` on its own. */
export function railContextOf(result: LoopResult): RailContext {
  const action = result.hypothesis?.action;
  return {
    traceId: result.traceId,
    actor: actorSchema.parse(benchActor),
    signal: result.signal,
    ...(result.intent ? { intent: result.intent } : {}),
    ...(result.hypothesis ? { hypothesis: result.hypothesis } : {}),
    ...(action ? { action } : {}),
    attributes: benchAttributes,
  };
}
