/**
 * The reply macros, kept as versioned artifacts in @guardloop/feedback. The SSO macro misses a
 * step on purpose: agents keep adding it by hand, and the registry proposes a version with it.
 */
export const macros = {
  'macro-password-reset':
    'We have sent a password reset link to the e-mail address on your account. The link is valid for 30 minutes.',
  'macro-mfa-reset':
    'We have removed the second factor from your account. At your next sign-in you will be asked to enrol a new authenticator.',
  'macro-sso-troubleshooting':
    'Single sign-on errors usually come from the identity provider settings. Please check that the ACS URL and entity ID match the values in Settings > SSO. Then try signing in again from a private browser window.',
  'macro-refund-issued':
    'A refund of {amount} EUR for invoice {invoice} is on its way to your original payment method. It usually shows up within 5 business days.',
  'macro-refund-double-charge':
    'Sorry about the double charge on invoice {invoice}. We guarantee a full refund of {amount} EUR and will make sure it does not happen again.',
  'macro-invoice-copy': 'Please find attached a copy of invoice {invoice}.',
  'macro-access-granted':
    'You now have {role} access to the {workspace} workspace. It may take a minute to appear.',
  'macro-incident-ack':
    'Thank you for the report. Our engineers are working on it and we will update you as soon as it is fixed.',
  'macro-bug-received':
    'Thanks for the detailed report. We have passed it to the team that owns this part of the product.',
  'macro-refund-declined':
    'We looked into this charge and cannot refund it. Our billing team will contact you with the details.',
  'macro-agent-answer':
    'Thanks for your message. I have taken care of your request and noted the details on your account.',
  'macro-handover':
    'Thanks for reaching out. A member of our team will pick up your request shortly.',
} as const;

export type MacroId = keyof typeof macros;

/** The step agents add to the SSO macro; the proposal that learns it appears after a few days. */
export const ssoMissingStep =
  'If your identity provider rotated its signing certificate, upload the new certificate under Settings > SSO.';

/**
 * A reply drafted from a macro: greeting, the macro with its placeholders filled, and the
 * customer's subject quoted back (which is how personal data in a subject leaks into replies
 * unless the outbound PII rail catches it).
 */
export function draftReply(
  macroText: string,
  values: { name: string; subject: string } & Record<string, string>,
): string {
  const body = macroText.replace(/\{(\w+)\}/g, (match, key: string) => values[key] ?? match);
  return `Hi ${values.name},\n\n${body}\n\nRe: "${values.subject}"\nThe Support Team`;
}
