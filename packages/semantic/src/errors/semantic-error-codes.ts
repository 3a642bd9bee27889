/** Stable error codes thrown by `@guardloop/semantic` (besides core's `invalid_input`). */
export const semanticErrorCodes = {
  emptyText: 'empty_text',
  textTooLong: 'text_too_long',
  unknownLabel: 'unknown_label',
  modelClassificationFailed: 'model_classification_failed',
} as const;

export type SemanticErrorCode = (typeof semanticErrorCodes)[keyof typeof semanticErrorCodes];
