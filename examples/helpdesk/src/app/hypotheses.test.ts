import { intentSchema, type LoopStepInput, signalSchema } from '@guardloop/core';
import { createSeededRandom } from '@guardloop/feedback';
import { helpdeskIntents } from '@guardloop/semantic/data';
import { describe, expect, it, vi } from 'vitest';
import { helpdeskActionNames } from './actions';
import type { Customer } from './customer';
import { createHelpdeskHypotheses } from './hypotheses';
import { macros } from './macros';
import { helpdeskPlaybook } from './playbook';
import { readTicketFacts } from './ticket-facts';
import { ticketSignal } from './ticket-signal';

const customer: Customer = {
  id: 'cus-1',
  accountId: 'acc-1',
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  tenant: 'acme',
  plan: 'pro',
  status: 'active',
  accountAgeDays: 400,
  workspaces: ['Support', 'Finance'],
  invoices: [
    { id: 'INV-1001', amount: 49, month: '2026-10' },
    { id: 'INV-1002', amount: 49, month: '2026-11' },
  ],
  mfaFactors: [],
};

const actions = {
  describeAction: (name: string) =>
    (helpdeskActionNames as readonly string[]).includes(name)
      ? { reversible: name !== 'delete_account' }
      : undefined,
};

function stepInput(label: string, subject: string, body: string, known = true): LoopStepInput {
  const ticket = {
    id: 'T-1',
    at: Date.UTC(2026, 10, 2),
    channel: 'email' as const,
    customerId: customer.id,
    tenant: customer.tenant,
    subject,
    body,
  };
  const facts = known ? readTicketFacts({ ticketId: 'T-1', subject, body }, customer) : undefined;
  const signal = signalSchema.parse({
    id: 'signal-1',
    receivedAt: ticket.at,
    traceId: 'trace-1',
    ...ticketSignal(ticket, facts),
  });
  const intent = intentSchema.parse({
    label,
    confidence: 0.91,
    abstained: false,
    scores: { [label]: 0.91, bug_report: 0.05 },
    classifier: 'local',
  });
  const actor = { id: 'helpdesk-ai', type: 'ai' as const, roles: [] };
  return { traceId: 'trace-1', signal, intent, actor, attributes: {}, hypotheses: [] };
}

const propose = () =>
  createHelpdeskHypotheses({
    actions,
    macro: async (id) => ({ text: macros[id as keyof typeof macros], version: 1 }),
    random: createSeededRandom(7),
  });

describe('the help-desk playbook', () => {
  it('has an entry for every intent the classifier knows', () => {
    const covered = new Set(helpdeskPlaybook.entries.map((entry) => entry.intent));
    for (const intent of helpdeskIntents) expect(covered.has(intent)).toBe(true);
  });

  it('fills a double-charge refund from the facts the intake put in the signal', async () => {
    const suggestQueue = vi.fn(async () => 'tier1-general');
    const [main, runnerUp] = await propose()(
      stepInput('billing_refund', 'I was charged twice', 'Please refund INV-1002, 49 EUR.'),
      { suggestQueue },
    );
    expect(main?.id).toBe('billing_refund@double-charge/refund-double-charge');
    expect(main?.action).toMatchObject({
      name: 'issue_refund',
      input: { accountId: 'acc-1', ticketId: 'T-1', invoiceId: 'INV-1002', amount: 49 },
      resource: 'invoice:standard:INV-1002',
      idempotencyKey: 'T-1:issue_refund',
    });
    expect(main?.action?.input?.reply).toContain('We guarantee a full refund of 49.00 EUR');
    expect(main?.action?.cost?.tokens).toBeGreaterThan(300);
    expect(main?.evidence?.[0]).toMatchObject({ source: 'classifier', value: 0.91 });
    expect(runnerUp).toMatchObject({ title: 'Could also be bug report' });
    expect(runnerUp?.confidence).toBeLessThanOrEqual(main?.confidence ?? 0);
    expect(suggestQueue).not.toHaveBeenCalled();
  });

  it('asks the router for a queue only for the entries that template one', async () => {
    const suggestQueue = vi.fn(async () => 'engineering-triage');
    const [main] = await propose()(stepInput('bug_report', 'Export broken', 'The CSV is empty.'), {
      suggestQueue,
    });
    expect(suggestQueue).toHaveBeenCalledWith('bug_report');
    expect(main?.action).toMatchObject({
      name: 'assign_queue',
      input: { queue: 'engineering-triage' },
    });
  });

  it('proposes nothing for a ticket without a customer record', async () => {
    const input = stepInput('password_reset', 'Locked out', 'Reset please.', false);
    await expect(propose()(input, { suggestQueue: async () => 'x' })).resolves.toEqual([]);
  });
});
