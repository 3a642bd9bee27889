/** A phrase an outgoing reply must not contain without a human looking at it first. */
export interface UnsafeContentPattern {
  id: string;
  pattern: RegExp;
  verdict: 'escalate' | 'deny';
  reason: string;
}

/**
 * Defaults for help-desk replies. Commitments (refunds, legal positions) escalate so a human
 * can approve them; asking customers for secrets, and insulting them, is never acceptable.
 */
export const defaultUnsafeContentPatterns: readonly UnsafeContentPattern[] = [
  {
    id: 'refund_promise',
    pattern:
      /\b(?:we|i)(?:'ll| will| can| are going to| have)\s+(?:issue|give|process|send|approve)d?\s+(?:you\s+)?(?:a\s+)?(?:full\s+|partial\s+)?refund|\b(?:guarantee|promise)d?\s+(?:you\s+)?(?:a\s+)?(?:full\s+)?refund|\byou(?:'ll| will)\s+(?:get|receive)\s+(?:a\s+|your\s+)?(?:full\s+)?refund/i,
    verdict: 'escalate',
    reason: 'The reply promises a refund.',
  },
  {
    id: 'legal_advice',
    pattern:
      /\byou\s+should\s+(?:sue|take\s+legal\s+action|file\s+a\s+(?:lawsuit|claim|complaint))|\b(?:this|that)\s+is\s+(?:not\s+)?(?:illegal|unlawful)|\byou\s+are\s+legally\s+(?:entitled|obliged|required)|\blegal\s+advice\b/i,
    verdict: 'escalate',
    reason: 'The reply gives or touches on legal advice.',
  },
  {
    id: 'credentials_request',
    pattern:
      /\b(?:send|give|tell|share|provide|reply\s+with|confirm)\b[^.?!\n]{0,40}\b(?:password|passcode|pin|one[- ]time\s+code|2fa\s+code|verification\s+code|security\s+code|backup\s+codes?|cvv|cvc|card\s+number|api\s+key|secret\s+key)\b/i,
    verdict: 'deny',
    reason: 'The reply asks the customer for a secret or credential.',
  },
  {
    id: 'abuse',
    pattern: /\b(?:idiot|stupid|moron|dumb|shut\s+up|pathetic|incompetent|loser)\b/i,
    verdict: 'deny',
    reason: 'The reply is abusive towards the customer.',
  },
];
