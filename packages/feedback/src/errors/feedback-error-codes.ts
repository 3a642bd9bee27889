/** Stable error codes thrown by `@guardloop/feedback`. Match on these, never on messages. */
export const feedbackErrorCodes = {
  invalidOutcome: 'invalid_outcome',
  unknownTrace: 'unknown_trace',
  outcomeConflict: 'outcome_conflict',
  concurrentUpdate: 'concurrent_update',
  noCandidateQueues: 'no_candidate_queues',
  artifactNotFound: 'artifact_not_found',
  invalidArtifactTransition: 'invalid_artifact_transition',
  problemNotFound: 'problem_not_found',
  loopEventRecordingFailed: 'loop_event_recording_failed',
  outcomeNotRecorded: 'outcome_not_recorded',
} as const;

export type FeedbackErrorCode = (typeof feedbackErrorCodes)[keyof typeof feedbackErrorCodes];
