import type { z } from 'zod';
import type { MaturityFacts } from './maturity-facts';
import {
  type MaturityDimension,
  type MaturityGrade,
  type MaturityLevel,
  type maturityConfigurationSchema,
  maturityLevelNames,
} from './maturity-schemas';

type Configuration = z.output<typeof maturityConfigurationSchema>;

/** One step of a dimension's ladder: reached when `met`, with what shows it or what is missing. */
interface Step {
  met: boolean;
  evidence: string;
  missing: string;
}

const percent = (part: number, whole: number) =>
  whole === 0 ? 'n/a' : `${((part / whole) * 100).toFixed(0)}%`;

/** Level 1 plus one for each consecutive step met; the first unmet step is what would raise it. */
function climb(dimension: MaturityDimension, base: string, steps: Step[]): MaturityGrade {
  const evidence = [base];
  let level = 1;
  for (const step of steps) {
    if (!step.met) {
      return grade(dimension, level, evidence, [step.missing]);
    }
    level += 1;
    evidence.push(step.evidence);
  }
  return grade(dimension, level, evidence, []);
}

function grade(
  dimension: MaturityDimension,
  level: number,
  evidence: string[],
  toRaise: string[],
): MaturityGrade {
  const reached = level as MaturityLevel;
  return { dimension, level: reached, levelName: maturityLevelNames[reached], evidence, toRaise };
}

export function gradeRouting(config: Configuration, facts: MaturityFacts, minOutcomes: number) {
  const learned = facts.routing
    .map(({ category, queues }) => {
      const resolved = queues.reduce((sum, queue) => sum + queue.resolved, 0);
      const rate = (queue: (typeof queues)[number]) =>
        (queue.firstContactResolved + 1) / (queue.resolved + 2);
      const best = [...queues].sort((a, b) => rate(b) - rate(a))[0] as (typeof queues)[number];
      const early = queues.reduce((sum, queue) => sum + queue.early, 0);
      const late = queues.reduce((sum, queue) => sum + queue.late, 0);
      const shift = (late > 0 ? best.late / late : 0) - (early > 0 ? best.early / early : 0);
      return { category, resolved, best, shift, queues: queues.length };
    })
    .sort((a, b) => b.resolved - a.resolved);
  const top = learned[0];
  const moved = learned.find((item) => item.resolved >= minOutcomes && item.shift >= 0.05);
  return climb('routing', `routing: ${config.routing}`, [
    {
      met: config.routing !== 'manual',
      evidence: 'tickets are routed by rules, not by hand',
      missing: 'route by rules or by createOutcomeRouter instead of by hand',
    },
    {
      met: config.routing === 'outcome_router',
      evidence: 'queues are chosen by the outcome router (Thompson sampling on resolutions)',
      missing: 'route with createOutcomeRouter so that resolutions re-weight the queues',
    },
    {
      met: top !== undefined && top.resolved >= minOutcomes,
      evidence: top
        ? `re-weighted by outcomes: ${top.resolved} resolved ${top.category} tickets over ${top.queues} queues, ${top.best.queue} leads with ${percent(top.best.firstContactResolved, top.best.resolved)} first-contact resolution`
        : '',
      missing: `record at least ${minOutcomes} resolutions in a category routed to two or more queues`,
    },
    {
      met: config.learningJobs.includes('routing_review') && moved !== undefined,
      evidence: moved
        ? `traffic moved to the queue outcomes favour: ${moved.best.queue} +${(moved.shift * 100).toFixed(0)} points of ${moved.category}, reviewed on a schedule`
        : '',
      missing: config.learningJobs.includes('routing_review')
        ? 'outcomes have not moved traffic to the better queue yet (+5 points of share in the window)'
        : 'schedule the routing review job and let outcomes move traffic to the better queue',
    },
  ]);
}

