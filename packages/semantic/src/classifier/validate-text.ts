import { InvalidInputError } from '@guardloop/core';
import { EmptyTextError } from '../errors/empty-text-error';
import { TextTooLongError } from '../errors/text-too-long-error';

/** Default bound on the characters a classifier accepts per call. */
export const defaultMaxTextLength = 20_000;

/**
 * Checks a text before any classifier work.
 * @throws InvalidInputError (`invalid_input`) when `text` is not a string.
 * @throws EmptyTextError (`empty_text`) when it is empty or whitespace.
 * @throws TextTooLongError (`text_too_long`) when it exceeds `maxLength` characters.
 */
export function validateText(text: unknown, maxLength: number = defaultMaxTextLength): string {
  if (typeof text !== 'string') {
    throw new InvalidInputError({
      subject: 'text',
      issues: [{ path: '', message: `Expected a string, received ${describe(text)}` }],
    });
  }
  if (text.trim().length === 0) throw new EmptyTextError();
  if (text.length > maxLength) throw new TextTooLongError({ length: text.length, maxLength });
  return text;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
