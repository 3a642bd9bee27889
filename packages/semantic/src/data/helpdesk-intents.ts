/** The 16 help-desk intents of the bundled data set. */
export const helpdeskIntents = [
  'password_reset',
  'sso_login_failure',
  'billing_refund',
  'invoice_request',
  'access_request',
  'outage_report',
  'bug_report',
  'feature_request',
  'account_deletion',
  'plan_upgrade',
  'shipping_status',
  'mfa_reset',
  'data_export',
  'api_rate_limit',
  'cancel_subscription',
  'payment_method_update',
] as const;

export type HelpdeskIntent = (typeof helpdeskIntents)[number];
