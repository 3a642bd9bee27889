/**
 * Hand-written ticket texts per scenario. Placeholders in braces are filled by the generator:
 * {name} {workspace} {invoice} {amount} {app} {browser} {email} {card} {phone} {role} {month}.
 * The wording differs on purpose from the classifier's training data: the demo measures how a
 * model trained on one data set copes with another.
 */
export interface TicketTemplate {
  subjects: readonly string[];
  bodies: readonly string[];
}

export const ticketTemplates = {
  password_reset: {
    subjects: ['Password reset', 'Locked out of my account', "Can't log in", 'Forgot password'],
    bodies: [
      'I forgot my password and the reset email never arrived. Can you send me a new reset link?',
      'My password expired this morning and now the login page keeps rejecting the new one. Please reset it.',
      'I typed the wrong password too many times and now my account is locked. How do I reset my password?',
      "Hi, I can't remember my password after the holidays. Could you help me set a new one?",
      'The reset password link says it is invalid. Can you reset my password for me?',
      'Password reset please, I changed laptops and my saved password is gone.',
    ],
  },
  sso_login_failure: {
    subjects: [
      'SSO not working',
      'Single sign-on error',
      'Okta login fails',
      'SAML error on login',
    ],
    bodies: [
      'Since this morning our whole team gets an error when signing in with SSO through Okta.',
      'Single sign-on redirects back to the login page in a loop, none of us can get in with our company account.',
      'The SAML response is rejected with "invalid signature" when we log in via Azure AD.',
      'Our SSO login stopped working after we rotated the identity provider settings. Please help.',
      "When I click 'Sign in with SSO' I get an error saying the identity provider could not be reached.",
    ],
  },
  mfa_reset: {
    subjects: [
      'Lost my 2FA device',
      'MFA reset',
      'Two-factor codes not working',
      'New phone, no authenticator',
    ],
    bodies: [
      'I got a new phone and my authenticator app did not transfer, so I cannot get my 2FA codes. Please reset my MFA.',
      'My phone was stolen and I cannot pass two-factor authentication anymore. Can you disable MFA on my account?',
      'The six digit codes from my authenticator keep getting rejected. I think I need my two-factor reset.',
      'Lost my security key while travelling, please reset the second factor so I can enrol a new one.',
      'I wiped my phone and lost the Google Authenticator codes, can you remove 2FA from my login?',
    ],
  },
  billing_refund: {
    subjects: [
      'Refund request',
      'Charged twice',
      'Please refund my last payment',
      'Wrong charge on my card',
    ],
    bodies: [
      'I was charged twice for invoice {invoice} ({amount} EUR). Please refund the duplicate payment.',
      'We cancelled before the renewal but were still billed {amount} EUR on invoice {invoice}. I would like a refund.',
      'You charged my card {amount} EUR for invoice {invoice} although we downgraded last month. Refund please.',
      'Please refund invoice {invoice}, {amount} EUR, the seats were never used.',
      'I see a charge of {amount} EUR (invoice {invoice}) that I did not authorise. I want my money back.',
    ],
  },
  invoice_request: {
    subjects: ['Invoice copy', 'Need an invoice', 'Invoice for accounting', 'Missing invoice'],
    bodies: [
      'Could you send me a copy of invoice {invoice}? Our accounting team needs it for the {month} close.',
      'I need the invoice for {month}, the PDF link in the email has expired.',
      'Please email me invoice {invoice} again, I cannot find it in the billing portal.',
      'Our finance department asks for the invoice of the last payment, number {invoice}.',
    ],
  },
  access_request: {
    subjects: [
      'Access request',
      'Need access to workspace',
      'Please add me to {workspace}',
      'Permission request',
    ],
    bodies: [
      'I just joined the team and need {role} access to the {workspace} workspace.',
      'Can you give me {role} rights on {workspace}? My manager approved it.',
      'Please grant me access to the {workspace} workspace as {role}, I get a permission denied error.',
      'Requesting {role} permissions for the {workspace} project so I can review the reports.',
    ],
  },
  outage_report: {
    subjects: ['Dashboard down', 'Service unavailable', 'Everything is down', 'Site not loading'],
    bodies: [
      'The dashboard returns 503 Service Unavailable for everyone in our office.',
      'Your app is down, nothing loads and the API times out.',
      'We get a 502 bad gateway on every page since 10 minutes. Is there an outage?',
    ],
  },
  bug_report: {
    subjects: ['Bug in export', 'Report crashes', 'Something is broken', 'Error when saving'],
    bodies: [
      'The CSV export button does nothing when I click it in {browser}.',
      'The {app} app crashes every time I open the reports tab.',
      'When I save a dashboard with more than 20 widgets I get an unexpected error and lose my changes.',
      'Charts show the wrong dates after switching the time zone to UTC+2, looks like a bug.',
      'Attachments over 5 MB fail to upload with a generic error message in {browser}.',
    ],
  },
  cancel_subscription: {
    subjects: ['Cancel subscription', 'Stop my plan', 'Cancellation'],
    bodies: [
      'Please cancel our subscription at the end of the billing period, we are moving to another tool.',
      'How do I cancel my monthly plan? I do not want to be charged again.',
    ],
  },
  account_deletion: {
    subjects: ['Delete my account', 'Remove my data', 'Close account'],
    bodies: [
      'Please delete my account and all personal data you hold about me.',
      'I want my account permanently removed, including the workspace history.',
    ],
  },
  plan_upgrade: {
    subjects: ['Upgrade plan', 'More seats', 'Move to Enterprise'],
    bodies: [
      'We hit the seat limit on the Pro plan. How do we upgrade to Business?',
      'I would like to upgrade our team to the Enterprise tier with SSO.',
    ],
  },
  out_of_scope: {
    subjects: ['Question', 'Hello', 'Quick one', 'hi'],
    bodies: [
      'Do you know a good Italian restaurant near your office?',
      'What is the capital of Australia? Settling a bet here.',
      'Can you recommend a book about leadership?',
      'asdf qwerty test test',
      'Are you hiring interns this summer?',
      'My cat keeps sitting on my keyboard, any tips?',
    ],
  },
} as const satisfies Record<string, TicketTemplate>;

