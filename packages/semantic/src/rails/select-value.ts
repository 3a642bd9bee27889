import type { RailContext } from '@guardloop/core';

/** Picks the value a rail should scan: any JSON-like value, walked recursively. */
export type ValueSelector = (context: RailContext) => unknown;

/**
 * The signal's whole payload, the draft in `attributes.draft` and the action's whole input:
 * every string in them, including recipients, subjects and nested fields.
 */
export const selectPiiValue: ValueSelector = (context) => ({
  signal: { payload: context.signal?.payload },
  attributes: { draft: context.attributes?.draft },
  action: { input: context.action?.input },
});

/**
 * What goes out: the draft in `attributes.draft` and the action's whole input (every field, not
 * only `draft`/`reply`/`body`: subjects, footers, nested objects and arrays too). The customer's
 * own words, in the signal, are left out.
 */
export const selectOutgoingValue: ValueSelector = (context) => ({
  attributes: { draft: context.attributes?.draft },
  action: { input: context.action?.input },
});
