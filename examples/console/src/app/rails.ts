import { allow, deny, escalate, type Rail } from '@guardloop/core';
import { type AutonomyDial, sloRail } from '@guardloop/economic';

/** Refunds above this go to a human; above the hard cap nobody may issue them here. */
export const refundReviewUsd = 100;
export const refundHardCapUsd = 1000;

const amountOf = (input: Record<string, unknown> | undefined) =>
  typeof input?.amountUsd === 'number' ? input.amountUsd : 0;

/** Irreversible actions always get a human: the undo log could not take them back. */
export const irreversibleRail: Rail = {
  name: 'irreversible-actions',
  kind: 'deterministic',
  evaluate: ({ action }) =>
    action?.reversible === false
      ? escalate('This action cannot be undone; a reviewer must approve it.', {
          action: action.name,
          reversible: false,
        })
      : allow('reversible'),
};

export const refundLimitRail: Rail = {
  name: 'refund-limit',
  kind: 'deterministic',
  evaluate: ({ action }) => {
    if (action?.name !== 'issue_refund') return allow('not a refund');
    const amountUsd = amountOf(action.input);
    if (amountUsd > refundHardCapUsd)
      return deny(`Refunds above ${refundHardCapUsd} USD are never issued here.`, {
        amountUsd,
        hardCapUsd: refundHardCapUsd,
      });
    return amountUsd > refundReviewUsd
      ? escalate(`Refund of ${amountUsd} USD is above the ${refundReviewUsd} USD limit.`, {
          amountUsd,
          limitUsd: refundReviewUsd,
        })
      : allow('within the refund limit');
  },
};

/** The rails every proposal passes; the inbox re-checks edited inputs with the same ones. */
export function createDeskRails(dial: AutonomyDial): Rail[] {
  return [irreversibleRail, refundLimitRail, sloRail({ dial })];
}
