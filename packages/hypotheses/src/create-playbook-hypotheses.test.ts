import { createLoop, createManualClock } from '@guardloop/core';
import { createSeededRandom } from '@guardloop/core/internal';
import { createMemoryFeedbackStore, createOutcomeRecorder } from '@guardloop/feedback';
import { describe, expect, it } from 'vitest';
import { createPlaybookHypotheses } from './create-playbook-hypotheses';
import { MissingTemplateFieldError } from './errors/missing-template-field-error';
import type { CandidateOutcomeStats } from './ranking/outcome-stats';
import { at, loopInput, playbook, ticket } from './test-support/fixtures';

const statsSource = (stats: Record<string, CandidateOutcomeStats>) => ({
  candidateStats: () => stats,
});

describe('createPlaybookHypotheses', () => {
  it('fills action templates from the signal and carries references and routes as evidence', async () => {
    const propose = createPlaybookHypotheses({ playbook, random: createSeededRandom(1) });
    const hypotheses = await propose(loopInput(ticket()));
    expect(hypotheses).toHaveLength(3);
    const reset = hypotheses.find((hypothesis) => hypothesis.id === 'password_reset/reset-link');
    expect(reset?.action).toEqual({
      name: 'send_reset_link',
      input: { accountId: 'acc-42', note: 'for ana@example.com' },
      resource: 'account:acc-42',
      dryRun: false,
    });
    const macro = hypotheses.find((hypothesis) => hypothesis.id.endsWith('reset-macro'));
    expect(macro?.action).toBeUndefined();
    expect(macro?.evidence).toContainEqual({ source: 'playbook.macro', value: 'macro-reset-v2' });
    const route = hypotheses.find((hypothesis) => hypothesis.id.endsWith('to-identity'));
    expect(route?.evidence).toContainEqual({ source: 'playbook.route', value: 'identity' });
  });

  it('keeps the value of a whole-string template (a number stays a number)', async () => {
    const numeric = {
      entries: [
        {
          intent: 'refund',
          candidates: [
            {
              id: 'refund',
              title: 'Refund',
              action: {
                name: 'refund',
                input: { amount: '{{payload.amount}}', lines: ['{{payload.lines}}'] },
              },
            },
          ],
        },
      ],
    };
    const propose = createPlaybookHypotheses({ playbook: numeric });
    const [hypothesis] = await propose(
      loopInput(ticket({ amount: 12.5, lines: [1, 2] }), 'refund'),
    );
    expect(hypothesis?.action?.input).toEqual({ amount: 12.5, lines: [[1, 2]] });
  });

  it('ranks by outcomes with evidence, and a reopened candidate sinks', async () => {
    const propose = createPlaybookHypotheses({
      playbook,
      random: createSeededRandom(7),
      outcomes: statsSource({
        'reset-link': { trials: 47, successes: 41, reviews: 10, overrides: 1 },
        'reset-macro': { trials: 50, successes: 12, reviews: 0, overrides: 0 },
      }),
    });
    const [first, second, third] = await propose(loopInput(ticket()));
    expect(first?.id).toBe('password_reset/reset-link');
    expect(first?.evidence).toContainEqual(
      expect.objectContaining({ note: 'resolved 41 of 47 similar tickets without reopen' }),
    );
    expect(first?.evidence).toContainEqual(
      expect.objectContaining({ note: 'overridden in 1 of 10 human reviews' }),
    );
    expect(first?.rationale).toMatch(/^Ranked 1 of 3 by outcomes/);
    // 42/49 × (1 − 2/20)
    expect(first?.confidence).toBeCloseTo((42 / 49) * 0.9, 10);
    expect(third?.id).toBe('password_reset/reset-macro');
    expect(second?.evidence).toContainEqual(
      expect.objectContaining({ note: 'no resolved similar tickets yet: ranked by exploration' }),
    );
  });

  it('penalises the override rate', async () => {
    const propose = createPlaybookHypotheses({
      playbook,
      random: createSeededRandom(3),
      maxHypotheses: 1,
      outcomes: statsSource({
        'reset-link': { trials: 100, successes: 90, reviews: 100, overrides: 80 },
        'reset-macro': { trials: 100, successes: 85, reviews: 100, overrides: 2 },
        'to-identity': { trials: 100, successes: 10, reviews: 0, overrides: 0 },
      }),
    });
    const hypotheses = await propose(loopInput(ticket()));
    expect(hypotheses.map((hypothesis) => hypothesis.id)).toEqual(['password_reset/reset-macro']);
  });

  it('is reproducible with a seeded random and explores untried candidates', async () => {
    const order = async (seed: number) => {
      const propose = createPlaybookHypotheses({ playbook, random: createSeededRandom(seed) });
      return (await propose(loopInput(ticket()))).map((hypothesis) => hypothesis.id);
    };
    expect(await order(11)).toEqual(await order(11));
    const firsts = new Set<string | undefined>();
    for (let seed = 0; seed < 30; seed++) firsts.add((await order(seed))[0]);
    expect(firsts.size).toBe(3);
  });

  it('picks the most specific entry for the segment', async () => {
    const propose = createPlaybookHypotheses({ playbook });
    const enterprise = await propose(loopInput(ticket({ segment: 'enterprise' })));
    expect(enterprise.map((hypothesis) => hypothesis.id)).toEqual([
      'password_reset/enterprise/sso-admin',
    ]);
    const fromAttributes = await propose(
      loopInput(ticket(), 'password_reset', { attributes: { segment: 'enterprise' } }),
    );
    expect(fromAttributes).toHaveLength(1);
    const custom = createPlaybookHypotheses({ playbook, context: () => ({ segment: 'smb' }) });
    expect(await custom(loopInput(ticket({ segment: 'enterprise' })))).toHaveLength(3);
  });

  it('proposes nothing when the classifier abstained or no entry matches', async () => {
    const propose = createPlaybookHypotheses({ playbook });
    expect(await propose(loopInput(ticket(), 'billing'))).toEqual([]);
    const abstained = loopInput(ticket(), 'password_reset', {
      intent: { label: 'password_reset', confidence: 0.2, abstained: true },
    });
    expect(await propose(abstained)).toEqual([]);
    expect(await propose(loopInput(ticket(), 'x', { intent: undefined }))).toEqual([]);
  });

  it('throws a typed error naming the template path when the signal lacks a field', async () => {
    const propose = createPlaybookHypotheses({ playbook });
    const signal = ticket();
    delete signal.payload.accountId;
    const error = await propose(loopInput(signal)).catch((caught: unknown) => caught);
    expect(MissingTemplateFieldError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'missing_template_field',
      field: 'payload.accountId',
      path: 'entries.0.candidates.0.action.input.accountId',
      candidateId: 'reset-link',
    });
    const objectInText = await propose(loopInput(ticket({ email: { nested: true } }))).catch(
      (caught: unknown) => caught,
    );
    expect(objectInText).toMatchObject({
      field: 'payload.email',
      path: expect.stringMatching(/note$/),
    });
  });

  it('does not reach prototype properties through a template', async () => {
    const sneaky = {
      entries: [
        {
          intent: 'x',
          candidates: [
            { id: 'a', title: 'A', action: { name: 'a', input: { c: '{{payload.constructor}}' } } },
          ],
        },
      ],
    };
    const propose = createPlaybookHypotheses({ playbook: sneaky });
    await expect(propose(loopInput(ticket(), 'x'))).rejects.toSatisfy(
      MissingTemplateFieldError.isInstance,
    );
  });

  it('rejects malformed options, inputs and statistics with typed errors', async () => {
    expect(() => createPlaybookHypotheses({} as never)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => createPlaybookHypotheses({ playbook: {} as never })).toThrow(
      expect.objectContaining({ code: 'invalid_playbook' }),
    );
    expect(() => createPlaybookHypotheses({ playbook, maxHypotheses: 0 })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    const store = createMemoryFeedbackStore();
    expect(() =>
      createPlaybookHypotheses({ playbook, feedback: store, outcomes: statsSource({}) }),
    ).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    const propose = createPlaybookHypotheses({ playbook });
    await expect(propose({ signal: 'nope' } as never)).rejects.toMatchObject({
      code: 'invalid_input',
    });
    const lying = createPlaybookHypotheses({
      playbook,
      outcomes: statsSource({
        'reset-link': { trials: 1, successes: 5, reviews: 0, overrides: 0 },
      }),
    });
    await expect(lying(loopInput(ticket()))).rejects.toMatchObject({
      code: 'invalid_input',
      subject: 'outcome statistics',
    });
  });

  it('rejects with the abort reason when aborted', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    const propose = createPlaybookHypotheses({
      playbook,
      outcomes: { candidateStats: () => new Promise(() => {}) },
    });
    const pending = propose(loopInput(ticket()), { abortSignal: controller.signal });
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it('ranks from a feedback store: queue resolutions for routes, action reviews for actions', async () => {
    const store = createMemoryFeedbackStore();
    const recorder = createOutcomeRecorder({ store, clock: createManualClock(at) });
    for (let index = 0; index < 20; index++) {
      const traceId = `t${index}`;
      await recorder.record({
        type: 'routed',
        traceId,
        queue: 'identity',
        category: 'password_reset',
        at,
      });
      await recorder.record({ type: 'resolved', traceId, firstContact: index < 17, at });
    }
    const decisions = ['approved', 'approved', 'approved', 'rejected'] as const;
    for (const [index, decision] of decisions.entries()) {
      const traceId = `h${index}`;
      await recorder.record({
        type: 'routed',
        traceId,
        queue: 'tier1',
        category: 'password_reset',
        at,
      });
      await recorder.record({
        type: 'human_decision',
        traceId,
        escalationId: `e${index}`,
        decision,
        reviewer: 'r1',
        action: 'send_reset_link',
        decideMs: 1000,
        slaBreached: false,
        at,
      });
    }
    const propose = createPlaybookHypotheses({
      playbook,
      feedback: store,
      random: createSeededRandom(2),
    });
    const hypotheses = await propose(loopInput(ticket()));
    const route = hypotheses.find((hypothesis) => hypothesis.id.endsWith('to-identity'));
    expect(route?.evidence).toContainEqual(
      expect.objectContaining({ note: 'resolved 17 of 20 similar tickets without reopen' }),
    );
    const action = hypotheses.find((hypothesis) => hypothesis.id.endsWith('reset-link'));
    expect(action?.evidence).toContainEqual(
      expect.objectContaining({ note: 'overridden in 1 of 4 human reviews' }),
    );
  });

  it('is a ready proposeHypotheses step for createLoop', async () => {
    const loop = createLoop({
      steps: {
        classifyIntent: () => ({ label: 'password_reset', confidence: 0.9 }),
        proposeHypotheses: createPlaybookHypotheses({
          playbook,
          random: createSeededRandom(1),
          outcomes: statsSource({
            'reset-link': { trials: 40, successes: 39, reviews: 0, overrides: 0 },
          }),
        }),
        act: (input) => ({ ran: input.hypothesis?.action?.name }),
      },
      rails: [],
    });
    const result = await loop.handle(
      { source: 'zendesk', kind: 'ticket', payload: { accountId: 'acc-1', email: 'a@b.c' } },
      { actor: { id: 'agent', type: 'ai' } },
    );
    expect(result.hypotheses[0]?.id).toBe('password_reset/reset-link');
  });
});
