// Every span, attribute and metric name this package emits, in one place: the OpenTelemetry GenAI
// guardrail conventions are still a proposal (semantic-conventions-genai "run guardrail span"), so
// a rename there is a change here only.

/** The OpenTelemetry instrumentation scope. */
export const instrumentationScope = '@guardloop/otel';

export const spanNames = {
  loop: 'guardloop.loop',
  /** A `loop.resume` run, days later: linked to the decision trace, not a child of it. */
  resume: 'guardloop.loop.resume',
  intake: 'guardloop.intake',
  classify: 'guardloop.classify',
  hypotheses: 'guardloop.hypotheses',
  decide: 'guardloop.decide',
  /** A host's own `steps.decide`, inside the decide span. */
  customDecide: 'guardloop.decide.custom',
  act: 'guardloop.act',
  escalate: 'guardloop.escalate',
  /** `run_guardrail {rail}`, the proposal's `gen_ai.run_guardrail.internal` span (kind INTERNAL). */
  railPrefix: 'run_guardrail',
  /** `guardloop.action {name}`: one undo-log run. */
  actionPrefix: 'guardloop.action',
  undo: 'guardloop.undo',
  undoTrace: 'guardloop.undo_trace',
  /** `guardloop.outcome {type}`: an outcome recorded later, linked to the decision trace. */
  outcomePrefix: 'guardloop.outcome',
} as const;

export const attributes = {
  // GenAI guardrail proposal
  operationName: 'gen_ai.operation.name',
  guardrailName: 'gen_ai.security.guardrail.name',
  guardrailType: 'gen_ai.security.guardrail.type',
  verdictType: 'gen_ai.security.verdict.type',
  verdictReason: 'gen_ai.security.verdict.reason',
  verdictConfidence: 'gen_ai.security.verdict.confidence',
  actionType: 'gen_ai.security.action.type',
  policyId: 'gen_ai.security.policy.id',
  policyVersion: 'gen_ai.security.policy.version',
  policyRuleId: 'gen_ai.security.policy.rule.id',
  // guardloop
  traceId: 'guardloop.trace_id',
  signalId: 'guardloop.signal.id',
  signalSource: 'guardloop.signal.source',
  signalKind: 'guardloop.signal.kind',
  signalTenant: 'guardloop.signal.tenant',
  /** Only with `recordPayload`, redacted. */
  signalPayload: 'guardloop.signal.payload',
  actorType: 'guardloop.actor.type',
  loopStatus: 'guardloop.loop.status',
  failedStep: 'guardloop.loop.failed_step',
  intentLabel: 'guardloop.intent.label',
  intentConfidence: 'guardloop.intent.confidence',
  intentAbstained: 'guardloop.intent.abstained',
  classifier: 'guardloop.classifier',
  classifierCalibrated: 'guardloop.classifier.calibrated',
  hypothesisCount: 'guardloop.hypotheses.count',
  hypothesisId: 'guardloop.hypothesis.id',
  hypothesisConfidence: 'guardloop.hypothesis.confidence',
  /** `id@version` of every versioned artifact (macro, article, prompt) in the evidence. */
  artifactVersions: 'guardloop.artifact.versions',
  decisionId: 'guardloop.decision.id',
  decisionVerdict: 'guardloop.decision.verdict',
  decidedBy: 'guardloop.decision.decided_by',
  railStatus: 'guardloop.rail.status',
  ruleVersion: 'guardloop.rule.version',
  autonomyLevel: 'guardloop.autonomy.level',
  actionName: 'guardloop.action.name',
  actionReversible: 'guardloop.action.reversible',
  actionRecordId: 'guardloop.action.record_id',
  idempotencyKey: 'guardloop.action.idempotency_key',
  actionReplayed: 'guardloop.action.replayed',
  actionDryRun: 'guardloop.action.dry_run',
  undoAlreadyUndone: 'guardloop.undo.already_undone',
  undoSkipped: 'guardloop.undo.skipped',
  escalationId: 'guardloop.escalation.id',
  escalationStep: 'guardloop.escalation.step',
  escalationRail: 'guardloop.escalation.rail',
  humanDecision: 'guardloop.human.decision',
  outcomeType: 'guardloop.outcome.type',
  outcomeId: 'guardloop.outcome.id',
  outcomeScore: 'guardloop.outcome.score',
  outcomeDecision: 'guardloop.outcome.decision',
  slaDeadline: 'guardloop.sla.deadline',
  slaLateMs: 'guardloop.sla.late_ms',
  /** Metric dimensions. */
  slo: 'guardloop.slo',
  budget: 'guardloop.budget',
  budgetScope: 'guardloop.budget.scope',
  budgetDimension: 'guardloop.budget.dimension',
} as const;

export const metricNames = {
  decisions: 'guardloop.decisions',
  runs: 'guardloop.loop.runs',
  escalations: 'guardloop.escalations',
  autonomyLevel: 'guardloop.autonomy.level',
  errorBudgetRemaining: 'guardloop.slo.error_budget.remaining',
  costUsed: 'guardloop.budget.cost.used',
  slaBreaches: 'guardloop.sla.breaches',
  classifications: 'guardloop.classifier.classifications',
  abstentions: 'guardloop.classifier.abstentions',
  railDuration: 'guardloop.rail.duration',
  outcomes: 'guardloop.outcomes',
} as const;

/** `gen_ai.operation.name` of a rail span. */
export const runGuardrailOperation = 'run_guardrail';

/** The autonomy dial as a number for the gauge: `full` 2, `reduced` 1, `none` 0. */
export const autonomyLevelValues: Readonly<Record<string, number>> = {
  full: 2,
  reduced: 1,
  none: 0,
};
