import { diffArrays } from 'diff';

const normalise = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();
const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Sentences with their trailing whitespace, so that joining them gives the text back. */
function sentencesOf(text: string): string[] {
  return [...segmenter.segment(text)].map((part) => part.segment);
}

/** One sentence-level change between a macro and what an agent sent. */
export type SentenceEdit =
  | { kind: 'replace'; signature: string; removed: string; added: string }
  | { kind: 'remove'; signature: string; removed: string }
  /** `after` is the sentence it follows, '' at the start. */
  | { kind: 'insert'; signature: string; after: string; added: string };

/**
 * The sentence edits that turned `original` into `final`. Changed runs are paired sentence by
 * sentence, so a personalised greeting and a fixed link are two edits, not one. Signatures
 * ignore case and spacing: the same edit made by different agents has the same signature.
 */
export function sentenceEdits(original: string, final: string): SentenceEdit[] {
  const changes = diffArrays(sentencesOf(original), sentencesOf(final), {
    comparator: (left, right) => normalise(left) === normalise(right),
  });
  const edits: SentenceEdit[] = [];
  let anchor = '';
  let removed: string[] = [];
  let added: string[] = [];
  const flush = () => {
    removed.forEach((sentence, index) => {
      const replacement = added[index];
      edits.push(
        replacement === undefined
          ? {
              kind: 'remove',
              signature: JSON.stringify(['remove', normalise(sentence)]),
              removed: sentence,
            }
          : {
              kind: 'replace',
              signature: JSON.stringify(['replace', normalise(sentence), normalise(replacement)]),
              removed: sentence,
              added: replacement,
            },
      );
    });
    let after = removed.length > 0 ? (added[removed.length - 1] ?? anchor) : anchor;
    for (const sentence of added.slice(removed.length)) {
      edits.push({
        kind: 'insert',
        signature: JSON.stringify(['insert', normalise(after), normalise(sentence)]),
        after,
        added: sentence,
      });
      after = sentence;
    }
    removed = [];
    added = [];
  };
  for (const change of changes) {
    if (change.added) added.push(...change.value);
    else if (change.removed) removed.push(...change.value);
    else {
      flush();
      anchor = change.value.at(-1) ?? anchor;
    }
  }
  flush();
  return edits;
}

/** `original` with `edit` applied; unchanged when the sentence it refers to is not there. */
export function applySentenceEdit(original: string, edit: SentenceEdit): string {
  const sentences = sentencesOf(original);
  const find = (sentence: string) =>
    sentences.findIndex((candidate) => normalise(candidate) === normalise(sentence));
  // Keep the original's spacing after the sentence: only the words change.
  const spaced = (text: string, like: string) => text.trim() + (like.match(/\s*$/)?.[0] ?? '');
  if (edit.kind === 'insert') {
    const index = edit.after === '' ? -1 : find(edit.after);
    if (index === -1 && edit.after !== '') return original;
    const previous = sentences[index];
    if (previous !== undefined && !/\s$/.test(previous)) sentences[index] = `${previous} `;
    sentences.splice(index + 1, 0, spaced(edit.added, index + 1 < sentences.length ? ' ' : ''));
    return sentences.join('');
  }
  const index = find(edit.removed);
  if (index === -1) return original;
  if (edit.kind === 'remove') sentences.splice(index, 1);
  else sentences[index] = spaced(edit.added, sentences[index] ?? '');
  return sentences.join('');
}
