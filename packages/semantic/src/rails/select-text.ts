import type { RailContext, Signal } from '@guardloop/core';

/** Picks the text a rail should judge from its context; undefined when there is none. */
export type TextSelector = (context: RailContext) => string | undefined;

const signalFields = ['subject', 'title', 'text', 'body', 'message', 'description', 'content'];
const draftFields = ['draft', 'reply', 'message', 'text', 'body'];

/**
 * The words of a signal: its payload's subject, title, text, body, message, description and
 * content that are non-blank strings, in that order, one per line; undefined when there is none.
 */
export const textOfSignal = (signal: Signal | undefined): string | undefined =>
  joinStrings(signal?.payload, signalFields);

/** The incoming words: the signal payload's subject/title then text/body/message/description. */
export const selectSignalText: TextSelector = (context) => textOfSignal(context.signal);

/**
 * The outgoing reply as one text: `attributes.draft`, else the first of the action input's
 * draft/reply/message/text/body. Other fields go unread: to check everything that goes out, use
 * `selectOutgoingValue` (the brand-safety rail's default).
 */
export const selectDraftText: TextSelector = (context) => {
  const draft = context.attributes?.draft;
  if (typeof draft === 'string' && draft.trim() !== '') return draft;
  return joinStrings(context.action?.input, draftFields, 1);
};

/** Incoming and outgoing text together. */
export const selectAllText: TextSelector = (context) => {
  const parts = [selectSignalText(context), selectDraftText(context)].filter(
    (part): part is string => part !== undefined,
  );
  return parts.length > 0 ? parts.join('\n') : undefined;
};

function joinStrings(
  record: Record<string, unknown> | undefined,
  fields: readonly string[],
  limit = fields.length,
): string | undefined {
  if (!record) return undefined;
  const parts = fields
    .map((field) => record[field])
    .filter((value): value is string => typeof value === 'string' && value.trim() !== '')
    .slice(0, limit);
  return parts.length > 0 ? parts.join('\n') : undefined;
}
