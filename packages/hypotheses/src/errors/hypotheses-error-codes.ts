/** Stable error codes thrown by `@guardloop/hypotheses`. Match on these, never on messages. */
export const hypothesesErrorCodes = {
  invalidPlaybook: 'invalid_playbook',
  unknownPlaybookAction: 'unknown_playbook_action',
  unknownPlaybookIntent: 'unknown_playbook_intent',
  missingTemplateField: 'missing_template_field',
  modelHypothesesFailed: 'model_hypotheses_failed',
  malformedLearningRun: 'malformed_learning_run',
  learningLeaseLost: 'learning_lease_lost',
} as const;

export type HypothesesErrorCode = (typeof hypothesesErrorCodes)[keyof typeof hypothesesErrorCodes];
