import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors/invalid-input-error';
import type { ActionCatalog } from './action-catalog';
import { needsHumanApproval } from './needs-human-approval';

const catalog: ActionCatalog = {
  describeAction: (name) =>
    ({ refund: { reversible: false }, send_reset_link: { reversible: true } })[name],
};

describe('needsHumanApproval', () => {
  it('lets the definition decide when a catalog is given', () => {
    expect(needsHumanApproval({ name: 'send_reset_link' }, { actions: catalog })).toBe(false);
    expect(needsHumanApproval({ name: 'refund' }, { actions: catalog })).toBe(true);
  });

  it('ignores a hint that disagrees with the definition', () => {
    expect(needsHumanApproval({ name: 'refund', reversible: true }, { actions: catalog })).toBe(
      true,
    );
    expect(
      needsHumanApproval({ name: 'send_reset_link', reversible: false }, { actions: catalog }),
    ).toBe(false);
  });

  it('fails closed for an action the catalog does not know', () => {
    expect(needsHumanApproval({ name: 'drop_table', reversible: true }, { actions: catalog })).toBe(
      true,
    );
  });

  it('uses the hint without a catalog, and treats an undeclared action as irreversible', () => {
    expect(needsHumanApproval({ name: 'x', reversible: true })).toBe(false);
    expect(needsHumanApproval({ name: 'x', reversible: false })).toBe(true);
    expect(needsHumanApproval({ name: 'x' })).toBe(true);
    expect(needsHumanApproval({ name: 'x' }, {})).toBe(true);
  });

  it('rejects malformed input with a typed error', () => {
    expect(() => needsHumanApproval(null as never)).toThrow(InvalidInputError);
    expect(() => needsHumanApproval({ name: '' })).toThrow(InvalidInputError);
    expect(() => needsHumanApproval({ name: 'x' }, { actions: {} as never })).toThrow(
      InvalidInputError,
    );
    const broken = { describeAction: () => ({ reversible: 'yes' }) } as unknown as ActionCatalog;
    expect(() => needsHumanApproval({ name: 'x' }, { actions: broken })).toThrow(
      /description of action 'x'/,
    );
  });
});
