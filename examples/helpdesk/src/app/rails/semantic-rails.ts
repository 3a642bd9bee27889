import type { Rail } from '@guardloop/core';
import {
  brandSafetyRail,
  type Classifier,
  defaultUnsafeContentPatterns,
  intentRail,
  piiRail,
  selectOutgoingValue,
  selectSignalText,
} from '@guardloop/semantic';

/** Intents the AI may handle on its own; anything else goes to a human. */
export const autonomousIntents = [
  'password_reset',
  'sso_login_failure',
  'mfa_reset',
  'billing_refund',
  'invoice_request',
  'access_request',
  'outage_report',
  'bug_report',
] as const;

export interface SemanticRails {
  rails: Rail[];
  /** The confidence floor in force; learning raises or lowers it from recorded overrides. */
  floor(): number;
  setFloor(floor: number): void;
}

/** Intent floor, personal data in and out, brand safety of the draft, tone of the customer. */
export function createSemanticRails(classifier: Classifier): SemanticRails {
  let floor = classifier.floor;
  let intent = intentRail({ allowed: [...autonomousIntents], classifier, floor });
  // Rails are fixed when the loop is built; this one delegates so the floor can move.
  const intentFloor: Rail = {
    name: 'intent',
    kind: 'semantic',
    evaluate: (context, options) => intent.evaluate(context, options),
  };
  const abuse = defaultUnsafeContentPatterns.find((pattern) => pattern.id === 'abuse');
  const rails: Rail[] = [
    intentFloor,
    // Incoming personal data is reported (and redacted before any model), not a reason to stop.
    piiRail({ name: 'pii-inbound', onDetected: 'allow', selectText: selectSignalText }),
    // Outgoing personal data is: a reply must not echo a card number back.
    piiRail({ name: 'pii-outbound', onDetected: 'escalate', selectValue: selectOutgoingValue }),
    brandSafetyRail({ name: 'brand-safety' }),
    // An abusive customer gets a human, whatever the ticket is about.
    brandSafetyRail({
      name: 'customer-tone',
      selectText: selectSignalText,
      profanityVerdict: 'escalate',
      patterns: abuse
        ? [{ ...abuse, verdict: 'escalate', reason: 'The customer is abusive.' }]
        : [],
    }),
  ];
  return {
    rails,
    floor: () => floor,
    setFloor(next) {
      floor = next;
      intent = intentRail({ allowed: [...autonomousIntents], classifier, floor });
    },
  };
}
