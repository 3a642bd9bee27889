import { abortSignalSchema } from '@guardloop/core/internal';
import { z } from 'zod';
import { calibrationErrorKinds } from '../learning/calibrate-confidence-floor';
import { feedbackStoreSchema } from '../schemas/dependency-schemas';
import { timeRangeSchema } from '../schemas/time-range';

/** The four dimensions of the self-healing support maturity model. */
export const maturityDimensions = ['routing', 'knowledge_base', 'macros', 'self_healing'] as const;
export type MaturityDimension = (typeof maturityDimensions)[number];

/** Level 1 (manual) to 5 (self-healing). */
export type MaturityLevel = 1 | 2 | 3 | 4 | 5;

export const maturityLevelNames = {
  1: 'manual',
  2: 'rule-based',
  3: 'measured',
  4: 'learning',
  5: 'self-healing',
} as const satisfies Record<MaturityLevel, string>;

/** The learning jobs a deployment runs on a schedule (`@guardloop/hypotheses/jobs`). */
export const maturityLearningJobs = [
  'floor_calibration',
  'artifact_proposals',
  'routing_review',
  'problem_detection',
  'playbook_re_ranking',
] as const;

const name = z.string().min(1).max(256);

/** What the deployment has configured; the recorded outcomes say whether it is working. */
export const maturityConfigurationSchema = z.strictObject({
  /** Names of the rails the loop evaluates. */
  rails: z.array(name).max(1000).default([]),
  /** A confidence-floor rail (e.g. the semantic intent rail) gates autonomous actions. */
  confidenceFloor: z.boolean().default(false),
  /** Actions run through an undo log: reversible and idempotent. */
  undoLog: z.boolean().default(false),
  /** `manual`: people route; `rules`: static rules; `outcome_router`: `createOutcomeRouter`. */
  routing: z.enum(['manual', 'rules', 'outcome_router']).default('manual'),
  /** Macros, articles and prompts are versioned in `createArtifactRegistry`. */
  artifactRegistry: z.boolean().default(false),
  /** `manual`: someone runs calibrateConfidenceFloor; `scheduled`: a learning job does. */
  calibration: z.enum(['none', 'manual', 'scheduled']).default('none'),
  learningJobs: z.array(z.enum(maturityLearningJobs)).default([]),
  /** Hypotheses come from an outcome-ranked playbook (`createPlaybookHypotheses`). */
  playbookHypotheses: z.boolean().default(false),
});

export const assessMaturityOptionsSchema = z.strictObject({
  store: feedbackStoreSchema,
  configuration: maturityConfigurationSchema,
  /** Judge the outcomes of traces that started in this range (default: all). */
  range: timeRangeSchema.optional(),
  /** Error rate the floor calibration is judged against. Default 0.05. */
  targetErrorRate: z.number().gt(0).lt(1).default(0.05),
  /** What makes a decision wrong for that calibration. Default overridden or reopened. */
  errorWhen: z.array(z.enum(calibrationErrorKinds)).min(1).default(['overridden', 'reopened']),
  /** Resolved outcomes needed before outcomes count as evidence. Default 30. */
  minOutcomes: z.int().positive().default(30),
  abortSignal: abortSignalSchema.optional(),
});

export type MaturityConfiguration = z.input<typeof maturityConfigurationSchema>;
export type AssessMaturityOptions = z.input<typeof assessMaturityOptionsSchema>;

export interface MaturityGrade {
  dimension: MaturityDimension;
  level: MaturityLevel;
  /** `manual`, `rule-based`, `measured`, `learning` or `self-healing`. */
  levelName: (typeof maturityLevelNames)[MaturityLevel];
  /** Why this level: what is configured and what the outcomes show. */
  evidence: string[];
  /** What would raise it one level; empty at level 5. */
  toRaise: string[];
}

export interface MaturityReport {
  /** The lowest dimension's level: a chain is as mature as its weakest link. */
  overall: MaturityLevel;
  grades: MaturityGrade[];
}
