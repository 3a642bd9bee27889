import { createManualClock, createSequentialIdGenerator, InvalidInputError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { defineTaxonomy } from '../taxonomy/define-taxonomy';
import { handleSupportForm } from './handle-support-form';

const taxonomy = defineTaxonomy({
  categories: ['billing', 'access'],
  productAreas: ['web', 'mobile'],
  channels: ['web', 'email'],
});
const options = () => ({
  taxonomy,
  clock: createManualClock(1_000),
  idGenerator: createSequentialIdGenerator('f'),
});
const form = {
  email: 'ada@example.com',
  name: 'Ada',
  subject: 'Charged twice',
  description: 'My card was charged twice for March.',
  category: 'Billing',
  productArea: 'Mobile',
  priorityHint: 'p2',
  attachments: [{ name: 'receipt.pdf', type: 'application/pdf', size: '2048' }],
  csrfToken: 'ignored',
};

describe('handleSupportForm', () => {
  it('turns a valid form into a ticket signal with normalized standard fields', () => {
    const result = handleSupportForm(form, options());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.signal).toMatchObject({
      id: 'f-1',
      traceId: 'f-2',
      source: 'web_form',
      kind: 'ticket',
      receivedAt: 1_000,
      fields: { category: 'billing', productArea: 'mobile', priority: 'p2', channel: 'web' },
      payload: {
        email: 'ada@example.com',
        name: 'Ada',
        subject: 'Charged twice',
        attachments: [{ name: 'receipt.pdf', type: 'application/pdf', size: 2048 }],
      },
    });
    expect(result.signal.payload).not.toHaveProperty('csrfToken');
    const again = handleSupportForm(form, options());
    expect(again.ok && again.signal.fingerprint).toBe(result.signal.fingerprint);
  });

  it('maps an unknown category to other with the raw value, never an error', () => {
    const result = handleSupportForm(
      { ...form, category: 'Shipping', priorityHint: '' },
      options(),
    );
    expect(result.ok && result.signal.fields).toEqual({
      category: 'other',
      productArea: 'mobile',
      channel: 'web',
      raw: { category: 'Shipping' },
    });
  });

  it('returns messages per field path for an invalid submission', () => {
    const result = handleSupportForm(
      {
        email: 'not-an-email',
        subject: 'Hello\r\nBcc: victim@example.com',
        description: '   ',
        attachments: [{ name: 'a.exe', type: 'binary', size: 30 * 1024 * 1024 }],
      },
      options(),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors).sort()).toEqual([
      'attachments.0.size',
      'attachments.0.type',
      'description',
      'email',
      'subject',
    ]);
    expect(result.fieldErrors.subject).toEqual(['Must be a single line']);
  });

  it('reports a form that is not an object, or cannot be read, under the empty path', () => {
    for (const bad of [
      null,
      'email=a',
      {
        get email() {
          throw new Error('boom');
        },
      },
    ]) {
      const result = handleSupportForm(bad, options());
      expect(result.ok).toBe(false);
      expect(!result.ok && Object.keys(result.fieldErrors)).toContain('');
    }
  });

  it('rejects malformed options with invalid_input', () => {
    expect(() => handleSupportForm(form, {} as never)).toThrow(InvalidInputError);
    expect(() => handleSupportForm(form, { taxonomy, source: '' })).toThrow(InvalidInputError);
  });
});
