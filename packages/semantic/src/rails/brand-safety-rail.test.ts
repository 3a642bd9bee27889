import { GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { brandSafetyRail } from './brand-safety-rail';
import { options, railContext } from './rail-context.fixture';

const withDraft = (draft: string) => railContext('my order is late', { attributes: { draft } });

describe('brandSafetyRail', () => {
  const rail = brandSafetyRail();

  it('allows a clean draft, and a context without a draft', async () => {
    expect(rail).toMatchObject({ name: 'brand-safety', kind: 'deterministic' });
    await expect(
      rail.evaluate(withDraft('Your parcel left our warehouse today.'), options),
    ).resolves.toMatchObject({ verdict: 'allow' });
    await expect(rail.evaluate(railContext('hello'), options)).resolves.toMatchObject({
      verdict: 'allow',
      reason: 'No outgoing draft to check.',
    });
  });

  it('denies profanity and credential requests, listing findings as evidence', async () => {
    const verdict = await rail.evaluate(
      withDraft('Send me your password, this shit is slow'),
      options,
    );
    expect(verdict.verdict).toBe('deny');
    const findings = (verdict.evidence as { findings: Array<{ id: string }> }).findings;
    expect(findings.map((finding) => finding.id)).toEqual(['credentials_request', 'profanity']);
  });

  it('escalates commitments a human must approve', async () => {
    await expect(
      rail.evaluate(withDraft('We will issue a full refund by Friday.'), options),
    ).resolves.toMatchObject({ verdict: 'escalate', reason: 'The reply promises a refund.' });
  });

  it('reads the draft from the action input when attributes have none', async () => {
    const context = railContext('x', {
      action: {
        name: 'send_reply',
        input: { reply: 'You idiot.' },
        reversible: false,
        dryRun: false,
      },
    });
    await expect(rail.evaluate(context, options)).resolves.toMatchObject({ verdict: 'deny' });
  });

  it('can escalate profanity instead of denying it, and use a custom selector', async () => {
    const lenient = brandSafetyRail({
      profanityVerdict: 'escalate',
      selectText: (context) => context.attributes?.note as string | undefined,
    });
    const context = railContext('x', { attributes: { note: 'that was fucking fast' } });
    await expect(lenient.evaluate(context, options)).resolves.toMatchObject({
      verdict: 'escalate',
    });
  });

  it('rejects malformed options with invalid_input', () => {
    const error = (() => {
      try {
        brandSafetyRail({ profanityVerdict: 'shrug' as 'deny' });
      } catch (caught) {
        return caught;
      }
    })();
    expect(GuardloopError.hasCode(error, 'invalid_input')).toBe(true);
  });
});
