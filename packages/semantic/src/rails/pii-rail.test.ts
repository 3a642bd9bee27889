import { GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { piiRail } from './pii-rail';
import { options, railContext } from './rail-context.fixture';

describe('piiRail', () => {
  it('escalates when personal data is found, without putting values in the evidence', async () => {
    const rail = piiRail();
    expect(rail).toMatchObject({ name: 'pii', kind: 'deterministic' });
    const message = 'Refund to card 4111 1111 1111 1111 please, mail me at jo@example.com';
    const verdict = await rail.evaluate(railContext(message), options);
    // The selected text is the subject ("Help"), a newline, then the body.
    const at = (part: string) => 'Help\n'.length + message.indexOf(part);
    expect(verdict).toMatchObject({
      verdict: 'escalate',
      reason: 'Personal data found: card, email.',
    });
    const evidence = verdict.evidence as { findings: unknown[]; redactedText: string };
    expect(evidence.findings).toEqual([
      { kind: 'card', start: at('4111'), end: at('4111') + 19 },
      { kind: 'email', start: at('jo@'), end: at('jo@') + 14 },
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
});
