import { definePlaybook, type PlaybookInput } from '@guardloop/hypotheses';
import { helpdeskIntents } from '@guardloop/semantic/data';

/** The reply every candidate sends; `drafted-reply.ts` fills it from the candidate's macro. */
const reply = '{{payload.reply}}';
const ticket = { ticketId: '{{payload.ticketId}}', reply };
const account = { accountId: '{{payload.accountId}}', ...ticket };
const accountResource = 'account:{{payload.accountId}}';
const ticketResource = 'ticket:{{payload.ticketId}}';
const macro = (id: string) => [{ kind: 'macro' as const, id }];

/**
 * Intents with no back-office action: the ticket goes to a human queue. The router's suggestion
 * for the intent (`payload.suggestedQueue`) is filled in only for the entries that template it.
 */
const routed = [
  ['bug_report', 'macro-bug-received'],
  ['feature_request', 'macro-handover'],
  ['plan_upgrade', 'macro-handover'],
  ['shipping_status', 'macro-handover'],
  ['data_export', 'macro-handover'],
  ['api_rate_limit', 'macro-handover'],
  ['cancel_subscription', 'macro-handover'],
  ['payment_method_update', 'macro-handover'],
] as const;

/**
 * What the help desk can do per intent, as data: the action with its input templated from the
 * ticket's signal (the intake puts the customer's and invoice's facts there), the macro the
 * reply is drafted from (a versioned artifact), and the queue for tickets a human takes.
 */
export const helpdeskPlaybookData = {
  id: 'helpdesk',
  version: 1,
  entries: [
    {
      intent: 'password_reset',
      candidates: [
        {
          id: 'send-reset-link',
          title: 'Send a password reset link',
          action: { name: 'send_password_reset', input: account, resource: accountResource },
          references: macro('macro-password-reset'),
        },
      ],
    },
    {
      intent: 'mfa_reset',
      candidates: [
        {
          id: 'reset-second-factor',
          title: 'Remove the second factor so the customer enrols a new one',
          action: { name: 'reset_mfa', input: account, resource: accountResource },
          references: macro('macro-mfa-reset'),
        },
      ],
    },
    {
      intent: 'billing_refund',
      candidates: [
        {
          id: 'refund-invoice',
          title: 'Refund the invoice',
          action: {
            name: 'issue_refund',
            input: {
              ...account,
              invoiceId: '{{payload.invoiceId}}',
              amount: '{{payload.amount}}',
              currency: 'EUR',
            },
            // The band tells the inbox whether a tier-1 agent may approve it.
            resource: 'invoice:{{payload.refundBand}}:{{payload.invoiceId}}',
          },
          references: macro('macro-refund-issued'),
        },
      ],
    },
    {
      // Complaints about a double charge get the apologetic macro, which promises too much.
      intent: 'billing_refund',
      productArea: 'double-charge',
      candidates: [
        {
          id: 'refund-double-charge',
          title: 'Refund the double charge',
          action: {
            name: 'issue_refund',
            input: {
              ...account,
              invoiceId: '{{payload.invoiceId}}',
              amount: '{{payload.amount}}',
              currency: 'EUR',
            },
            resource: 'invoice:{{payload.refundBand}}:{{payload.invoiceId}}',
          },
          references: macro('macro-refund-double-charge'),
        },
      ],
    },
    {
      intent: 'invoice_request',
      candidates: [
        {
          id: 'send-invoice-copy',
          title: 'Send a copy of the invoice',
          action: {
            name: 'send_invoice_copy',
            input: { ...account, invoiceId: '{{payload.invoiceId}}' },
            resource: 'invoice:{{payload.invoiceId}}',
          },
          references: macro('macro-invoice-copy'),
        },
      ],
    },
    {
      intent: 'access_request',
      candidates: [
        {
          id: 'grant-workspace-access',
          title: 'Grant the requested role on the workspace',
          action: {
            name: 'grant_access',
            input: { ...account, workspace: '{{payload.workspace}}', role: '{{payload.role}}' },
            resource: 'grant:{{payload.role}}:{{payload.workspace}}',
          },
          references: macro('macro-access-granted'),
        },
      ],
    },
    {
      intent: 'sso_login_failure',
      candidates: [
        {
          id: 'sso-troubleshooting',
          title: 'Reply with the SSO troubleshooting macro',
          action: {
            name: 'send_macro_reply',
            input: {
              ...ticket,
              macroId: '{{payload.macroId}}',
              macroVersion: '{{payload.macroVersion}}',
            },
            resource: ticketResource,
          },
          references: macro('macro-sso-troubleshooting'),
        },
      ],
    },
    {
      intent: 'account_deletion',
      candidates: [
        {
          id: 'delete-account',
          title: 'Delete the account',
          action: { name: 'delete_account', input: account, resource: accountResource },
          references: macro('macro-handover'),
        },
      ],
    },
    {
      intent: 'outage_report',
      candidates: [
        {
          id: 'incident-response',
          title: 'Hand the report to incident response',
          action: {
            name: 'assign_queue',
            input: { ...ticket, queue: 'incident-response' },
            resource: ticketResource,
          },
          references: macro('macro-incident-ack'),
          route: { queue: 'incident-response' },
        },
      ],
    },
    ...routed.map(([intent, macroId]) => ({
      intent,
      candidates: [
        {
          id: 'route-to-queue',
          title: 'Route to the queue that resolves it best',
          action: {
            name: 'assign_queue',
            input: { ...ticket, queue: '{{payload.suggestedQueue}}' },
            resource: ticketResource,
          },
          references: macro(macroId),
        },
      ],
    })),
  ],
} satisfies PlaybookInput;

/** Validated at load: schema, templates, and every intent in the classifier's taxonomy. */
export const helpdeskPlaybook = definePlaybook(helpdeskPlaybookData, { intents: helpdeskIntents });
