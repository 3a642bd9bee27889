import {
  type FeedbackStoreArgumentKind,
  type FeedbackStoreArguments,
  parseFeedbackStoreArgument,
} from '@guardloop/feedback';

export type FeedbackInput<Kind extends FeedbackStoreArgumentKind> = FeedbackStoreArguments[Kind];

/**
 * Validates an argument of a `FeedbackStore` method with the contract's validator, so this
 * store rejects exactly what the memory store rejects (`invalid_input` naming the method),
 * including what PostgreSQL could not keep: NUL, lone surrogates, oversized keys, non-JSON data.
 */
export function parseFeedbackInput<Kind extends FeedbackStoreArgumentKind>(
  kind: Kind,
  input: unknown,
  method: string,
): FeedbackInput<Kind> {
  return parseFeedbackStoreArgument(kind, input, method);
}
