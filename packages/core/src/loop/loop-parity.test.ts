import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { createSignal } from '../intake/create-signal';
import { allow, deny, escalate, type Rail } from '../rails/rail';
import type { HypothesisInput } from '../schemas/hypothesis';
import { createManualClock } from '../utils/clock';
import { createSequentialIdGenerator } from '../utils/id-generator';
import { createLoop, type LoopConfig, type LoopSteps } from './create-loop';
import type { HumanDecision } from './human-decision';
import type { LoopEscalationItem, LoopEscalationSink } from './loop-escalation-sink';
import type { LoopEvent } from './loop-types';

// handle() runs the state table without an actor; loop.machine is xstate built from the same
// table. Every scenario must end in the same status with the same events on both.

const actor = { id: 'guardloop-ai', type: 'ai' as const, roles: ['agent'] };
const reviewer = { id: 'lead', type: 'human' as const, roles: ['lead'] };
const ticket = { traceId: 'trace-1', source: 'zendesk', kind: 'ticket' as const, payload: {} };
const refund: HypothesisInput = {
  id: 'h-refund',
  title: 'Refund',
  confidence: 0.8,
  action: { name: 'refund_order', input: { orderId: 'o-9' }, reversible: true },
};
const rail = (name: string, verdict: typeof allow): Rail => ({
  name,
  kind: 'deterministic',
  evaluate: () => verdict(`${name} said so`),
});

function steps(overrides: Partial<LoopSteps> = {}): LoopSteps {
  return {
    classifyIntent: () => ({ label: 'refund', confidence: 0.9 }),
    proposeHypotheses: () => [refund],
    act: () => ({ refunded: true }),
    ...overrides,
  };
}

/** Stores escalations and answers `get` with the decision a scenario sets. */
function fakeInbox() {
  const items = new Map<string, LoopEscalationItem>();
  const sink: Required<LoopEscalationSink> = {
    async escalate(input) {
      const id = `esc-${input.traceId}`;
      items.set(id, {
        id,
        traceId: input.traceId,
        status: 'pending',
        signal: input.signal,
        intent: input.intent ?? null,
        hypotheses: input.hypotheses,
        action: input.action ? { ...input.action, resource: null } : null,
        requestedBy: input.requestedBy,
        rail: input.rail ?? null,
        reason: input.reason,
        evidence: input.evidence ?? null,
        decision: null,
        result: null,
        error: null,
      });
      return { id };
    },
    async get(id) {
      return items.get(id) as LoopEscalationItem;
    },
  };
  return { sink, items };
}

interface Scenario {
  name: string;
  config?: Partial<LoopConfig>;
  /** A human decision for a run that waits, and how the inbox stores it. */
  human?: { decision: HumanDecision; stored: Partial<LoopEscalationItem> };
}

const approved: Scenario['human'] = {
  decision: {
    kind: 'approved',
    escalationId: 'esc-trace-1',
    reviewer,
    input: { orderId: 'o-9' },
    result: { refunded: 'by the inbox' },
  },
  stored: {
    status: 'approved',
    decision: { kind: 'approve', reviewer },
    result: { refunded: 'by the inbox' },
  },
};

const scenarios: Scenario[] = [
  { name: 'acted without rails' },
  { name: 'acted', config: { rails: [rail('ok', allow)] } },
  { name: 'denied', config: { rails: [rail('no', deny), rail('ok', allow)] } },
  { name: 'escalated by a rail', config: { rails: [rail('maybe', escalate)] } },
  { name: 'no hypothesis', config: { steps: steps({ proposeHypotheses: () => [] }) } },
  {
    name: 'irreversible',
    config: {
      steps: steps({
        proposeHypotheses: () => [{ ...refund, action: { name: 'close', reversible: false } }],
      }),
    },
  },
  {
    name: 'custom decide',
    config: {
      steps: steps({
        decide: ({ traceId }) => ({
          id: 'd',
          traceId,
          verdict: 'allow',
          reason: 'custom',
          rails: [],
          decidedAt: 0,
          durationMs: 0,
        }),
      }),
    },
  },
  {
    name: 'classify fails',
    config: {
      steps: steps({
        classifyIntent: () => {
          throw new Error('model down');
        },
      }),
    },
  },
  {
    name: 'malformed hypotheses',
    config: { steps: steps({ proposeHypotheses: () => [{ id: 1 }] as never }) },
  },
  {
    name: 'act fails',
    config: { steps: steps({ act: () => Promise.reject(new Error('refund API down')) }) },
  },
  { name: 'inbox, waiting', config: { rails: [rail('maybe', escalate)], inbox: 'fake' as never } },
  {
    name: 'inbox, approved',
    config: { rails: [rail('maybe', escalate)], inbox: 'fake' as never },
    human: approved,
  },
  {
    name: 'inbox, rejected',
    config: { rails: [rail('maybe', escalate)], inbox: 'fake' as never },
    human: {
      decision: { kind: 'rejected', escalationId: 'esc-trace-1', reviewer, reason: 'no' },
      stored: { status: 'rejected', decision: { kind: 'reject', reviewer, note: 'no' } },
    },
  },
  {
    name: 'inbox, no action, acknowledged',
    config: {
      inbox: 'fake' as never,
      steps: steps({ proposeHypotheses: () => [{ id: 'i', title: 'Info', confidence: 1 }] }),
    },
    human: {
      decision: { ...approved.decision, input: {}, result: null } as HumanDecision,
      stored: { status: 'approved', decision: { kind: 'approve', reviewer } },
    },
  },
];

