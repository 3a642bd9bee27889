import { createManualClock, evaluateRails, type RailContext } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { createMemoryCounterStore } from '../memory-counter-store';
import { type RateLimitRailOptions, rateLimitRail } from './rate-limit-rail';

const second = 1000;
const options = { signal: new AbortController().signal };

/** `null` makes a decision without an action. */
function decision(actor = 'agent', action: string | null = 'send_email'): RailContext {
  return {
    traceId: 'trace',
    actor: { id: actor, type: 'ai', roles: [] },
    ...(action === null
      ? {}
      : { action: { name: action, input: {}, reversible: true, dryRun: false } }),
  };
}

function setup(overrides: Partial<RateLimitRailOptions> = {}) {
  const clock = createManualClock(Date.UTC(2030, 0, 1));
  const store = createMemoryCounterStore();
  const rail = rateLimitRail({
    store,
    clock,
    name: 'emails',
    limit: 3,
    window: '1m',
    ...overrides,
  });
  const verdicts = async (count: number, context = decision()) => {
    const result: string[] = [];
    for (let index = 0; index < count; index++)
      result.push((await rail.evaluate(context, options)).verdict);
    return result;
  };
  return { clock, store, rail, verdicts };
}

describe('rateLimitRail', () => {
  it('allows up to the limit per window, then denies by default, without counting the denials', async () => {
    const { rail, verdicts } = setup();
    expect(rail).toMatchObject({ name: 'rate-limit:emails', kind: 'economic' });
    expect(await verdicts(5)).toEqual(['allow', 'allow', 'allow', 'deny', 'deny']);
    const verdict = await rail.evaluate(decision(), options);
    expect(verdict.reason).toBe(
      "Rate limit 'emails' reached: 3 of 3 per 1m already used by actor 'agent', action type 'send_email'.",
    );
    expect(verdict.evidence).toEqual({
      rateLimit: 'emails',
      scope: "actor 'agent', action type 'send_email'",
      window: '1m',
      limit: 3,
      count: 3,
    });
  });

  it('slides: capacity comes back bucket by bucket as old decisions leave the window', async () => {
    const { clock, verdicts } = setup();
    expect(await verdicts(1)).toEqual(['allow']);
    clock.advance(30 * second);
    expect(await verdicts(3)).toEqual(['allow', 'allow', 'deny']);
    // The first decision leaves the window after a minute; the two others are still in it.
    clock.advance(30 * second);
    expect(await verdicts(2)).toEqual(['allow', 'deny']);
    clock.advance(30 * second);
    expect(await verdicts(3)).toEqual(['allow', 'allow', 'deny']);
  });

  it('counts each actor and action type separately by default, or globally when told', async () => {
    const perActor = setup();
    expect(await perActor.verdicts(3)).toEqual(['allow', 'allow', 'allow']);
    expect(await perActor.verdicts(1, decision('other'))).toEqual(['allow']);
    expect(await perActor.verdicts(1, decision('agent', 'refund'))).toEqual(['allow']);
    const global = setup({ scope: [] });
    expect(await global.verdicts(3)).toEqual(['allow', 'allow', 'allow']);
    expect(await global.verdicts(1, decision('other', 'refund'))).toEqual(['deny']);
  });

  it('escalates instead when configured to, and honours a custom rail name', async () => {
    const { rail, verdicts } = setup({ onExceeded: 'escalate', railName: 'email-throttle' });
    expect(rail.name).toBe('email-throttle');
    expect(await verdicts(4)).toEqual(['allow', 'allow', 'allow', 'escalate']);
  });

  it('leaves other action types and action-less decisions alone', async () => {
    const { verdicts } = setup({ actionTypes: ['send_email'], limit: 1 });
    expect(await verdicts(3, decision('agent', 'refund'))).toEqual(['allow', 'allow', 'allow']);
    expect(await verdicts(3, decision('agent', null))).toEqual(['allow', 'allow', 'allow']);
  });

  it('holds the limit under concurrent evaluations', async () => {
    const { rail } = setup({ limit: 5 });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => rail.evaluate(decision(), options)),
    );
    expect(results.filter((result) => result.verdict === 'allow')).toHaveLength(5);
  });

  it('decides the loop through evaluateRails', async () => {
    const { rail, clock } = setup({ limit: 1 });
    await evaluateRails([rail], decision(), { clock });
    expect(await evaluateRails([rail], decision(), { clock })).toMatchObject({
      verdict: 'deny',
      decidedBy: 'rate-limit:emails',
    });
  });

  it('rejects bad limits when the rail is built', () => {
    expect(() => setup({ limit: 0 })).toThrowError(
      expect.objectContaining({ code: 'invalid_rate_limit' }),
    );
    expect(() => setup({ window: '7x' as never })).toThrowError(
      expect.objectContaining({ code: 'invalid_window' }),
    );
  });
});
