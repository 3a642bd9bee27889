import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors/invalid-input-error';
import { createSignal } from '../intake/create-signal';
import { signalSchema } from './signal';
import { ticketFieldsSchema } from './ticket-fields';

describe('standard ticket fields on the signal', () => {
  const base = { source: 'web_form', kind: 'ticket', payload: {} } as const;

  it('keeps the standard fields and the raw values that were mapped to other', () => {
    const fields = {
      category: 'other',
      channel: 'web',
      priority: 'p2',
      raw: { category: 'Billling' },
    };
    const signal = createSignal({ ...base, fields });
    expect(signal.fields).toEqual(fields);
    expect(signalSchema.parse(signal).fields).toEqual(fields);
  });

  it('leaves fields out when the source sent none', () => {
    expect(createSignal(base).fields).toBeUndefined();
  });

  it('rejects empty, non-string and oversized field values with invalid_input', () => {
    for (const fields of [
      { category: '' },
      { priority: 1 },
      { segment: 'x'.repeat(201) },
      { raw: { channel: '  ' } },
      { channel: 'web\u0000' },
      { channel: '\uD800' },
    ]) {
      expect(() => createSignal({ ...base, fields })).toThrow(InvalidInputError);
    }
    expect(ticketFieldsSchema.safeParse('billing').success).toBe(false);
  });
});
