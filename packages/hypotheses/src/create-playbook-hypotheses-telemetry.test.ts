import { createSeededRandom } from '@guardloop/core/internal';
import { describe, expect, it } from 'vitest';
import { createPlaybookHypotheses } from './create-playbook-hypotheses';
import { at, loopInput, playbook, ticket } from './test-support/fixtures';

const minute = 60_000;
const hour = 60 * minute;
const deployAt = at - 30 * minute;

function latency(stepAt: number | undefined) {
  const points = [];
  for (let t = at - 2 * hour; t <= at; t += minute) {
    const wobble = ((t / minute) % 3) - 1;
    points.push({ at: t, value: 100 + wobble + (stepAt !== undefined && t >= stepAt ? 300 : 0) });
  }
  return { name: 'checkout.p95_ms', service: 'checkout', points };
}

const changes = [{ id: 'deploy-7', kind: 'deploy' as const, at: deployAt, service: 'checkout' }];

describe('createPlaybookHypotheses with telemetry', () => {
  it('attaches the deploy that explains the signal to every hypothesis', async () => {
    const propose = createPlaybookHypotheses({
      playbook,
      random: createSeededRandom(1),
      correlationWindowMs: hour,
      telemetry: () => ({ changes, metrics: [latency(deployAt)] }),
    });
    const hypotheses = await propose(loopInput(ticket({ service: 'checkout' })));
    expect(hypotheses).toHaveLength(3);
    for (const hypothesis of hypotheses) {
      expect(hypothesis.evidence).toContainEqual(
        expect.objectContaining({ source: 'changes', path: 'deploy-7' }),
      );
      expect(hypothesis.evidence).toContainEqual(
        expect.objectContaining({ source: 'metrics', path: 'checkout.p95_ms' }),
      );
      expect(hypothesis.rationale).toMatch(/Telemetry: deploy deploy-7 of checkout 30 min before/);
    }
  });

  it('says no supporting telemetry when no metric moved', async () => {
    const propose = createPlaybookHypotheses({
      playbook,
      random: createSeededRandom(1),
      correlationWindowMs: hour,
      telemetry: async () => ({ changes, metrics: [latency(undefined)] }),
    });
    const [first] = await propose(loopInput(ticket({ service: 'checkout' })));
    expect(first?.evidence).toContainEqual({
      source: 'telemetry',
      value: null,
      note: 'no supporting telemetry',
    });
    expect(first?.rationale).toMatch(/Telemetry: no supporting telemetry\./);
  });

  it('rejects malformed telemetry with typed errors', async () => {
    expect(() => createPlaybookHypotheses({ playbook, telemetry: 'yes' as never })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    const propose = createPlaybookHypotheses({
      playbook,
      telemetry: () => ({ changes: 'none' }) as never,
    });
    await expect(propose(loopInput(ticket()))).rejects.toMatchObject({
      code: 'invalid_input',
      subject: 'playbook telemetry',
    });
    const badChange = createPlaybookHypotheses({
      playbook,
      telemetry: () => ({ changes: [{ id: 'x', kind: 'meteor', at }] }) as never,
    });
    await expect(badChange(loopInput(ticket()))).rejects.toMatchObject({
      code: 'invalid_input',
      subject: 'correlate input',
    });
  });
});

describe('createPlaybookHypotheses per-call checks', () => {
  it('still rejects malformed inputs, contexts and options after preparing the playbook once', async () => {
    const propose = createPlaybookHypotheses({ playbook });
    const input = loopInput(ticket());
    await expect(
      propose({ ...input, intent: { label: 'password_reset', confidence: 2, abstained: false } }),
    ).rejects.toMatchObject({ code: 'invalid_input', subject: 'proposeHypotheses input' });
    await expect(
      propose({ ...input, signal: { ...input.signal, payload: [] } } as never),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(propose(input, { abortSignal: 'no' } as never)).rejects.toMatchObject({
      code: 'invalid_input',
      subject: 'step options',
    });
    const badContext = createPlaybookHypotheses({ playbook, context: () => ({ segment: '' }) });
    await expect(badContext(input)).rejects.toMatchObject({
      code: 'invalid_input',
      subject: 'playbook context',
    });
  });

  it('fills templates freshly per signal (no state kept between calls)', async () => {
    const propose = createPlaybookHypotheses({ playbook, random: createSeededRandom(2) });
    const first = await propose(loopInput(ticket({ accountId: 'a-1' })));
    const second = await propose(loopInput(ticket({ accountId: 'a-2' })));
    const link = (list: typeof first) => list.find((item) => item.id.endsWith('reset-link'));
    expect(link(first)?.action?.input).toMatchObject({ accountId: 'a-1' });
    expect(link(second)?.action?.input).toMatchObject({ accountId: 'a-2' });
    expect(link(second)?.action?.resource).toBe('account:a-2');
  });
});

describe('createPlaybookHypotheses confidence and abstention', () => {
  it('carries the intent confidence when asked, keeping the outcome confidence as evidence', async () => {
    const propose = createPlaybookHypotheses({
      playbook,
      random: createSeededRandom(1),
      confidence: 'intent',
    });
    const input = loopInput(ticket(), 'password_reset', {
      intent: { label: 'password_reset', confidence: 0.73, abstained: false },
    });
    const hypotheses = await propose(input);
    for (const hypothesis of hypotheses) {
      expect(hypothesis.confidence).toBe(0.73);
      expect(hypothesis.evidence).toContainEqual(
        expect.objectContaining({ source: 'playbook.ranking', path: 'confidence' }),
      );
    }
  });

  it('proposes for an abstaining classifier only with whenAbstained propose', async () => {
    const abstained = loopInput(ticket(), 'password_reset', {
      intent: { label: 'password_reset', confidence: 0.2, abstained: true },
    });
    expect(await createPlaybookHypotheses({ playbook })(abstained)).toEqual([]);
    const propose = createPlaybookHypotheses({ playbook, whenAbstained: 'propose' });
    expect(await propose(abstained)).toHaveLength(3);
    expect(() => createPlaybookHypotheses({ playbook, whenAbstained: 'maybe' as never })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });
});
