import { describe, expect, it } from 'vitest';
import { redactPii } from './redact-pii';

describe('redactPii', () => {
  it('replaces every finding with its kind', () => {
    expect(
      redactPii('I am jo@example.com, card 4111 1111 1111 1111, IBAN NL91ABNA0417164300.'),
    ).toBe('I am [EMAIL], card [CARD], IBAN [IBAN].');
  });

  it('accepts a custom replacement and a subset of kinds', () => {
    const text = 'jo@example.com / +33 1 23 45 67 89';
    expect(redactPii(text, { kinds: ['phone'], replacement: () => '***' })).toBe(
      'jo@example.com / ***',
    );
  });

  it('leaves text without personal data unchanged', () => {
    expect(redactPii('Where is my order 48213?')).toBe('Where is my order 48213?');
  });
});
