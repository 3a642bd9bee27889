/**
 * How the simulated people behave: the odds behind every outcome, kept in one place so the
 * story is easy to read and to change. All draws go through the run's seeded PRNG.
 */
export const hourMs = 3_600_000;

/** Chance that a human queue solves a ticket of a category on first contact. */
const firstContactOdds: Record<string, Record<string, number>> = {
  bug_report: { 'tier2-support': 0.25, 'engineering-triage': 0.92, 'product-qa': 0.35 },
  billing_refund: { 'tier1-general': 0.45, 'billing-specialists': 0.85 },
  access_request: { 'tier1-general': 0.55, 'identity-team': 0.85 },
};

/** Candidate queues per category for the outcome router; others use the default pair. */
export const queueCandidates: Record<string, string[]> = {
  bug_report: ['tier2-support', 'engineering-triage', 'product-qa'],
  billing_refund: ['tier1-general', 'billing-specialists'],
  access_request: ['tier1-general', 'identity-team'],
};
export const defaultQueues = ['tier1-general', 'tier2-support'];

export function firstContactChance(category: string, queue: string): number {
  return firstContactOdds[category]?.[queue] ?? (queue === 'tier2-support' ? 0.7 : 0.6);
}

/** Chance that a customer reopens a correctly handled ticket, and what they say. */
export function reopenChance(category: string, ssoMacroComplete: boolean): number {
  if (category === 'sso_login_failure') return ssoMacroComplete ? 0.06 : 0.45;
  if (category === 'password_reset') return 0.1;
  return 0.05;
}

const reopenReasons: Record<string, string[]> = {
  sso_login_failure: [
    'Still failing: the identity provider says the signing certificate is not trusted',
    'SSO still fails, certificate not trusted error after checking the ACS URL',
    'Checked the settings, SSO still fails with an untrusted certificate error',
  ],
  wrong_intent: [
    'That is not what I asked for',
    'You answered a different question',
    'Wrong fix, my problem is something else entirely',
  ],
  password_reset: [
    'The reset link expired before I could use it',
    'Reset link expired, I need a new one',
  ],
};

export function reopenReason(category: string, random: () => number): string {
  const reasons = reopenReasons[category] ?? ['The problem came back the next day'];
  return reasons[Math.floor(random() * reasons.length)] as string;
}

/** CSAT 1..5 from how the ticket went. */
export function csatScore(
  experience: 'fast' | 'good' | 'slow' | 'wrong',
  abusive: boolean,
  random: () => number,
): number {
  const base = { fast: 4.7, good: 4.2, slow: 3.3, wrong: 2.2 }[experience] - (abusive ? 0.8 : 0);
  return Math.max(1, Math.min(5, Math.round(base + (random() - 0.5) * 1.6)));
}

/** Delays, drawn uniformly between bounds. */
export const delay = (random: () => number, fromHours: number, toHours: number) =>
  Math.round((fromHours + random() * (toHours - fromHours)) * hourMs);

export const odds = {
  /** A customer who is happy says so (otherwise stays silent). */
  confirm: 0.8,
  /** Customers who answer the satisfaction survey. */
  csat: 0.6,
  /** Agents who fix the incomplete SSO macro by hand before sending it. */
  macroEdit: 0.75,
  /** Escalated refunds an agent approves for half the amount (part of the service was used). */
  partialRefund: 0.1,
};
