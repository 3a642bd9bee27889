import type { ActionRequestInput, HypothesisInput, Intent } from '@guardloop/core';
import { refundResource } from './inbox/reviewer-policy';
import { draftReply, type MacroId, macroForIntent } from './macros';
import type { TicketFacts } from './ticket-facts';

export interface ProposalContext {
  facts: TicketFacts;
  intent: Intent;
  /** The active text and version of a macro (from the artifact registry). */
  macro: (id: MacroId) => Promise<{ text: string; version: number }>;
  /** The queue the outcome router suggests for a category. */
  suggestQueue: (category: string) => Promise<string>;
}

/** Rough drafting cost of one AI reply, for the token budget. */
const costOf = (text: string, reply: string) => {
  const tokens = 300 + Math.ceil((text.length + reply.length) / 4);
  return { tokens, usd: Number((tokens * 0.000_003).toFixed(6)) };
};

/**
 * Hypotheses grounded in the ticket: the main one proposes the action for the intent, with the
 * facts it rests on as evidence; a runner-up intent is listed for the human who may review it.
 */
export async function proposeHypotheses(context: ProposalContext): Promise<HypothesisInput[]> {
  const { facts, intent } = context;
  const { customer } = facts;
  // The apologetic macro (which promises too much) answers complaints about double charges.
  const refundPromise = intent.label === 'billing_refund' && /charged twice/i.test(facts.subject);
  const macroId: MacroId = refundPromise
    ? 'macro-refund-double-charge'
    : (macroForIntent[intent.label] ?? 'macro-handover');
  const macro = await context.macro(macroId);
  const invoice = facts.invoice ?? customer.invoices.at(-1);
  const role = facts.role ?? 'viewer';
  const workspace = facts.workspace ?? 'Support';
  const amount = facts.amount ?? facts.invoice?.amount;
  const reply = draftReply(macro.text, {
    name: customer.name.split(' ')[0] ?? customer.name,
    subject: facts.subject,
    invoice: invoice?.id ?? '',
    amount: amount?.toFixed(2) ?? '',
    role,
    workspace,
  });
  const base = { ticketId: facts.ticketId, reply };
  const account = { accountId: customer.accountId, ...base };
  const ticketResource = `ticket:${facts.ticketId}`;
  const request = async (): Promise<Omit<ActionRequestInput, 'reversible'>> => {
    switch (intent.label) {
      case 'password_reset':
        return {
          name: 'send_password_reset',
          input: account,
          resource: `account:${customer.accountId}`,
        };
      case 'mfa_reset':
        return { name: 'reset_mfa', input: account, resource: `account:${customer.accountId}` };
      case 'billing_refund':
        return {
          name: 'issue_refund',
          input: { ...account, invoiceId: invoice?.id, amount, currency: 'EUR' },
          resource: refundResource(invoice?.id, amount),
        };
      case 'invoice_request':
        return {
          name: 'send_invoice_copy',
          input: { ...account, invoiceId: invoice?.id },
          resource: `invoice:${invoice?.id}`,
        };
      case 'access_request':
        return {
          name: 'grant_access',
          input: { ...account, workspace, role },
          resource: `grant:${role}:${workspace}`,
        };
      case 'sso_login_failure':
        return {
          name: 'send_macro_reply',
          input: { ...base, macroId, macroVersion: macro.version },
          resource: ticketResource,
        };
      case 'account_deletion':
        return {
          name: 'delete_account',
          input: account,
          resource: `account:${customer.accountId}`,
        };
      case 'outage_report':
        return {
          name: 'assign_queue',
          input: { ...base, queue: 'incident-response' },
          resource: ticketResource,
        };
      default: {
        const queue = await context.suggestQueue(intent.label);
        return { name: 'assign_queue', input: { ...base, queue }, resource: ticketResource };
      }
    }
  };
  const action = await request();
  const main: HypothesisInput = {
    id: `${facts.ticketId}:${intent.label}`,
    title: `Customer needs ${intent.label.replaceAll('_', ' ')}: ${action.name}`,
    rationale: `Classified as '${intent.label}' at ${intent.confidence.toFixed(2)} by ${intent.classifier ?? 'the classifier'}.`,
    confidence: intent.confidence,
    evidence: [
      { source: 'classifier', path: `scores.${intent.label}`, value: intent.confidence },
      ...facts.evidence,
    ],
    action: {
      ...action,
      reversible: action.name !== 'delete_account',
      idempotencyKey: `${facts.ticketId}:${action.name}`,
      cost: costOf(facts.text, reply),
    },
  };
  const [runnerUp] = Object.entries(intent.scores ?? {})
    .filter(([label]) => label !== intent.label)
    .sort((a, b) => b[1] - a[1]);
  if (!runnerUp) return [main];
  return [
    main,
    {
      id: `${facts.ticketId}:${runnerUp[0]}`,
      title: `Could also be ${runnerUp[0].replaceAll('_', ' ')}`,
      confidence: Math.min(runnerUp[1], intent.confidence),
      evidence: [{ source: 'classifier', path: `scores.${runnerUp[0]}`, value: runnerUp[1] }],
    },
  ];
}
