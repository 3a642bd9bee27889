import { createSignal, InvalidInputError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { InvalidTaxonomyError } from '../errors/invalid-taxonomy-error';
import { UnknownClassifierLabelsError } from '../errors/unknown-classifier-labels-error';
import { checkClassifierLabels } from './check-classifier-labels';
import { defineTaxonomy } from './define-taxonomy';

const definition = {
  categories: [
    'billing',
    { id: 'billing.refund', parent: 'billing', aliases: ['refunds', 'money back'] },
    { id: 'billing.invoice', parent: 'billing' },
    'access',
    { id: 'access.password_reset', parent: 'access', label: 'Password reset' },
  ],
  productAreas: ['web', 'mobile'],
  channels: ['email', 'web', { id: 'chat', aliases: ['live chat'] }],
  segments: ['enterprise', 'smb'],
  resolutionCodes: ['fixed', 'duplicate'],
};

function issuesOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(InvalidTaxonomyError.isInstance(error)).toBe(true);
    return (error as InvalidTaxonomyError).issues.map((issue) => issue.path);
  }
  throw new Error('expected an InvalidTaxonomyError');
}

describe('defineTaxonomy', () => {
  it('maps known values, ignoring case, spaces and separators, and aliases to their id', () => {
    const taxonomy = defineTaxonomy(definition);
    expect(
      taxonomy.normalize({
        category: ' Money-Back ',
        channel: 'Live Chat',
        productArea: 'WEB',
        segment: 'smb',
        priority: 'P2',
        resolutionCode: 'fixed',
      }),
    ).toEqual({
      category: 'billing.refund',
      channel: 'chat',
      productArea: 'web',
      segment: 'smb',
      priority: 'p2',
      resolutionCode: 'fixed',
    });
    expect(taxonomy.unknownReport()).toEqual({ counts: [], untracked: 0 });
  });

  it('maps unknown values to other with the raw value kept, and counts them', () => {
    const taxonomy = defineTaxonomy(definition);
    expect(taxonomy.normalize({ category: 'Billling', channel: 'email' })).toEqual({
      category: 'other',
      channel: 'email',
      raw: { category: 'Billling' },
    });
    taxonomy.normalize({ category: 'Billling' });
    taxonomy.normalize({ segment: 'startup' });
    expect(taxonomy.unknownReport()).toEqual({
      counts: [
        { field: 'category', value: 'Billling', count: 2 },
        { field: 'segment', value: 'startup', count: 1 },
      ],
      untracked: 0,
    });
    expect(taxonomy.values('category').map((value) => value.id)).not.toContain('Billling');
    taxonomy.resetUnknownCounts();
    expect(taxonomy.unknownReport().counts).toEqual([]);
  });

  it('drops an unknown priority instead of bucketing it, keeping the raw value', () => {
    const taxonomy = defineTaxonomy(definition);
    expect(taxonomy.normalize({ priority: 'urgent!!' })).toEqual({ raw: { priority: 'urgent!!' } });
  });

  it('keeps raw values when fields are normalized again, and ignores empty values', () => {
    const taxonomy = defineTaxonomy(definition);
    const once = taxonomy.normalize({ category: 'Billling', segment: '  ' });
    expect(taxonomy.normalize(once)).toEqual(once);
    expect(taxonomy.unknownReport().counts).toHaveLength(1);
  });

  it('keeps raw values a signal can carry: cut to 200 characters, NUL and lone surrogates replaced', () => {
    const taxonomy = defineTaxonomy(definition);
    const fields = taxonomy.normalize({
      category: `${'x'.repeat(500)}`,
      segment: 'a\u0000b\uD800',
    });
    expect(fields.raw?.category).toHaveLength(200);
    expect(fields.raw?.segment).toBe('a\uFFFDb\uFFFD');
    expect(createSignal({ source: 'test', kind: 'ticket', payload: {}, fields }).fields).toEqual(
      fields,
    );
  });

  it('bounds the distinct unknown values it counts one by one', () => {
    const taxonomy = defineTaxonomy({ ...definition, maxTrackedUnknowns: 2 });
    for (const value of ['a', 'b', 'c', 'd', 'a']) taxonomy.normalize({ category: value });
    const report = taxonomy.unknownReport();
    expect(report.counts).toEqual([
      { field: 'category', value: 'a', count: 2 },
      { field: 'category', value: 'b', count: 1 },
    ]);
    expect(report.untracked).toBe(2);
  });

  it('gives the reporting path of a category, root first', () => {
    const taxonomy = defineTaxonomy(definition);
    expect(taxonomy.categoryPath('refunds')).toEqual(['billing', 'billing.refund']);
    expect(taxonomy.categoryPath('access')).toEqual(['access']);
    expect(taxonomy.categoryPath('nope')).toEqual(['other']);
  });

  it('uses a configured other bucket and priority levels', () => {
    const taxonomy = defineTaxonomy({
      categories: ['billing', 'unclassified'],
      other: 'unclassified',
      priorities: ['urgent', 'high', 'normal', 'low'],
    });
    expect(taxonomy.normalize({ category: 'x', priority: 'High', channel: 'fax' })).toEqual({
      category: 'unclassified',
      priority: 'high',
      channel: 'unclassified',
      raw: { category: 'x', channel: 'fax' },
    });
    expect(taxonomy.values('category').map((value) => value.id)).toEqual([
      'billing',
      'unclassified',
    ]);
  });

  it('rejects duplicates, colliding aliases, unknown parents and cycles with every path', () => {
    expect(
      issuesOf(() =>
        defineTaxonomy({
          categories: [
            'billing',
            'Billing',
            { id: 'refund', aliases: ['billing'] },
            { id: 'a', parent: 'b' },
            { id: 'b', parent: 'a' },
            { id: 'c', parent: 'missing' },
          ],
          channels: ['email', 'e-mail', 'e mail'],
        }),
      ),
    ).toEqual([
      'categories.1.id',
      'categories.2.aliases.0',
      'channels.2.id',
      'categories.5.parent',
      'categories.3.parent',
      'categories.4.parent',
    ]);
  });

  it('rejects malformed definitions with invalid_taxonomy, never a crash', () => {
    for (const bad of [
      undefined,
      null,
      'billing',
      {},
      { categories: [] },
      { categories: [''] },
      { categories: [{ id: 'a', colour: 'red' }] },
      { categories: ['a'], segments: 'enterprise' },
      { categories: ['a'], maxTrackedUnknowns: 0 },
      {
        get categories() {
          throw new Error('boom');
        },
      },
    ]) {
      expect(() => defineTaxonomy(bad as never)).toThrow(InvalidTaxonomyError);
    }
  });

  it('rejects fields that are not an object of strings with invalid_input', () => {
    const taxonomy = defineTaxonomy(definition);
    for (const bad of [null, 'billing', { category: 3 }, { raw: 'x' }]) {
      expect(() => taxonomy.normalize(bad)).toThrow(InvalidInputError);
    }
  });
});

