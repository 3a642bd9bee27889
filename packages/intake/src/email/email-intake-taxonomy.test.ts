import { describe, expect, it } from 'vitest';
import { defineTaxonomy } from '../taxonomy/define-taxonomy';
import { createEmailIntakeHarness } from './test-support/email-intake-harness';
import { readFixture } from './test-support/read-fixture';

const taxonomy = defineTaxonomy({
  categories: ['billing', { id: 'billing.refund', parent: 'billing' }],
  productAreas: ['web'],
  channels: [{ id: 'email', aliases: ['mail'] }, 'web'],
  segments: ['enterprise'],
  resolutionCodes: ['fixed'],
});

describe('createEmailIntake: standard fields', () => {
  it('normalizes the channel through the taxonomy', async () => {
    const { intake } = createEmailIntakeHarness({ taxonomy, channel: 'Mail' });
    const result = await intake.receive(readFixture('new-ticket'));
    expect(result.kind === 'ticket' && result.signal.fields).toEqual({ channel: 'email' });
  });

  it('normalizes mapped fields, keeping unknown values as other with the raw value', async () => {
    taxonomy.resetUnknownCounts();
    const { intake } = createEmailIntakeHarness({
      taxonomy,
      mapFields: (email) => ({
        category: email.subject.includes('Charged') ? 'billing.refund' : 'billing',
        segment: 'gold',
      }),
    });
    const result = await intake.receive(readFixture('new-ticket'));
    expect(result.kind === 'ticket' && result.signal.fields).toEqual({
      channel: 'email',
      category: 'billing.refund',
      segment: 'other',
      raw: { segment: 'gold' },
    });
    expect(taxonomy.unknownReport().counts).toEqual([
      expect.objectContaining({ field: 'segment' }),
    ]);
  });

  it('keeps the default channel without a taxonomy and checks mapped fields', async () => {
    const plain = createEmailIntakeHarness({ channel: 'support-inbox' });
    const result = await plain.intake.receive(readFixture('new-ticket'));
    expect(result.kind === 'ticket' && result.signal.fields).toEqual({ channel: 'support-inbox' });
    const broken = createEmailIntakeHarness({ mapFields: () => ({ category: '' }) });
    await expect(broken.intake.receive(readFixture('new-ticket'))).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });

  it('rejects malformed taxonomy options with invalid_input', () => {
    for (const options of [{ taxonomy: {} }, { channel: ' ' }, { mapFields: 'category' }])
      expect(() => createEmailIntakeHarness(options as never)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
  });
});
