import { describe, expect, it } from 'vitest';
import { applySentenceEdit, sentenceEdits } from './sentence-edits';

const macro = 'Hi there. Reset your password at example.com/reset. Thanks for waiting.';

describe('sentenceEdits', () => {
  it('finds a replaced sentence, ignoring spacing', () => {
    const final = 'Hi there.  Reset your password at example.com/account. Thanks for waiting.';
    const edits = sentenceEdits(macro, final);
    expect(edits).toEqual([
      expect.objectContaining({
        kind: 'replace',
        removed: 'Reset your password at example.com/reset. ',
        added: 'Reset your password at example.com/account. ',
      }),
    ]);
    expect(sentenceEdits(macro, macro)).toEqual([]);
    expect(sentenceEdits(macro, macro.toUpperCase())).toEqual([]);
  });

  it('separates adjacent edits, so personalisation does not hide a shared edit', () => {
    const fixLink = (greeting: string) =>
      macro.replace('Hi there.', greeting).replace('/reset', '/account');
    const a = sentenceEdits(macro, fixLink('Hi Ana.'));
    const b = sentenceEdits(macro, fixLink('Hi Bo.'));
    expect(a).toHaveLength(2);
    const shared = a.filter((edit) => b.some((other) => other.signature === edit.signature));
    expect(shared).toEqual([
      expect.objectContaining({ kind: 'replace', added: expect.stringContaining('/account') }),
    ]);
  });

  it('finds insertions after their anchor and removals', () => {
    const inserted = sentenceEdits(
      macro,
      macro.replace('reset. ', 'reset. It expires in 1 hour. '),
    );
    expect(inserted).toEqual([
      expect.objectContaining({ kind: 'insert', added: 'It expires in 1 hour. ' }),
    ]);
    const removed = sentenceEdits(macro, 'Hi there. Thanks for waiting.');
    expect(removed).toEqual([expect.objectContaining({ kind: 'remove' })]);
  });
});

describe('applySentenceEdit', () => {
  it('applies a replacement, an insertion and a removal to the original text', () => {
    const [replace] = sentenceEdits(macro, macro.replace('/reset', '/account'));
    expect(replace && applySentenceEdit(macro, replace)).toBe(macro.replace('/reset', '/account'));
    const [insert] = sentenceEdits(
      macro,
      macro.replace('reset. ', 'reset. It expires in 1 hour. '),
    );
    expect(insert && applySentenceEdit(macro, insert)).toBe(
      'Hi there. Reset your password at example.com/reset. It expires in 1 hour. Thanks for waiting.',
    );
    const [atEnd] = sentenceEdits(macro, `${macro} Bye.`);
    expect(atEnd && applySentenceEdit(macro, atEnd)).toBe(`${macro} Bye.`);
    const [atStart] = sentenceEdits(macro, `Hello. ${macro}`);
    expect(atStart && applySentenceEdit(macro, atStart)).toBe(`Hello. ${macro}`);
    const [remove] = sentenceEdits(macro, 'Hi there. Thanks for waiting.');
    expect(remove && applySentenceEdit(macro, remove)).toBe('Hi there. Thanks for waiting.');
  });

  it('leaves the text alone when the edited sentence is missing', () => {
    const [replace] = sentenceEdits(macro, macro.replace('/reset', '/account'));
    expect(replace && applySentenceEdit('Something else.', replace)).toBe('Something else.');
  });
});
