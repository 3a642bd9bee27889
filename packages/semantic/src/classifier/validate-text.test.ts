import { GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { defaultMaxTextLength, validateText } from './validate-text';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return GuardloopError.isInstance(error) ? error.code : 'not a guardloop error';
  }
  return undefined;
}

describe('validateText', () => {
  it('returns a valid text unchanged', () => {
    expect(validateText('  reset my password ')).toBe('  reset my password ');
  });

  it.each([[42], [null], [undefined], [{ text: 'hi' }], [['hi']]])(
    'rejects the non-string %j with invalid_input',
    (value) => {
      expect(codeOf(() => validateText(value))).toBe('invalid_input');
    },
  );

  it('rejects empty and whitespace-only text with empty_text', () => {
    expect(codeOf(() => validateText(''))).toBe('empty_text');
    expect(codeOf(() => validateText(' \n\t '))).toBe('empty_text');
  });

  it('bounds the length: text_too_long past maxLength, with both lengths on the error', () => {
    expect(codeOf(() => validateText('a'.repeat(defaultMaxTextLength + 1)))).toBe('text_too_long');
    expect(validateText('a'.repeat(defaultMaxTextLength))).toHaveLength(defaultMaxTextLength);
    try {
      validateText('abcdef', 5);
    } catch (error) {
      expect(error).toMatchObject({ code: 'text_too_long', length: 6, maxLength: 5 });
    }
  });
});
