import { describe, expect, it, vi } from 'vitest';
import type { ActionCatalog } from '../actions/action-catalog';
import type { ActionRequestInput } from '../schemas/action-request';
import { createManualClock } from '../utils/clock';
import { createSequentialIdGenerator } from '../utils/id-generator';
import { createLoop, type LoopConfig } from './create-loop';

const actor = { id: 'guardloop-ai', type: 'ai' as const, roles: ['agent'] };
const ticket = { source: 'zendesk', kind: 'ticket' as const, payload: { subject: 'Refund' } };
const catalog: ActionCatalog = {
  describeAction: (name) =>
    ({ send_reply: { reversible: true }, refund_order: { reversible: false } })[name],
};

function run(action: ActionRequestInput, config: Partial<LoopConfig> = {}) {
  const act = vi.fn(() => ({ done: true }));
  const loop = createLoop({
    steps: {
      classifyIntent: () => ({ label: 'refund', confidence: 0.9 }),
      proposeHypotheses: () => [{ id: 'h', title: 'Do it', confidence: 0.9, action }],
      act,
    },
    clock: createManualClock(1_700_000_000_000),
    idGenerator: createSequentialIdGenerator('x'),
    ...config,
  });
  return { act, result: loop.handle(ticket, { actor }) };
}

describe('createLoop({ actions })', () => {
  it('lets the action definition decide, whatever the hypothesis claims', async () => {
    const reversible = run({ name: 'send_reply', reversible: false }, { actions: catalog });
    expect((await reversible.result).status).toBe('acted');
    const irreversible = run({ name: 'refund_order', reversible: true }, { actions: catalog });
    expect(await irreversible.result).toMatchObject({
      status: 'escalated',
      escalation: {
        rail: 'guardloop.irreversible',
        reason: "Action 'refund_order' is irreversible: a human must approve it.",
      },
    });
    expect(irreversible.act).not.toHaveBeenCalled();
  });

  it('sends an action the catalog does not know to a human', async () => {
    const unknown = run({ name: 'drop_table', reversible: true }, { actions: catalog });
    expect(await unknown.result).toMatchObject({
      status: 'escalated',
      escalation: {
        reason: "Action 'drop_table' is not in the action catalog: a human must approve it.",
      },
    });
    expect(unknown.act).not.toHaveBeenCalled();
  });

  it('fails closed when the catalog throws', async () => {
    const broken: ActionCatalog = {
      describeAction: () => {
        throw new Error('registry down');
      },
    };
    const result = await run({ name: 'send_reply', reversible: true }, { actions: broken }).result;
    expect(result).toMatchObject({
      status: 'escalated',
      escalation: { reason: /could not describe/ },
    });
  });

  it('without a catalog uses the hint, and an undeclared action waits for a human', async () => {
    expect((await run({ name: 'send_reply', reversible: true }).result).status).toBe('acted');
    expect(await run({ name: 'send_reply', reversible: false }).result).toMatchObject({
      status: 'escalated',
      escalation: { reason: /is irreversible/ },
    });
    const undeclared = run({ name: 'send_reply' });
    expect(await undeclared.result).toMatchObject({
      status: 'escalated',
      escalation: { reason: /does not declare itself reversible/ },
    });
    expect(undeclared.act).not.toHaveBeenCalled();
  });

  it('rejects a malformed catalog with invalid_input', () => {
    expect(() => run({ name: 'x' }, { actions: { describeAction: 'no' } as never })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });
});
