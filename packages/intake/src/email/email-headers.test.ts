import { describe, expect, it } from 'vitest';
import { cleanHeaderText, isAutoSubmitted, messageIdsOf } from './email-headers';

const header = (key: string, value: string) => ({ key, originalKey: key, value });

describe('email headers', () => {
  it('reads bracketed ids, and bare ones as bracketed', () => {
    expect(messageIdsOf('<a@x> <b@y>')).toEqual(['<a@x>', '<b@y>']);
    expect(messageIdsOf('a@x  b@y')).toEqual(['<a@x>', '<b@y>']);
    expect(messageIdsOf(undefined)).toEqual([]);
    expect(messageIdsOf('  ')).toEqual([]);
  });

  it('replaces control characters by spaces and says so', () => {
    expect(cleanHeaderText('Hi\r\nBcc: x')).toEqual({ text: 'Hi Bcc: x', changed: true });
    expect(cleanHeaderText(' plain ')).toEqual({ text: 'plain', changed: false });
  });

  it.each([
    [header('auto-submitted', 'auto-replied'), true],
    [header('auto-submitted', 'auto-generated'), true],
    [header('auto-submitted', 'no'), false],
    [header('precedence', 'bulk'), true],
    [header('precedence', 'Auto_Reply'), true],
    [header('precedence', 'first-class'), false],
    [header('precedence', 'list'), false],
    [header('x-autoreply', 'yes'), true],
    [header('subject', 'auto-replied'), false],
  ])('tells machine-sent mail (%o -> %s)', (entry, expected) => {
    expect(isAutoSubmitted([entry])).toBe(expected);
  });
});
