import { defineAction } from '@guardloop/undo-log';
import { z } from 'zod';

export const sendResetLinkInputSchema = z.object({
  customerId: z.string().min(1),
  channel: z.enum(['email', 'sms']),
});

/**
 * The benchmark's action: records that a reset link went out; undo revokes it. The side effect
 * is a Map write, so the undo log and its store are what the benchmark measures.
 */
export function createSendResetLinkAction() {
  const sent = new Map<string, { channel: string; revoked: boolean }>();
  const action = defineAction({
    name: 'send_reset_link',
    input: sendResetLinkInputSchema,
    reversible: true,
    do: (input, { actionId }) => {
      sent.set(actionId, { channel: input.channel, revoked: false });
      return { linkId: actionId };
    },
    undo: (_input, { actionId }) => {
      const link = sent.get(actionId);
      if (link) link.revoked = true;
    },
  });
  return { action, sent };
}
