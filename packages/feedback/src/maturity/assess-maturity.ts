import { parseInput } from '@guardloop/core';
import { gradeKnowledgeBase, gradeMacros, gradeRouting, gradeSelfHealing } from './grade-maturity';
import { gatherMaturityFacts } from './maturity-facts';
import {
  type AssessMaturityOptions,
  assessMaturityOptionsSchema,
  type MaturityLevel,
  type MaturityReport,
} from './maturity-schemas';

/**
 * Grades a deployment from Level 1 (manual) to 5 (self-healing) on routing, knowledge base,
 * macro management and self-healing: from what is configured AND from what its recorded
 * outcomes show (is routing re-weighted by resolutions, are macros versioned from agent edits,
 * is the floor calibrated). Each grade carries its evidence and what would raise it. Reads the
 * store's aggregates, artifacts and trace states of `range` (one calibration pass).
 * @throws InvalidInputError (`invalid_input`) on malformed options; the abort reason when aborted
 */
export async function assessMaturity(options: AssessMaturityOptions): Promise<MaturityReport> {
  const { store, configuration, range, targetErrorRate, errorWhen, minOutcomes, abortSignal } =
    parseInput(assessMaturityOptionsSchema, options, 'maturity options');
  const facts = await gatherMaturityFacts({
    store,
    range,
    targetErrorRate,
    errorWhen,
    abortSignal,
  });
  const grades = [
    gradeRouting(configuration, facts, minOutcomes),
    gradeKnowledgeBase(configuration, facts),
    gradeMacros(configuration, facts),
    gradeSelfHealing(configuration, facts),
  ];
  const overall = Math.min(...grades.map((grade) => grade.level)) as MaturityLevel;
  return { overall, grades };
}
