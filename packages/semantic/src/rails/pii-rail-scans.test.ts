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
});
