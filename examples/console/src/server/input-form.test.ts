import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { inputFields, readInputFields } from './input-form';

const schema = z.object({
  ticketId: z.string(),
  amountUsd: z.number().positive().describe('Amount (USD)'),
  tag: z.enum(['vip', 'billing']),
  notify: z.boolean(),
  note: z.string().optional(),
});

describe('the edit form from an input schema', () => {
  it('renders a field per property by its type, the ticket read-only', async () => {
    const html = (
      await Promise.all(inputFields(schema, { ticketId: 'T-1', amountUsd: 5, tag: 'vip' }))
    ).join('');
    expect(html).toContain('name="input.ticketId" value="T-1" readonly');
    expect(html).toContain('type="number"');
    expect(html).toContain('<option value="vip" selected>');
    expect(html).toContain('type="checkbox"');
    expect(html).toContain('Amount (USD)');
  });

  it('reads values back by type and keeps the host-fixed ticket id', () => {
    const form = {
      'input.ticketId': 'T-other',
      'input.amountUsd': '12.5',
      'input.tag': 'billing',
      'input.notify': 'on',
      'input.note': '',
    };
    expect(readInputFields(schema, form, { ticketId: 'T-1' })).toEqual({
      ticketId: 'T-1',
      amountUsd: 12.5,
      tag: 'billing',
      notify: true,
    });
  });

  it('passes a non-number through, for the schema to refuse', () => {
    const input = readInputFields(schema, { 'input.amountUsd': 'lots' }, { ticketId: 'T-1' });
    expect(schema.safeParse(input).success).toBe(false);
    expect(input.amountUsd).toBe('lots');
  });
});