describe('checkClassifierLabels', () => {
  const taxonomy = defineTaxonomy(definition);

  it('lists labels outside the taxonomy and categories no label covers', () => {
    const result = checkClassifierLabels(taxonomy, {
      labels: ['billing.refund', 'Billing', 'password_reset', 'other'],
    });
    expect(result).toEqual({
      ok: false,
      unknownLabels: ['password_reset'],
      uncoveredCategories: ['billing.invoice', 'access', 'access.password_reset'],
    });
    expect(taxonomy.unknownReport().counts).toEqual([]);
  });

  it('passes labels that are all categories, and throws on request', () => {
    expect(checkClassifierLabels(taxonomy, ['billing', 'access']).ok).toBe(true);
    try {
      checkClassifierLabels(taxonomy, ['billing', 'shipping'], { onUnknown: 'throw' });
      expect.unreachable();
    } catch (error) {
      expect(UnknownClassifierLabelsError.isInstance(error)).toBe(true);
      expect((error as UnknownClassifierLabelsError).code).toBe('unknown_classifier_labels');
      expect((error as UnknownClassifierLabelsError).unknownLabels).toEqual(['shipping']);
    }
  });

  it('rejects malformed arguments with invalid_input', () => {
    expect(() => checkClassifierLabels({} as never, ['a'])).toThrow(InvalidInputError);
    expect(() => checkClassifierLabels(taxonomy, 'billing' as never)).toThrow(InvalidInputError);
    expect(() => checkClassifierLabels(taxonomy, ['a'], { onUnknown: 'explode' as never })).toThrow(
      InvalidInputError,
    );
  });
});