export type TicketScenario = keyof typeof ticketTemplates;

/**
 * Confusable tickets: their words point to another intent than the one the customer means.
 * The classifier gets several of them wrong at middling confidence, which is what overrides,
 * floor calibration and incremental learning are about.
 */
export const trickyTickets = [
  {
    intent: 'bug_report',
    subject: 'Login button',
    body: 'The sign-in button does nothing in Firefox, I click it and nothing happens.',
  },
  {
    intent: 'bug_report',
    subject: 'Reset page broken',
    body: 'The password reset page throws a 500 error when I submit the form.',
  },
  {
    intent: 'billing_refund',
    subject: 'Invoice issue',
    body: 'Invoice {invoice} charged us for the annual plan twice, can you fix it?',
  },
  {
    intent: 'access_request',
    subject: 'Login issue',
    body: 'I can log in but I cannot see the {workspace} workspace my team uses.',
  },
  {
    intent: 'password_reset',
    subject: 'Login help',
    body: 'I cannot get into my account, it says my credentials are wrong.',
  },
  {
    intent: 'mfa_reset',
    subject: 'Locked out',
    body: 'I am locked out, the code from my phone app is always wrong.',
  },
  {
    intent: 'billing_refund',
    subject: 'Seat count wrong',
    body: 'We were billed {amount} EUR on invoice {invoice} for 12 seats but only have 8 users, please refund the difference.',
  },
] as const;

/** Abusive openers: the customer is angry; a human should answer. */
export const abusiveOpeners = [
  'This is absolute bullshit.',
  'Your support is useless, you idiots.',
  'What the fuck is wrong with your billing?',
] as const;
