// Placeholder demo until the full help-desk example lands: three tickets through the core loop.
import { allow, createLoop, deny, escalate, type Rail } from '@guardloop/core';

const rails: Rail[] = [
  {
    name: 'ai-may-only-reset-passwords',
    kind: 'deterministic',
    evaluate: ({ action }) =>
      action?.name === 'send_reset_link'
        ? allow('Resetting a password is a door the AI holds a key to.')
        : deny(`The AI holds no key for '${action?.name}'.`),
  },
  {
    name: 'intent-confidence-floor',
    kind: 'semantic',
    evaluate: ({ intent }) =>
      (intent?.confidence ?? 0) >= 0.7
        ? allow('Confident intent.')
        : escalate(`Intent confidence ${intent?.confidence} is below 0.7.`),
  },
];

const loop = createLoop({
  rails,
  steps: {
    classifyIntent: ({ signal }) => {
      const text = String(signal.payload.subject).toLowerCase();
      if (text.includes('password')) return { label: 'password_reset', confidence: 0.92 };
      if (text.includes('refund')) return { label: 'billing_refund', confidence: 0.88 };
      return { label: 'unknown', confidence: 0.3 };
    },
    proposeHypotheses: ({ intent, signal }) => [
      {
        id: `${intent?.label}-1`,
        title: `Handle ${intent?.label}`,
        confidence: intent?.confidence ?? 0,
        evidence: [{ source: 'signal.payload', path: 'subject', value: signal.payload.subject }],
        action: {
          name: intent?.label === 'password_reset' ? 'send_reset_link' : 'issue_refund',
          reversible: true,
          input: { customer: signal.payload.customer },
        },
      },
    ],
    act: ({ hypothesis }) => ({ done: hypothesis?.action?.name }),
  },
});

const tickets = [
  { subject: 'I forgot my password', customer: 'ada@example.com' },
  { subject: 'Please refund my last invoice', customer: 'bob@example.com' },
  { subject: 'Something feels off', customer: 'cy@example.com' },
];

for (const payload of tickets) {
  const result = await loop.handle(
    { source: 'demo', kind: 'ticket', payload },
    { actor: { id: 'guardloop-ai', type: 'ai' } },
  );
  const why = result.escalation?.reason ?? result.decision?.reason ?? '';
  console.log(`${result.status.padEnd(9)} ${payload.subject}  (${why})`);
}