function gradeArtifacts(
  dimension: 'knowledge_base' | 'macros',
  config: Configuration,
  facts: MaturityFacts,
) {
  const kind = dimension === 'macros' ? 'macro' : 'article';
  const plural = `${kind}s`;
  const counts = facts.artifacts[kind];
  const used =
    kind === 'macro'
      ? {
          met: facts.macroUses > 0,
          evidence: `${facts.macroUses} macro uses recorded, ${percent(facts.macroEdits, facts.macroUses)} edited by agents`,
          missing: 'record macro_used outcomes (with the agent edits) on the traces',
        }
      : {
          met: facts.articleVotes > 0 || facts.deflected > 0,
          evidence: `${facts.articleVotes} article votes and ${facts.deflected} deflections recorded`,
          missing: 'record article_feedback and deflection outcomes',
        };
  const scheduled = config.learningJobs.includes('artifact_proposals');
  return climb(dimension, `${counts.items} ${plural} in the artifact registry`, [
    {
      met: config.artifactRegistry && counts.items > 0,
      evidence: `${plural} are versioned in the artifact registry`,
      missing: `keep the ${plural} in createArtifactRegistry so that every change is a version`,
    },
    used,
    {
      met: counts.proposed > 0,
      evidence: `${counts.proposed} ${kind} versions proposed from outcomes (${kind === 'macro' ? 'repeated agent edits' : 'unhelpful votes and reopen reasons'})`,
      missing: `propose ${kind} versions from outcome clusters (artifacts.proposeFromOutcomes)`,
    },
    {
      met: scheduled && counts.promoted > 0,
      evidence: `${counts.promoted} proposed versions promoted by review, proposals run on a schedule`,
      missing: scheduled
        ? 'no proposed version has passed review yet'
        : 'schedule the artifact proposal job and review its proposals',
    },
  ]);
}

export const gradeKnowledgeBase = (config: Configuration, facts: MaturityFacts) =>
  gradeArtifacts('knowledge_base', config, facts);
export const gradeMacros = (config: Configuration, facts: MaturityFacts) =>
  gradeArtifacts('macros', config, facts);

export function gradeSelfHealing(config: Configuration, facts: MaturityFacts) {
  const { calibration } = facts;
  const scheduled = ['floor_calibration', 'problem_detection'] as const;
  const missingJobs = scheduled.filter((job) => !config.learningJobs.includes(job));
  return climb('self_healing', `${config.rails.length} rails`, [
    {
      met: config.rails.length > 0,
      evidence: `actions pass ${config.rails.length} rails (${config.rails.slice(0, 5).join(', ')})`,
      missing: 'put rails in front of every action',
    },
    {
      met: config.confidenceFloor && config.undoLog,
      evidence: 'a confidence floor gates autonomy and actions are reversible (undo log)',
      missing: [
        config.confidenceFloor ? '' : 'gate autonomous actions with a confidence-floor rail',
        config.undoLog ? '' : 'run actions through an undo log',
      ]
        .filter(Boolean)
        .join('; '),
    },
    {
      met: config.calibration !== 'none' && calibration.status === 'calibrated',
      evidence:
        calibration.status === 'calibrated'
          ? `floor calibrated from outcomes: ${calibration.floor.toFixed(2)} over ${calibration.labelledSamples} labelled decisions (error bound ${(calibration.errorRateUpperBound * 100).toFixed(1)}%)`
          : '',
      missing:
        config.calibration === 'none'
          ? 'calibrate the confidence floor from outcomes (calibrateConfidenceFloor)'
          : `the outcomes do not calibrate a floor yet (${calibration.status}, ${calibration.labelledSamples} labelled decisions)`,
    },
    {
      met: missingJobs.length === 0 && config.playbookHypotheses,
      evidence:
        'floors and problems are checked on a schedule and hypotheses are ranked by outcomes',
      missing: [
        ...missingJobs.map((job) => `schedule the ${job.replace('_', ' ')} job`),
        ...(config.playbookHypotheses
          ? []
          : ['propose hypotheses from an outcome-ranked playbook']),
      ].join('; '),
    },
  ]);
}
