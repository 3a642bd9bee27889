import { describe, expect, it, vi } from 'vitest';
import { scanPii } from '../pii/scan-pii';
import { piiRail } from './pii-rail';
import { options, railContext } from './rail-context.fixture';

// Counts the scans: each string (value or key) of the selected value is scanned once, the
// redacted text and the redacted paths are built from those findings.
vi.mock('../pii/scan-pii', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../pii/scan-pii')>();
  return { scanPii: vi.fn(actual.scanPii) };
});

describe('piiRail scans', () => {
  it('scans every string once, keys included, with redaction on', async () => {
    const rail = piiRail({ selectValue: (context) => context.attributes });
    vi.mocked(scanPii).mockClear();
    const verdict = await rail.evaluate(
      railContext(undefined, {
        attributes: {
          'jo@example.com': 'card 4111 1111 1111 1111',
          note: 'call +33 6 12 34 56 78',
        },
      }),
      options,
    );
    expect(verdict).toMatchObject({
      verdict: 'escalate',
      evidence: { redactedText: 'card [CARD]\ncall [PHONE]' },
    });
    // Two keys and two values.
    expect(scanPii).toHaveBeenCalledTimes(4);
    expect(JSON.stringify(verdict.evidence)).not.toContain('jo@example.com');
  });

  it('remembers clean keys across evaluations, never keys with personal data', async () => {
    const rail = piiRail({ selectValue: (context) => context.attributes });
    const context = railContext(undefined, {
      attributes: { 'jo@example.com': 'no data here', note: 'call +33 6 12 34 56 78' },
    });
    await rail.evaluate(context, options);
    vi.mocked(scanPii).mockClear();
    const verdict = await rail.evaluate(context, options);
    // The e-mail key and both values again; `note` is known to be clean.
    expect(scanPii).toHaveBeenCalledTimes(3);
    expect(verdict).toMatchObject({
      verdict: 'escalate',
      evidence: { redactedText: 'no data here\ncall [PHONE]' },
    });
    const paths = (verdict.evidence as { findings: { path?: string }[] }).findings.map(
      (finding) => finding.path,
    );
    expect(paths).toEqual(['["[EMAIL]"] (key)', 'note']);
  });
});
