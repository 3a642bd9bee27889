import {
  createManualClock,
  evaluateRails,
  GuardloopError,
  type RailContext,
} from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { piiRail } from './pii-rail';
import { options, railContext } from './rail-context.fixture';
import { selectAllText } from './select-text';

describe('piiRail', () => {
  it('escalates when personal data is found, without putting values in the evidence', async () => {
    const rail = piiRail();
    expect(rail).toMatchObject({ name: 'pii', kind: 'deterministic' });
    const message = 'Refund to card 4111 1111 1111 1111 please, mail me at jo@example.com';
    const verdict = await rail.evaluate(railContext(message), options);
    // Positions are within the string at `path`; the redacted text has every string, one a line.
    const at = (part: string) => message.indexOf(part);
    expect(verdict).toMatchObject({
      verdict: 'escalate',
      reason: 'Personal data found: card, email.',
    });
    const evidence = verdict.evidence as { findings: unknown[]; redactedText: string };
    const path = 'signal.payload.body';
    expect(evidence.findings).toEqual([
      { kind: 'card', path, start: at('4111'), end: at('4111') + 19 },
      { kind: 'email', path, start: at('jo@'), end: at('jo@') + 14 },
    ]);
    expect(evidence.redactedText).toBe('Help\nRefund to card [CARD] please, mail me at [EMAIL]');
    expect(JSON.stringify(evidence.findings)).not.toContain('4111');
  });

  it('allows clean text and contexts without text', async () => {
    await expect(
      piiRail().evaluate(railContext('my order is late'), options),
    ).resolves.toMatchObject({ verdict: 'allow' });
    await expect(piiRail().evaluate(railContext(undefined), options)).resolves.toMatchObject({
      verdict: 'allow',
      reason: 'No text to check for personal data.',
    });
  });

  it('checks the outgoing draft too', async () => {
    const context = railContext('hi', { attributes: { draft: 'Call me on +44 20 7946 0958' } });
    await expect(piiRail({ onDetected: 'deny' }).evaluate(context, options)).resolves.toMatchObject(
      {
        verdict: 'deny',
        reason: 'Personal data found: phone.',
      },
    );
  });

  it('can only report (allow + redacted text), or skip redaction and some kinds', async () => {
    const context = railContext('write to jo@example.com');
    const report = await piiRail({ onDetected: 'allow' }).evaluate(context, options);
    expect(report).toMatchObject({
      verdict: 'allow',
      evidence: { redactedText: 'Help\nwrite to [EMAIL]' },
    });
    const bare = await piiRail({ redact: false }).evaluate(context, options);
    expect(bare.evidence).not.toHaveProperty('redactedText');
    const phonesOnly = await piiRail({ kinds: ['phone'] }).evaluate(context, options);
    expect(phonesOnly.verdict).toBe('allow');
  });

  it('rejects malformed options with invalid_input', () => {
    const error = (() => {
      try {
        piiRail({ kinds: [] });
      } catch (caught) {
        return caught;
      }
    })();
    expect(GuardloopError.hasCode(error, 'invalid_input')).toBe(true);
  });

  it('scans every string of the draft, not only the first draft field', async () => {
    const action = (input: Record<string, unknown>): Partial<RailContext> => ({
      action: { name: 'send_reply', input, reversible: false, dryRun: false },
    });
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [
        'a second draft field',
        { reply: 'Thanks!', body: 'card 4111 1111 1111 1111' },
        'action.input.body',
      ],
      [
        'the recipient',
        { to: 'jo@example.com', body: 'Your refund is on its way.' },
        'action.input.to',
      ],
      ['the subject', { subject: 'Call +44 20 7946 0958', body: 'Hello' }, 'action.input.subject'],
      [
        'a nested object',
        { reply: 'Hi', meta: { bank: { iban: 'DE89370400440532013000' } } },
        'action.input.meta.bank.iban',
      ],
      ['an array', { reply: 'Hi', cc: ['ok', 'jo@example.com'] }, 'action.input.cc[1]'],
      ['a number', { reply: 'Hi', card: 4111111111111111 }, 'action.input.card'],
      [
        'a key',
        { reply: 'Hi', seen: { 'jo@example.com': true } },
        'action.input.seen["[EMAIL]"] (key)',
      ],
    ];
    for (const [name, input, path] of cases) {
      const verdict = await piiRail().evaluate(railContext('hello', action(input)), options);
      expect(verdict.verdict, name).toBe('escalate');
      expect(
        (verdict.evidence as { findings: { path: string }[] }).findings.map((f) => f.path),
        name,
      ).toEqual([path]);
      expect(JSON.stringify(verdict.evidence), name).not.toContain('jo@example.com');
    }
  });

  it('survives cycles and fails closed past its depth, size and value limits', async () => {
    const cyclic: Record<string, unknown> = { body: 'mail jo@example.com' };
    cyclic.self = cyclic;
    const withCycle = railContext('hi', { attributes: { draft: cyclic } });
    await expect(piiRail().evaluate(withCycle, options)).resolves.toMatchObject({
      verdict: 'escalate',
      evidence: { findings: [{ kind: 'email', path: 'attributes.draft.body' }] },
    });

    let deep: unknown = 'jo@example.com';
    for (let level = 0; level < 40; level++) deep = { next: deep };
    const tooDeep = await piiRail().evaluate(
      railContext('hi', { attributes: { draft: deep } }),
      options,
    );
    expect(tooDeep).toMatchObject({
      verdict: 'escalate',
      evidence: { limit: 'maxDepth', max: 32 },
    });

    const long = railContext('hi', { attributes: { draft: ['a'.repeat(60), 'b'.repeat(60)] } });
    const tooLong = await piiRail({ maxLength: 100 }).evaluate(long, options);
    expect(tooLong).toMatchObject({
      verdict: 'escalate',
      evidence: { limit: 'maxLength', max: 100 },
    });
    expect(tooLong.reason).toContain('more than 100 characters');

    const many = railContext('hi', { attributes: { draft: Array.from({ length: 50 }, () => 1) } });
    await expect(piiRail({ maxValues: 20 }).evaluate(many, options)).resolves.toMatchObject({
      verdict: 'escalate',
      evidence: { limit: 'maxValues' },
    });
  });

  it('escalates a 40 KB reply of adversarial text instead of timing out into allow', {
    timeout: 5000,
  }, async () => {
    // The former scan took seconds here and blocked the rail timeout; now it is linear.
    const reply = `${'x@a.a.1-'.repeat(5000)} card 4111 1111 1111 1111`;
    const context = railContext('hi', { attributes: { draft: reply } });
    const decision = await evaluateRails([piiRail()], context, {
      clock: createManualClock(),
      timeoutMs: 100,
    });
    expect(decision.verdict).toBe('escalate');
    expect(decision.rails[0]).toMatchObject({
      status: 'completed',
      reason: 'Personal data found: card.',
    });
    // Over the cap it escalates with a reason, never allows unscanned text.
    const huge = railContext('hi', { attributes: { draft: 'a'.repeat(100_001) } });
    await expect(piiRail().evaluate(huge, options)).resolves.toMatchObject({
      verdict: 'escalate',
      evidence: { limit: 'maxLength' },
    });
  });

  it('keeps the one-text mode with selectText, and rejects both selectors at once', async () => {
    const verdict = await piiRail({ selectText: selectAllText }).evaluate(
      railContext('write to jo@example.com'),
      options,
    );
    expect(verdict.evidence).toEqual({
      findings: [{ kind: 'email', start: 14, end: 28 }],
      redactedText: 'Help\nwrite to [EMAIL]',
    });
    const codeOf = (run: () => unknown) => {
      try {
        run();
      } catch (caught) {
        return GuardloopError.isInstance(caught) ? caught.code : 'other';
      }
    };
    expect(codeOf(() => piiRail({ selectText: selectAllText, selectValue: () => 'x' }))).toBe(
      'invalid_input',
    );
    expect(codeOf(() => piiRail({ maxDepth: 0 }))).toBe('invalid_input');
  });
});