/** A fresh loop per path: clocks and id generators must start from the same state. */
function loopFor(scenario: Scenario) {
  const inbox = fakeInbox();
  const events: LoopEvent[] = [];
  const { inbox: wantsInbox, ...config } = scenario.config ?? {};
  const loop = createLoop({
    steps: steps(),
    clock: createManualClock(1_700_000_000_000),
    idGenerator: createSequentialIdGenerator('x'),
    onEvent: (event) => events.push(event),
    ...config,
    ...(wantsInbox ? { inbox: inbox.sink } : {}),
  });
  return {
    loop,
    inbox,
    events,
    config: { ...config, ...(wantsInbox ? { inbox: inbox.sink } : {}) },
  };
}

async function throughHandle(scenario: Scenario) {
  const { loop, inbox } = loopFor(scenario);
  const first = await loop.handle(ticket, { actor });
  const result = { status: first.status, events: first.events, after: [] as LoopEvent[] };
  if (scenario.human && first.escalationId) {
    const item = inbox.items.get(first.escalationId) as LoopEscalationItem;
    inbox.items.set(first.escalationId, { ...item, ...scenario.human.stored });
    const resumed = await loop.resume(first.escalationId);
    return { ...result, status: resumed.status, after: resumed.events };
  }
  return result;
}

async function throughMachine(scenario: Scenario) {
  const { loop, config } = loopFor(scenario);
  const clock = createManualClock(1_700_000_000_000);
  const idGenerator = createSequentialIdGenerator('x');
  // As handle() does: the signal takes its ids from the loop's generator first.
  const signal = createSignal(ticket, { clock, idGenerator });
  const run = createActor(loop.machine, {
    input: {
      signal,
      actor,
      clock,
      idGenerator,
      ...(config.rails ? { rails: config.rails } : {}),
      ...(config.inbox ? { inbox: config.inbox } : {}),
    },
  });
  const events: LoopEvent[] = [];
  run.on('*', (event) => events.push(event));
  const settled = new Promise<void>((resolve) => {
    run.subscribe({
      next: (snapshot) => {
        if (snapshot.value === 'awaiting_human') resolve();
      },
      complete: () => resolve(),
    });
  });
  run.start();
  await settled;
  const value = run.getSnapshot().value as string;
  const status = value === 'awaiting_human' ? 'escalated' : value;
  const before = events.length;
  if (scenario.human && value === 'awaiting_human') {
    run.send({ type: 'human.decided', decision: scenario.human.decision });
    const after = run.getSnapshot().value as string;
    return { status: after, events: events.slice(0, before), after: events.slice(before) };
  }
  run.stop();
  return { status, events, after: [] as LoopEvent[] };
}

describe('handle() and loop.machine', () => {
  it.each(scenarios.map((scenario) => [scenario.name, scenario] as const))(
    'end the same way: %s',
    async (_name, scenario) => {
      const direct = await throughHandle(scenario);
      const machine = await throughMachine(scenario);
      expect(machine.status).toBe(direct.status);
      expect(machine.events).toEqual(direct.events);
      expect(machine.after).toEqual(direct.after);
    },
  );

  it('cover every way a run ends', async () => {
    const statuses = new Set<string>();
    for (const scenario of scenarios) statuses.add((await throughHandle(scenario)).status);
    expect([...statuses].sort()).toEqual(['acted', 'completed', 'escalated', 'failed', 'rejected']);
  });
});
